//! Numeric slogans (数字概括语): the counted formulas of Chinese policy writing.
//!
//! Shapes recognised, from the most to the least specific:
//! - 一X一Y with a unit of administration X and a tool Y: 一企一策, 一业一法, 一村一品,
//!   一项目一方案 (quoted or not; idioms such as 一心一意 or 一减一增 have neither);
//! - N个X: 四个意识, 两个维护, 五个一 (quoted, or with a known head such as 意识, 平台, 一);
//! - a quoted numeral-led term: “六到位”, “四方责任”, “四率排名”, “三服务”, “四张图”,
//!   compounds “两确保三争取”, “两零两全”, and quoted lists “一中心、四平台、一网格”,
//!   “两手抓、两手硬、两战赢” kept whole as written;
//! - a few unquoted two-part heads: 两战, 双胜利, 双循环.
//!
//! Prefix uses and idioms are not slogans: 一站式, 一刀切, 一盘棋, 一手抓, 一线, 一批,
//! 第一, 一是, 两位数 — a quoted or unquoted term that starts with a lone 一 only counts in
//! the 一X一Y shape. Where the article spells the parts out — after 即/就是/包括
//! (…“五个一”…，即：制定好“一张负面清单”…) or in an enumeration right before the slogan
//! (开复工率、投资完成率…“四率排名”) — the parts become `items`, and `count_mismatch` says
//! when their number differs from the stated count.

use super::model::Slogan;
use super::numerals::{cn_digit, read_chinese};
use crate::convert::is_han;

/// Numerals that can lead a slogan.
fn lead_value(c: char) -> Option<u32> {
    match c {
        '双' => Some(2),
        '十' => Some(10),
        _ => cn_digit(c).filter(|&v| v > 0),
    }
}

/// Units of administration in 一X一Y (the X).
const ENTITIES: &[&str] = &[
    "企", "业", "域", "人", "户", "村", "校", "地", "县", "镇", "区", "园", "厂", "店", "场", "项",
    "事", "品", "岗", "楼", "街", "乡", "市", "家", "车", "院", "所", "类", "点", "屋", "组",
    "项目", "企业", "行业", "园区", "产业", "社区", "小区", "学校", "单位", "部门", "网格", "片区",
    "楼宇", "领域", "景区", "病例", "患者", "商户",
];

/// Tools of policy in 一X一Y (the Y).
const TOOLS: &[&str] = &[
    "策",
    "案",
    "法",
    "员",
    "档",
    "表",
    "单",
    "册",
    "卡",
    "码",
    "证",
    "组",
    "品",
    "账",
    "图",
    "包",
    "制",
    "议",
    "专班",
    "方案",
    "专员",
    "清单",
    "档案",
    "台账",
    "政策",
    "举措",
    "对策",
    "措施",
    "团队",
    "机制",
    "责任人",
    "顾问",
    "指导员",
    "服务员",
    "联络员",
    "特派员",
    "专家",
    "医生",
    "品牌",
    "特色",
    "平台",
    "计划",
    "规划",
];

/// Heads after N个 that make a slogan even unquoted.
const GE_HEADS: &[&str] = &[
    "意识",
    "自信",
    "维护",
    "平台",
    "全面",
    "坚持",
    "必须",
    "务必",
    "到位",
    "优先",
    "不变",
    "服务",
    "统筹",
    "确保",
    "一百年",
    "一",
    "没有变",
    "毫不动摇",
];

/// Heads after 两个 only that make a slogan unquoted: the paired formulas of policy writing
/// (统筹两个大局, 利用两个市场, 两个确立), where 三个市场 would be a plain count.
const GE_HEADS_TWO: &[&str] = &["大局", "市场", "确立"];

/// Unquoted heads after 两 / 双 (两战, 双胜利, 两手抓, 两不误): the paired formulas that
/// policy writing uses bare, as in 做到两手抓、两不误. 一手抓 stays a plain phrase, and so
/// does the spelled-out sentence 两手都要硬.
const BARE_HEADS: &[&str] = &[
    "战", "胜利", "循环", "随机", "手抓", "手硬", "不误", "不愁", "促进",
];

/// National formulas that are written bare and whose numeral need not lead (收支两条线,
/// 一岗双责): the fixed vocabulary of policy writing, recognised wherever they stand.
const FIXED: &[&str] = &[
    "收支两条线",
    "一岗双责",
    "两不愁三保障",
    "三去一降一补",
    "两学一做",
    "三严三实",
    "三会一课",
    "三重一大",
    "四不两直",
    "五位一体",
    "一带一路",
    "最多跑一次",
    "六稳",
    "六保",
    "三农",
    "四风",
];

/// Numeral-initial ordinary words: quoted, they are still not formulas (减少“两头跑”,
/// 破解“两难”, 实现“双赢”).
const PLAIN_WORDS: &[&str] = &[
    "两头", "两岸", "两侧", "两旁", "两边", "两端", "两难", "两者", "两性", "双方", "双边", "双重",
    "双向", "双赢", "双手", "双眼", "三角", "四周", "四处", "四季", "八方", "十分", "十足", "万一",
    "千万", "百姓", "九州", "五湖", "四海",
];

/// Quoted 一X一Y that are idioms, not formulas.
const YI_IDIOMS: &[&str] = &[
    "一心一意",
    "一草一木",
    "一言一行",
    "一点一滴",
    "一朝一夕",
    "一针一线",
    "一举一动",
    "一模一样",
    "一生一世",
    "一板一眼",
    "一唱一和",
    "一问一答",
    "一进一出",
    "一来一回",
    "一张一弛",
    "一丝一毫",
    "一砖一瓦",
    "一笔一画",
    "一字一句",
    "一分一秒",
    "一减一增",
    "一增一减",
    "一上一下",
    "一前一后",
];

/// Chars that open a quoted term as an ordinal, a time or an amount, not as the verb of a
/// formula (“第三方”, “前三名”, “近两年”): see [`verb_led`].
const NOT_VERB_LEAD: &[char] = &[
    '第', '前', '后', '近', '约', '超', '每', '这', '那', '各', '首', '头', '末', '初', '高', '周',
    '星', '共', '仅', '只', '达', '逾', '余', '数', '几', '其', '该', '此', '上', '下', '零', '单',
    '统', '唯', '另', '又', '再',
];

/// Classifiers: a numeral before one of these counts (十条, 三个, 两项), it is no formula.
const CLASSIFIERS: &[char] = &[
    '条', '个', '项', '点', '批', '次', '种', '类', '名', '位', '家', '件', '年', '天', '月', '周',
    '方', '套', '张', '份',
];

/// Place names that open with a numeral.
const NUMERAL_PLACES: &[&str] = &[
    "四川",
    "三亚",
    "三明",
    "三门峡",
    "三河",
    "三沙",
    "六盘水",
    "六安",
    "七台河",
    "九江",
    "九台",
    "九龙",
    "十堰",
    "五指山",
    "五常",
    "五家渠",
    "二连浩特",
    "四平",
    "四会",
    "八宿",
    "百色",
    "千岛湖",
    "万州",
    "万宁",
    "双鸭山",
    "双流",
    "双峰",
    "八闽",
    "三晋",
    "三秦",
    "三湘",
    "八桂",
    "两广",
    "两湖",
    "三江",
    "九寨",
    "五台",
];

/// Words that introduce the spelled-out parts after a slogan.
const INTRODUCERS: &[&str] = &[
    "即：",
    "即:",
    "就是",
    "包括",
    "分别是",
    "具体是",
    "即",
    "：",
];

/// Verbs stripped from the first item of an enumeration before a slogan.
const LEAD_VERBS: &[&str] = &[
    "要紧盯",
    "紧盯",
    "要",
    "做到",
    "实行",
    "实现",
    "压紧压实",
    "压实",
    "落实",
    "开展",
    "建立",
    "抓好",
    "做好",
    "坚持",
    "推行",
    "围绕",
    "聚焦",
    "实施",
    "强化",
    "突出",
    "确保",
];

fn is_quote_open(c: char) -> Option<char> {
    match c {
        '“' => Some('”'),
        '「' => Some('」'),
        '"' => Some('"'),
        '‘' => Some('’'),
        _ => None,
    }
}

fn eq_at(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(n, c)| chars.get(i + n) == Some(&c))
}

fn in_list(chars: &[char], list: &[&str]) -> bool {
    let s: String = chars.iter().collect();
    list.contains(&s.as_str())
}

/// A 一X一Y at `i` covering at most `limit`: its length.
fn yi_x_yi_y(chars: &[char], i: usize, limit: usize) -> Option<usize> {
    if chars.get(i) != Some(&'一') {
        return None;
    }
    let mut best = None;
    for a in 1..=2 {
        if chars.get(i + 1 + a) != Some(&'一') {
            continue;
        }
        let x = chars.get(i + 1..i + 1 + a)?;
        if !x.iter().all(|&c| is_han(c) && lead_value(c).is_none()) || !in_list(x, ENTITIES) {
            continue;
        }
        for b in (1..=3).rev() {
            let from = i + 2 + a;
            if from + b > limit {
                continue;
            }
            let Some(y) = chars.get(from..from + b) else {
                continue;
            };
            if y.iter().all(|&c| is_han(c)) && in_list(y, TOOLS) {
                best = best.max(Some(2 + a + b));
                break;
            }
        }
    }
    best
}

/// What a candidate string is, if a slogan: `(count, parts)`. `parts` are the heads of a
/// compound (确保, 争取) used to find its items.
struct Formula {
    count: Option<u32>,
    heads: Vec<String>,
    /// The counted noun of N个X / NX (令, 图, 率, 到位).
    noun: String,
    ge_one: bool,
}

impl Formula {
    /// A formula that states no count and names no parts (一企一策, 一带一路).
    fn bare() -> Self {
        Formula {
            count: None,
            heads: vec![],
            noun: String::new(),
            ge_one: false,
        }
    }
}

/// Classifies a whole quoted string.
fn quoted_formula(inner: &[char]) -> Option<Formula> {
    let n = inner.len();
    if !(2..=16).contains(&n) {
        return None;
    }
    // A quoted list: every part numeral-led (一中心、四平台、一网格).
    let parts: Vec<&[char]> = inner
        .split(|&c| c == '、' || c == '，' || c == ',')
        .collect();
    if parts.len() >= 2 {
        let all_led = parts
            .iter()
            .all(|p| (2..=6).contains(&p.len()) && lead_value(p[0]).is_some() && !starts_plain(p));
        let not_all_yi = parts.iter().any(|p| p[0] != '一')
            || parts
                .iter()
                .all(|p| yi_x_yi_y(p, 0, p.len()) == Some(p.len()));
        if all_led && not_all_yi {
            return Some(Formula::bare());
        }
        return None;
    }
    if yi_x_yi_y(inner, 0, n) == Some(n) {
        return Some(Formula::bare());
    }
    // Compound N1C1N2C2: 两确保三争取, 一确保两争取, 两零两全 (not 一减一增).
    let mut heads = Vec::new();
    let mut leads = Vec::new();
    let mut total = 0;
    let mut k = 0;
    while k < n {
        let Some(v) = lead_value(inner[k]) else { break };
        let mut e = k + 1;
        while e < n && lead_value(inner[e]).is_none() && e - k <= 2 {
            e += 1;
        }
        if e == k + 1 {
            break;
        }
        heads.push(inner[k + 1..e].iter().collect::<String>());
        leads.push(inner[k]);
        total += v;
        k = e;
    }
    if k == n && heads.len() >= 2 && leads.iter().any(|&c| c != '一') {
        return Some(Formula {
            count: Some(total),
            heads,
            noun: String::new(),
            ge_one: false,
        });
    }
    // Quoted, any 一X一Y is a formula (“一带一路”, “一老一小”, “一户一画像”) but an idiom.
    if quoted_yi_x_yi_y(inner) {
        return Some(Formula::bare());
    }
    if let Some(f) = verb_led(inner) {
        return Some(f);
    }
    let v = lead_value(inner[0])?;
    if inner[0] == '一' {
        return None; // 一站式, 一刀切, 一张负面清单: prefix uses and items, not formulas
    }
    // A place whose name opens with a numeral (“四川税务” is an app's name, not a formula),
    // and ordinary words (“两头跑”, “两难”).
    let text: String = inner.iter().collect();
    if NUMERAL_PLACES.iter().any(|p| text.starts_with(p)) || starts_plain(inner) {
        return None;
    }
    // Read the leading numeral (十一, 二十).
    let (count, len) = match read_chinese(inner, 0) {
        Some((x, l)) if inner[0] != '双' => (x as u32, l),
        _ => (v, 1),
    };
    let rest = &inner[len..];
    if rest.is_empty() || rest.len() > 5 {
        return None;
    }
    // N个X
    if rest[0] == '个' && rest.len() >= 2 {
        let noun: String = rest[1..].iter().collect();
        return Some(Formula {
            count: Some(count),
            heads: vec![],
            ge_one: rest[1] == '一',
            noun,
        });
    }
    if lead_value(rest[0]).is_some() {
        return None; // 十四五 and the like
    }
    // N + noun: 六到位, 四方责任, 四张图, 三服务.
    let noun: String = rest.iter().collect();
    Some(Formula {
        count: Some(count),
        heads: vec![],
        noun,
        ge_one: false,
    })
}

/// True where `chars` opens with a numeral-initial ordinary word (两头, 双赢, 八方).
fn starts_plain(chars: &[char]) -> bool {
    PLAIN_WORDS.iter().any(|w| eq_at(chars, 0, w))
}

/// A quoted 一X一Y of any X and Y (X one or two chars, Y one to three), not an idiom.
fn quoted_yi_x_yi_y(inner: &[char]) -> bool {
    let n = inner.len();
    if !(4..=6).contains(&n) || inner[0] != '一' {
        return false;
    }
    let plain = |c: &char| is_han(*c) && lead_value(*c).is_none();
    let text: String = inner.iter().collect();
    (2..=3).any(|k| {
        inner[k] == '一'
            && inner[1..k].iter().all(plain)
            && (1..=3).contains(&(n - k - 1))
            && inner[k + 1..].iter().all(plain)
    }) && !YI_IDIOMS.contains(&text.as_str())
}

/// A quoted formula led by a one-char verb (“清四乱”, “破五唯”, “保五争三”): the verb, then
/// a numeral-led formula that is not a count (“税十条” is a nickname of ten articles,
/// “前三名” a rank).
fn verb_led(inner: &[char]) -> Option<Formula> {
    let n = inner.len();
    if !(3..=6).contains(&n)
        || !is_han(inner[0])
        || lead_value(inner[0]).is_some()
        || NOT_VERB_LEAD.contains(&inner[0])
        || matches!(inner[1], '一' | '十')
    {
        return None;
    }
    lead_value(inner[1])?;
    if inner
        .get(2)
        .is_none_or(|c| CLASSIFIERS.contains(c) || !is_han(*c))
    {
        return None;
    }
    let f = quoted_formula(&inner[1..])?;
    f.count?;
    Some(f)
}

/// The national formula of [`FIXED`] at `i`, if one stands there on its own: its length.
fn fixed_at(chars: &[char], i: usize) -> Option<usize> {
    let prev = i.checked_sub(1).map(|k| chars[k]);
    if prev.is_some_and(|p| lead_value(p).is_some() || p == '第' || p.is_ascii_digit()) {
        return None;
    }
    let w = FIXED
        .iter()
        .filter(|w| eq_at(chars, i, w))
        .max_by_key(|w| w.chars().count())?;
    let e = i + w.chars().count();
    if chars.get(e).is_some_and(|&c| lead_value(c).is_some()) {
        return None;
    }
    Some(e - i)
}

/// Finds every occurrence of a numeric slogan, in text order, with items where spelled out.
pub fn find_all(chars: &[char]) -> Vec<Slogan> {
    let mut out: Vec<(Slogan, Formula)> = Vec::new();
    let mut covered = vec![false; chars.len()];
    // Quoted terms first.
    let mut i = 0;
    while i < chars.len() {
        if let Some(close) = is_quote_open(chars[i]) {
            let limit = (i + 18).min(chars.len());
            if let Some(rel) = chars[i + 1..limit].iter().position(|&c| c == close) {
                let (s, e) = (i + 1, i + 1 + rel);
                if let Some(f) = quoted_formula(&chars[s..e]) {
                    covered[s..e].iter_mut().for_each(|c| *c = true);
                    out.push((slogan(chars, s, e, f.count), f));
                    i = e + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    // The fixed national formulas, quoted or not.
    let mut i = 0;
    while i < chars.len() {
        if !covered[i] {
            if let Some(n) = fixed_at(chars, i) {
                let e = i + n;
                if !covered[i..e].iter().any(|&c| c) {
                    covered[i..e].iter_mut().for_each(|c| *c = true);
                    // 六稳 counts 6, 两不愁三保障 5; 收支两条线 and 一带一路 state no count.
                    let f = quoted_formula(&chars[i..e]).unwrap_or_else(Formula::bare);
                    out.push((slogan(chars, i, e, f.count), f));
                    i = e;
                    continue;
                }
            }
        }
        i += 1;
    }
    // Unquoted shapes.
    let mut i = 0;
    while i < chars.len() {
        if covered[i] || lead_value(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| chars[k]);
        if prev.is_some_and(|p| {
            lead_value(p).is_some()
                || p == '第'
                || p == '百'
                || p == '千'
                || p == '万'
                || p.is_ascii_digit()
        }) {
            i += 1;
            continue;
        }
        if let Some(n) = yi_x_yi_y(chars, i, chars.len()) {
            let e = i + n;
            if !covered[i..e].iter().any(|&c| c) {
                covered[i..e].iter_mut().for_each(|c| *c = true);
                out.push((slogan(chars, i, e, None), Formula::bare()));
                i = e;
                continue;
            }
        }
        let v = lead_value(chars[i]).unwrap_or(0);
        if chars[i] != '一' {
            // N个X with a known head.
            let (count, len) = match read_chinese(chars, i) {
                Some((x, l)) if chars[i] != '双' => (x as u32, l),
                _ => (v, 1),
            };
            if chars.get(i + len) == Some(&'个') {
                let h = i + len + 1;
                let two = if chars[i] == '两' { GE_HEADS_TWO } else { &[] };
                if let Some(head) = GE_HEADS
                    .iter()
                    .chain(two)
                    .filter(|hd| eq_at(chars, h, hd))
                    .max_by_key(|hd| hd.chars().count())
                {
                    let e = h + head.chars().count();
                    // 五个一 must not run on into 一批 / 一些: the 一 closes the term.
                    let ok =
                        *head != "一" || !chars.get(e).is_some_and(|&c| is_han(c) && c != '年');
                    if ok && !covered[i..e].iter().any(|&c| c) {
                        covered[i..e].iter_mut().for_each(|c| *c = true);
                        out.push((
                            slogan(chars, i, e, Some(count)),
                            Formula {
                                count: Some(count),
                                heads: vec![],
                                noun: head.to_string(),
                                ge_one: *head == "一",
                            },
                        ));
                        i = e;
                        continue;
                    }
                }
            }
            if matches!(chars[i], '两' | '双') {
                // 两手抓, 两不误: only after 两 (双手 is a pair of hands).
                if let Some(head) = BARE_HEADS
                    .iter()
                    .filter(|hd| chars[i] == '两' || !hd.starts_with(['手', '不', '促']))
                    .filter(|hd| eq_at(chars, i + 1, hd))
                    .max_by_key(|hd| hd.chars().count())
                {
                    let e = i + 1 + head.chars().count();
                    // 两战 but not 两战线 / 双胜利者.
                    let runs_on = head.chars().count() == 1
                        && chars
                            .get(e)
                            .is_some_and(|&c| matches!(c, '线' | '场' | '役' | '略' | '术'));
                    if !covered[i..e].iter().any(|&c| c) && !runs_on {
                        covered[i..e].iter_mut().for_each(|c| *c = true);
                        out.push((
                            slogan(chars, i, e, Some(2)),
                            Formula {
                                count: Some(2),
                                heads: vec![],
                                noun: head.to_string(),
                                ge_one: false,
                            },
                        ));
                        i = e;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out.sort_by_key(|(s, _)| s.start);
    out.into_iter()
        .map(|(mut s, f)| {
            s.items = items_for(chars, &s, &f);
            s.count_mismatch =
                matches!(s.count, Some(c) if !s.items.is_empty() && s.items.len() as u32 != c);
            s
        })
        .collect()
}

fn slogan(chars: &[char], s: usize, e: usize, count: Option<u32>) -> Slogan {
    Slogan {
        text: chars[s..e].iter().collect(),
        count,
        items: vec![],
        count_mismatch: false,
        start: s,
        end: e,
    }
}

/// The end of the sentence holding `i` (exclusive).
fn sentence_end(chars: &[char], i: usize) -> usize {
    chars[i..]
        .iter()
        .position(|&c| matches!(c, '。' | '！' | '？' | '\n'))
        .map_or(chars.len(), |p| i + p)
}

fn sentence_start(chars: &[char], i: usize) -> usize {
    chars[..i]
        .iter()
        .rposition(|&c| matches!(c, '。' | '！' | '？' | '\n'))
        .map_or(0, |p| p + 1)
}

/// The parts a slogan's article spells out, in order.
fn items_for(chars: &[char], s: &Slogan, f: &Formula) -> Vec<String> {
    if s.count.is_none() {
        return vec![];
    }
    let after = after_items(chars, s, f);
    if !after.is_empty() {
        return after;
    }
    before_items(chars, s, f)
}

/// Items after 即/就是/包括 in the same sentence.
fn after_items(chars: &[char], s: &Slogan, f: &Formula) -> Vec<String> {
    let mut from = s.end;
    if matches!(
        chars.get(from),
        Some('”') | Some('」') | Some('"') | Some('’')
    ) {
        from += 1;
    }
    let end = sentence_end(chars, from.min(chars.len()));
    // The introducer must come soon, before any ；.
    let window = (from + 24).min(end);
    let mut intro = None;
    for k in from..window {
        // Stop at a ； or at the next quoted term (another slogan's own explanation).
        if matches!(chars[k], '；' | ';') || (k > from && is_quote_open(chars[k]).is_some()) {
            break;
        }
        if let Some(w) = INTRODUCERS.iter().find(|w| eq_at(chars, k, w)) {
            // 立即 / 即将 are not "that is".
            if *w == "即"
                && (k > 0 && chars[k - 1] == '立'
                    || matches!(chars.get(k + 1), Some('将') | Some('时') | Some('使')))
            {
                continue;
            }
            intro = Some(k + w.chars().count());
            break;
        }
    }
    let Some(body) = intro else { return vec![] };
    let body_chars = &chars[body..end];
    // N个一: quoted parts that start with 一.
    if f.ge_one {
        return quoted_in(body_chars)
            .into_iter()
            .filter(|q| q.starts_with('一'))
            .collect();
    }
    // 12、13、14号令: a numeral chain sharing a suffix that ends like the noun.
    if let Some(last) = f.noun.chars().last() {
        if let Some(items) = number_chain(body_chars, last) {
            return items;
        }
    }
    // Compounds: clauses holding each head, from the head on.
    if !f.heads.is_empty() {
        let mut items = Vec::new();
        for part in body_chars.split(|&c| matches!(c, '，' | ',' | '；' | ';' | '、' | '”' | '“'))
        {
            for h in &f.heads {
                let hc: Vec<char> = h.chars().collect();
                if let Some(p) = part.windows(hc.len()).position(|w| w == hc.as_slice()) {
                    let item: String = part[p..].iter().collect();
                    if item.chars().count() >= 2 {
                        items.push(item);
                    }
                    break;
                }
            }
            // The parts come in one run: stop once the stated count is reached.
            if s.count.is_some_and(|c| items.len() as u32 >= c) {
                break;
            }
        }
        return items;
    }
    // Otherwise quoted parts, if there are as many as counted.
    let q = quoted_in(body_chars);
    if s.count.is_some_and(|c| q.len() as u32 == c) {
        return q;
    }
    vec![]
}

fn quoted_in(chars: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some(close) = is_quote_open(chars[i]) {
            if let Some(rel) = chars[i + 1..].iter().position(|&c| c == close) {
                out.push(chars[i + 1..i + 1 + rel].iter().collect());
                i += rel + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// `12、13、14号令` with `last` = 令 → 12号令, 13号令, 14号令.
fn number_chain(chars: &[char], last: char) -> Option<Vec<String>> {
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || lead_value(chars[i]).is_some() {
            let mut nums = Vec::new();
            let mut k = i;
            loop {
                let s = k;
                while k < chars.len() && (chars[k].is_ascii_digit()) {
                    k += 1;
                }
                if k == s {
                    break;
                }
                nums.push(chars[s..k].iter().collect::<String>());
                if chars.get(k) == Some(&'、')
                    && chars.get(k + 1).is_some_and(|c| c.is_ascii_digit())
                {
                    k += 1;
                } else {
                    break;
                }
            }
            if nums.len() >= 2 {
                // The suffix runs up to and including `last`, within 4 chars.
                let suffix_end = (k..(k + 4).min(chars.len())).find(|&p| chars[p] == last)?;
                let suffix: String = chars[k..=suffix_end].iter().collect();
                return Some(nums.into_iter().map(|n| format!("{n}{suffix}")).collect());
            }
            i = k.max(i + 1);
            continue;
        }
        i += 1;
    }
    None
}

/// Items enumerated right before the slogan (开复工率、投资完成率…“四率排名”).
fn before_items(chars: &[char], s: &Slogan, f: &Formula) -> Vec<String> {
    let mut end = s.start;
    if end > 0 && matches!(chars[end - 1], '“' | '「' | '"' | '‘') {
        end -= 1;
    }
    let sent_start = sentence_start(chars, end);
    let begin = chars[sent_start..end]
        .iter()
        .rposition(|&c| matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '”' | '。'))
        .map_or(sent_start, |p| sent_start + p + 1);
    let mut phrase: Vec<char> = chars[begin..end].to_vec();
    // 这“四张图”, …等开工复产“六到位”: the list ends at 这 / 等.
    if phrase.last() == Some(&'这') {
        phrase.pop();
    }
    if let Some(p) = phrase.iter().rposition(|&c| c == '等') {
        phrase.truncate(p);
    }
    let text: String = phrase.iter().collect();
    let text = text.replace("以及", "、").replace(['及', '和'], "、");
    let mut parts: Vec<String> = text
        .split('、')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return vec![];
    }
    // Strip a lead verb from the first part.
    let mut changed = true;
    while changed {
        changed = false;
        for v in LEAD_VERBS {
            if parts[0].starts_with(v) && parts[0].chars().count() > v.chars().count() + 1 {
                parts[0] = parts[0][v.len()..].to_string();
                changed = true;
            }
        }
    }
    // Short parallel parts (属地、部门、单位、个人): cut the first to the others' length.
    let others = parts[1..]
        .iter()
        .map(|p| p.chars().count())
        .max()
        .unwrap_or(0);
    let first = parts[0].chars().count();
    if others <= 3 && first > others + 1 {
        parts[0] = parts[0].chars().skip(first - others).collect();
    }
    // The parts should end like the counted noun (图, 率, 到位) or be as many as counted.
    let noun_tail: Vec<char> = f
        .noun
        .chars()
        .filter(|&c| !matches!(c, '个' | '张' | '项' | '条' | '套' | '方'))
        .collect();
    let ends_like = noun_tail
        .first()
        .is_some_and(|&c| parts.iter().all(|p| p.contains(c)));
    if ends_like || s.count.is_some_and(|c| parts.len() as u32 == c) {
        parts
    } else {
        vec![]
    }
}

/// Finds the numeric slogans of a cleaned text, one entry per distinct slogan (its first
/// occurrence, with the items of whichever occurrence spells them out).
pub fn extract(text: &str) -> Vec<Slogan> {
    let chars: Vec<char> = text.chars().collect();
    distinct(find_all(&chars))
}

/// One entry per distinct slogan of `found` (every occurrence, as [`find_all`] gives them):
/// the first occurrence, with the items of whichever occurrence spells them out.
pub fn distinct(found: Vec<Slogan>) -> Vec<Slogan> {
    let mut out: Vec<Slogan> = Vec::new();
    for s in found {
        match out.iter_mut().find(|o| o.text == s.text) {
            Some(o) => {
                if o.items.is_empty() && !s.items.is_empty() {
                    o.items = s.items;
                    o.count_mismatch = s.count_mismatch;
                }
            }
            None => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        extract(t).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn one_x_one_y() {
        assert_eq!(
            texts("坚持“一企一策”“一业一策”“一项目一方案”为企业排忧解难"),
            ["一企一策", "一业一策", "一项目一方案"]
        );
        assert_eq!(
            texts("一业一法、一域一策、一企一案，建立一企一员联系机制"),
            ["一业一法", "一域一策", "一企一案", "一企一员"]
        );
        assert!(texts("两组数据，一减一增，一心一意，开展“一对一”跟踪服务").is_empty());
    }

    #[test]
    fn n_ge_x() {
        let s = extract(
            "树牢“四个意识”、坚定“四个自信”、做到“两个维护”，同时四个平台管理要做到分工不分家",
        );
        let t: Vec<(&str, Option<u32>)> = s.iter().map(|s| (s.text.as_str(), s.count)).collect();
        assert_eq!(
            t,
            [
                ("四个意识", Some(4)),
                ("四个自信", Some(4)),
                ("两个维护", Some(2)),
                ("四个平台", Some(4))
            ]
        );
        // Ordinary counts are not slogans.
        assert!(texts("审批在三个工作日内办结，两个方面的问题").is_empty());
    }

    #[test]
    fn quoted_numeral_terms_and_compounds() {
        assert_eq!(
            texts("压实“四方责任”，实行“四率排名”，深化“三服务”，紧盯“四张图”，确保“六到位”"),
            ["四方责任", "四率排名", "三服务", "四张图", "六到位"]
        );
        let s = extract("将“一确保两争取”目标调整为“两确保三争取”，确保实现“两零两全”");
        let t: Vec<(&str, Option<u32>)> = s.iter().map(|s| (s.text.as_str(), s.count)).collect();
        assert_eq!(
            t,
            [
                ("一确保两争取", Some(3)),
                ("两确保三争取", Some(5)),
                ("两零两全", Some(4))
            ]
        );
    }

    #[test]
    fn quoted_lists_stay_whole_and_bare_heads() {
        assert_eq!(
            texts("发挥“一中心、四平台、一网格”作用"),
            ["一中心、四平台、一网格"]
        );
        assert_eq!(
            texts("努力实现“两手抓、两手硬、两战赢”，打赢两战"),
            ["两手抓、两手硬、两战赢", "两战"]
        );
        assert_eq!(texts("夺取疫情防控和经济社会发展双胜利"), ["双胜利"]);
    }

    #[test]
    fn prefix_uses_and_idioms_are_not_slogans() {
        assert!(texts(
            "推行“一站式”办理，不搞“一刀切”，坚持全市一盘棋，一手抓防控、一手抓发展，深入一线，谋划一批项目，\
             第一时间部署，一是加强领导，降至两位数，实现“一人多能”，制定好“一张负面清单”"
        )
        .is_empty());
    }

    #[test]
    fn quoted_place_names_are_not_slogans() {
        assert!(
            texts("关注“四川税务”微信公众号，下载“三明健康码”，落实“六稳”")
                .iter()
                .all(|t| !t.contains("四川") && !t.contains("三明"))
        );
        assert!(texts("关注“四川税务”微信公众号，落实“六稳”").contains(&"六稳".to_string()));
    }

    #[test]
    fn items_after_ji_with_count_check() {
        let t = "要抓好“五个一”，精准落实复工复产举措，即：制定好“一张负面清单”，实行“备案制+负面清单+承诺制”；\
                 落实好“一个驻企业服务员”，深化“三服务”；签订好“一张企业责任书”；制定好“一个企业防控方案”；出台好“一套复工复产政策”。";
        let s = extract(t);
        let five = s.iter().find(|s| s.text == "五个一").expect("五个一");
        assert_eq!(five.count, Some(5));
        assert_eq!(
            five.items,
            [
                "一张负面清单",
                "一个驻企业服务员",
                "一张企业责任书",
                "一个企业防控方案",
                "一套复工复产政策"
            ]
        );
        assert!(!five.count_mismatch);
        let s = extract("要抓好“三个一”，即：建立“一张清单”，派驻“一名专员”。");
        assert!(s[0].count_mismatch);
    }

    #[test]
    fn items_of_number_chains_and_compounds() {
        let s = extract("要落实“三个令”。“三个令”就是指挥部的12、13、14号令，要严格遵照执行。");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].items, ["12号令", "13号令", "14号令"]);
        let s = extract("调整为“两确保三争取”的新目标，即确保不出现大规模传播，确保完成目标任务；努力争取不发生死亡病例，努力争取不发生感染，努力争取把影响降到最低。");
        assert_eq!(s[0].items.len(), 5, "{:?}", s[0].items);
        assert_eq!(s[0].items[2], "争取不发生死亡病例");
        let s = extract("确保实现“两零两全”，即实现零输入、零传染，全覆盖、全复工。");
        assert_eq!(s[0].items, ["零输入", "零传染", "全覆盖", "全复工"]);
    }

    #[test]
    fn items_enumerated_before_the_slogan() {
        let s = extract("实行开复工率、投资完成率、前期手续办结率、存在问题解决率“四率排名”通报。");
        assert_eq!(
            s[0].items,
            ["开复工率", "投资完成率", "前期手续办结率", "存在问题解决率"]
        );
        let s = extract("要紧盯工业复工率统计图、服务业复工率统计图以及电力指数图这“四张图”。");
        assert_eq!(s[0].items.len(), 3);
        assert!(s[0].count_mismatch);
        let s = extract("压紧压实属地、部门、单位、个人“四方责任”。");
        assert_eq!(s[0].items, ["属地", "部门", "单位", "个人"]);
    }

    #[test]
    fn offsets_match_and_odd_input_is_safe() {
        let t = "坚持“一企一策”，树牢四个意识。";
        let chars: Vec<char> = t.chars().collect();
        for s in find_all(&chars) {
            assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
        }
        for t in [
            "",
            "“",
            "一",
            "两",
            "“五个一”，即：",
            "一企一",
            "“”",
            "十个",
        ] {
            let _ = extract(t);
        }
    }

    #[test]
    fn distinct_keeps_first_occurrences_with_the_items_spelled_out() {
        let slogan = |text: &str, items: &[&str], start: usize| Slogan {
            text: text.into(),
            count: Some(3),
            items: items.iter().map(|s| s.to_string()).collect(),
            count_mismatch: false,
            start,
            end: start + text.chars().count(),
        };
        let found = vec![
            slogan("三个一批", &[], 0),
            slogan("六稳", &[], 10),
            slogan("三个一批", &["甲", "乙", "丙"], 20),
        ];
        let kept = distinct(found);
        assert_eq!(kept.len(), 2);
        assert_eq!((kept[0].start, kept[0].items.len()), (0, 3));
        assert_eq!(kept[1].text, "六稳");
        let text = "推进“三个一批”，做到“三个一批”：签约一批、开工一批、投产一批。";
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(distinct(find_all(&chars)), extract(text));
        assert!(find_all(&chars).len() > extract(text).len());
    }

    #[test]
    fn bare_paired_formulas() {
        assert_eq!(
            texts("统筹推进经济运行，做到两手抓、两不误。要求各地两手抓、两手硬、两促进"),
            ["两手抓", "两不误", "两手硬", "两促进"]
        );
        assert_eq!(
            texts("统筹好疫情防控和经济发展两个大局，更好地统筹利用国际国内两个市场"),
            ["两个大局", "两个市场"]
        );
        // 两手 with another verb, 双手, 两手都要硬 and 三个市场 are plain words and counts.
        assert!(
            texts("他两手空空，双手抓住栏杆，确保两手都要硬，建成三个市场，一手抓防控").is_empty()
        );
    }

    #[test]
    fn fixed_national_formulas_bare_or_quoted() {
        assert_eq!(
            texts(
                "严格收支两条线，落实一岗双责，做好六稳工作，落实“六保”任务，巩固两不愁三保障成果"
            ),
            ["收支两条线", "一岗双责", "六稳", "六保", "两不愁三保障"]
        );
        let s = extract("巩固两不愁三保障成果");
        assert_eq!(s[0].count, Some(5));
        // Inside a longer number or after 第 they are not the formula.
        assert!(texts("第三农场和十六稳定器").is_empty());
    }

    #[test]
    fn quoted_verb_led_formulas() {
        assert_eq!(
            texts("要着力构建“清四乱”长效机制，坚决“破五唯”"),
            ["清四乱", "破五唯"]
        );
        // A verb before a count, an ordinal or a rank is no formula.
        assert!(texts("出台“税十条”，引入“第三方”，争创“前三名”，推出“电十条”").is_empty());
    }

    #[test]
    fn quoted_plain_words_idioms_and_place_names() {
        assert!(texts(
            "减少“两头跑”现象，破解“两难”，实现“双赢”，推出“八闽健康码”，使用“三晋通”App，\
             “一方有难、八方支援”，做到“一心一意”"
        )
        .is_empty());
        assert_eq!(texts("关注“三农”，落实“六到位”"), ["三农", "六到位"]);
    }

    #[test]
    fn any_quoted_yi_x_yi_y() {
        assert_eq!(
            texts("共建“一带一路”，关爱“一老一小”，做到“一户一画像”“一人一消毒”"),
            ["一带一路", "一老一小", "一户一画像", "一人一消毒"]
        );
        // Unquoted, only the known units and tools make one.
        assert!(texts("一草一木，一点一滴").is_empty());
    }
}
