//! Acting bodies: who is to carry a measure out.
//!
//! Chinese policy writing names the actor in two places. Most often it is the subject of
//! the clause or sentence: a list of bodies joined by 、/和/及/会同 before the predicate
//! (市金融监管局、各银行机构要加大信贷投放; 由市卫健委牵头; 各县区在2月21日前完成摸排).
//! Policy documents with numbered articles add a line after each article —
//! 责任单位：… / 牵头单位：… / 配合单位：…, often in brackets — that names the bodies for the
//! whole article. A body is recognised by its shape, not by a list of names: a short run of
//! Han chars ending in an institutional head (局 委 办 厅 部 中心 政府 党委 银行 机构 部门
//! 县区 乡镇 街道 …), or one of the collective subjects of directives (各地, 有关部门, 各级
//! 党委和政府). Anything with 的, a leading preposition or a person's title is refused.

use crate::convert::is_han;

/// Institutional heads a body's name ends with, longest first where they overlap.
const HEADS: &[&str] = &[
    "人民政府",
    "委员会",
    "管委会",
    "办公室",
    "办公厅",
    "指挥部",
    "领导小组",
    "工作组",
    "专班",
    "服务中心",
    "中心",
    "政府",
    "党委",
    "党组",
    "银行",
    "机构",
    "部门",
    "单位",
    "县区",
    "区县",
    "乡镇",
    "街道",
    "街镇",
    "社区",
    "总局",
    "分局",
    "监管局",
    "法院",
    "检察院",
    "海关",
    "总工会",
    "工会",
    "妇联",
    "团委",
    "商会",
    "协会",
    "联合会",
    "供电公司",
    "分行",
    "支行",
    "银保监局",
    "税务局",
    "公安局",
    "委办",
    "府办",
    "局",
    "委",
    "厅",
    "部",
    "处",
    "署",
    "院",
];

/// Collective subjects that are bodies although they end in no head.
const COLLECTIVE: &[&str] = &[
    "各地",
    "各地区",
    "各级",
    "各区",
    "各县",
    "各市",
    "各镇",
    "各乡",
    "各村",
    "各园区",
    "各开发区",
    "各有关方面",
    "有关方面",
    "各方",
    "各县（市、区）",
    "各市（区）",
    "各区（县）",
    "各县（市）区",
];

/// Endings that look like a head but name people or places, not bodies.
const NOT_BODY_ENDINGS: &[&str] = &[
    "干部",
    "全部",
    "内部",
    "外部",
    "局部",
    "总部",
    "西部",
    "东部",
    "南部",
    "北部",
    "中部",
    "腹部",
    "头部",
    "面部",
    "俱乐部",
    "一部",
    "细部",
    "部署",
    "签署",
    "部门负责人",
    "党委书记",
    "书院",
    "医院",
    "学院",
    "研究院",
    "法院院长",
    "基层",
];

/// Words no body's name holds: verbs and pronouns of the predicate around it.
const NOT_IN_NAME: &[&str] = &[
    "这是",
    "这些",
    "那些",
    "一边",
    "如何",
    "什么",
    "实行",
    "联系",
    "聘请",
    "配合",
    "推行",
    "开展",
    "落实",
    "提供",
    "减免",
    "办理",
    "立即",
    "快速",
    "必须",
    "需要",
    "做好",
    "地向",
    "政策",
    "措施",
    "特事特办",
    "确保",
    "周密",
];

/// Chars a body's name may not start with (prepositions, verbs of the predicate).
const BAD_FIRST: &[char] = &[
    '对', '向', '为', '给', '在', '从', '按', '经', '将', '把', '被', '与', '和', '及', '并', '要',
    '应', '的', '于', '以', '让', '使', '由', '请', '即', '其', '该', '此', '第', '这', '那',
];

/// Words that may open the subject before the body (由市卫健委牵头, 请各地…).
const LEAD: &[&str] = &[
    "由",
    "请",
    "责成",
    "要求",
    "鼓励",
    "支持",
    "引导",
    "督促",
    "指导",
    "组织",
    "协调",
    "动员",
    "推动",
    "同时",
    "此外",
    "下一步",
    "目前",
    "近日",
    "日前",
];

/// Words after a body that show the predicate has started.
const PREDICATE: &[&str] = &[
    "要",
    "应",
    "须",
    "必须",
    "将",
    "会同",
    "联合",
    "牵头",
    "负责",
    "已",
    "正",
    "也",
    "都",
    "均",
    "分别",
    "共同",
    "统一",
    "在",
    "对",
    "按照",
    "根据",
    "结合",
    "围绕",
    "针对",
    "第一时间",
    "立即",
    "迅速",
    "及时",
    "切实",
    "积极",
    "主动",
    "全力",
    "进一步",
    "加快",
    "加强",
    "加大",
    "做好",
    "抓好",
    "落实",
    "开展",
    "组织",
    "协调",
    "建立",
    "制定",
    "出台",
    "印发",
    "下发",
    "指导",
    "督促",
    "推动",
    "推进",
    "实施",
    "实行",
    "提供",
    "安排",
    "设立",
    "开通",
    "发布",
    "派出",
    "成立",
    "召开",
    "启动",
    "优化",
    "简化",
    "完善",
    "不得",
    "严禁",
    "可",
    "予以",
    "决定",
    "发出",
    "通报",
    "公布",
    "明确",
    "提出",
    "要求",
    "给予",
    "为",
    "向",
    "于",
    "等",
    "是",
    "作为",
    "以",
    "通过",
    "依托",
    "强化",
    "统筹",
    "配合",
    "参与",
    "具体",
];

/// The lines after a numbered article that name its bodies.
const RESPONSIBLE: &[&str] = &[
    "责任单位",
    "牵头单位",
    "配合单位",
    "责任部门",
    "牵头部门",
    "配合部门",
    "主责单位",
    "责任主体",
    "实施单位",
    "承办单位",
];

fn starts_with_at(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(n, c)| chars.get(i + n) == Some(&c))
}

/// True when `name` has the shape of a government body (or a bank, an agency…).
pub fn is_body(name: &str) -> bool {
    let n = name.chars().count();
    if !(2..=24).contains(&n) || name.contains('的') {
        return false;
    }
    if COLLECTIVE.contains(&name) {
        return true;
    }
    // The head first: it refuses nearly every run [`body_at`] tries, before the word lists.
    let headed = HEADS.iter().any(|h| {
        name.ends_with(h) && {
            let hn = h.chars().count();
            // A one-char head needs a real name before it (财政部, not 全部).
            n >= hn && (hn > 1 || n >= 3)
        }
    });
    if !headed {
        return false;
    }
    if name
        .chars()
        .next()
        .is_some_and(|c| BAD_FIRST.contains(&c) || !is_han(c))
    {
        return false;
    }
    if NOT_BODY_ENDINGS.iter().any(|e| name.ends_with(e)) {
        return false;
    }
    // 积极配合各级党委, 实行特事特办, 这是北京各级政府: a predicate, not a name.
    if PREDICATE
        .iter()
        .chain(LEAD)
        .any(|w| w.chars().count() > 1 && name.starts_with(w))
        || NOT_IN_NAME.iter().any(|w| name.contains(w))
    {
        return false;
    }
    // Brackets are allowed inside a name (各县（市）区政府), nothing else but Han.
    name.chars()
        .all(|c| is_han(c) || matches!(c, '（' | '）' | '(' | ')'))
}

/// Reads a list of bodies (责任单位 lines): split at 、，,；;和及与/ and keep the bodies.
pub fn parse_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let name = cur
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '。' | '：' | ':'))
            .to_string();
        // 市财政局和市税务局 is two bodies, 市工业和信息化局 one.
        let parts: Vec<&str> = name.split(['和', '及', '与']).collect();
        let names: Vec<String> = if parts.len() > 1 && parts.iter().all(|p| is_body(p)) {
            parts.iter().map(|p| p.to_string()).collect()
        } else {
            vec![name]
        };
        for name in names {
            if is_body(&name) && !out.contains(&name) {
                out.push(name);
            }
        }
        cur.clear();
    };
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && matches!(c, '、' | '，' | ',' | '；' | ';' | '/' | ' ' | '　' | '。')
        {
            flush(&mut cur, &mut out);
            continue;
        }
        cur.push(c);
    }
    flush(&mut cur, &mut out);
    out
}

/// The bodies that open `chars[start..end]` as its subject (市人社局、市财政局要…); empty
/// when the clause does not start with a body followed by its predicate.
pub fn subject(chars: &[char], start: usize, end: usize) -> Vec<String> {
    let end = end.min(chars.len());
    let mut i = start;
    while i < end && (chars[i].is_whitespace() || matches!(chars[i], '，' | ',' | '“' | '”')) {
        i += 1;
    }
    for lead in LEAD {
        if starts_with_at(chars, i, lead) {
            i += lead.chars().count();
            break;
        }
    }
    let mut out = Vec::new();
    while let Some(e) = body_at(chars, i, end) {
        let name: String = chars[i..e].iter().collect();
        if !out.contains(&name) {
            out.push(name);
        }
        i = e;
        // A separator joins another body: 、 和 及 与 以及 会同 联合.
        let sep = ["以及", "会同", "联合", "、", "和", "及", "与", "，"]
            .iter()
            .find(|s| starts_with_at(chars, i, s));
        match sep {
            Some(s) => {
                let after = i + s.chars().count();
                if body_at(chars, after, end).is_some() {
                    i = after;
                } else {
                    break;
                }
            }
            None => break,
        }
    }
    out
}

/// The end of a body's name starting at `i`: the shortest Han run (at most 20 chars) that
/// is a body and is followed by a separator, a predicate, or the end of the clause (so
/// 市人社局会同市财政局 is two bodies, 市发展改革委员会 one); failing that, the longest body.
fn body_at(chars: &[char], i: usize, end: usize) -> Option<usize> {
    if i >= end || !is_han(chars[i]) {
        return None;
    }
    let mut depth = 0;
    let mut k = i;
    let mut name = String::new();
    let mut longest = None;
    while k < end && k - i < 20 {
        let c = chars[k];
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            _ if !is_han(c) => break,
            _ => {}
        }
        name.push(c);
        k += 1;
        if depth == 0 && is_body(&name) {
            if boundary(chars, k, end) {
                return Some(k);
            }
            longest = Some(k);
        }
    }
    // A predicate this module does not list (各金融机构下调…): the longest body.
    longest
}

fn boundary(chars: &[char], k: usize, end: usize) -> bool {
    if k >= end {
        return true;
    }
    if matches!(
        chars[k],
        '、' | '，' | ',' | '：' | ':' | '；' | '。' | ' ' | '　'
    ) {
        return true;
    }
    ["和", "及", "与", "以及", "会同", "联合"]
        .iter()
        .chain(PREDICATE)
        .any(|w| starts_with_at(chars, k, w))
}

/// A 责任单位：… block found in a text: where it is and the bodies it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Responsible {
    pub start: usize,
    pub end: usize,
    pub bodies: Vec<String>,
}

/// Every 责任单位/牵头单位 … block of `chars`. A block runs from its label to the closing
/// bracket (when bracketed) or to the end of the line or sentence.
pub fn responsible_blocks(chars: &[char]) -> Vec<Responsible> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 < chars.len() {
        let Some(label) = RESPONSIBLE.iter().find(|l| starts_with_at(chars, i, l)) else {
            i += 1;
            continue;
        };
        let mut k = i + label.chars().count();
        if !matches!(chars.get(k), Some('：' | ':')) {
            i = k;
            continue;
        }
        k += 1;
        let bracket = i > 0 && matches!(chars[i - 1], '（' | '(' | '[' | '【' | '〔');
        let start = if bracket { i - 1 } else { i };
        let body_start = k;
        let mut depth = 0;
        while k < chars.len() {
            let c = chars[k];
            if c == '\n'
                || c == '。'
                || (!bracket && c == '；')
                || (k > body_start && RESPONSIBLE.iter().any(|l| starts_with_at(chars, k, l)))
            {
                break;
            }
            if matches!(c, '（' | '(') {
                depth += 1;
            } else if matches!(c, '）' | ')' | ']' | '】' | '〕') {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            k += 1;
        }
        let text: String = chars[body_start..k].iter().collect();
        let end =
            if bracket && k < chars.len() && matches!(chars[k], '）' | ')' | ']' | '】' | '〕') {
                k + 1
            } else {
                k
            };
        let bodies = parse_list(&text);
        if !bodies.is_empty() {
            out.push(Responsible { start, end, bodies });
        }
        i = end.max(i + 1);
    }
    out
}

/// Article starts: positions of enumeration markers that open a line or follow white
/// space or a sentence end (一、 （一） 1. 1、 第一条 ①).
pub fn article_starts(chars: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 0..chars.len() {
        let after_break = i == 0
            || matches!(
                chars[i - 1],
                '\n' | ' ' | '　' | '\t' | '。' | '；' | '）' | ')' | ']' | '】'
            );
        if after_break && marker_at(chars, i) {
            out.push(i);
        }
    }
    out
}

/// True when an article marker starts at `i` (see [`super::clauses::article_marker_at`]).
pub fn marker_at(chars: &[char], i: usize) -> bool {
    super::clauses::article_marker_at(chars, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subj(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        subject(&chars, 0, chars.len())
    }

    #[test]
    fn recognises_bodies_by_their_heads() {
        for b in [
            "市金融监管局",
            "各银行机构",
            "各县区",
            "市人社局",
            "有关部门",
            "省发展改革委",
            "区政府办公室",
            "国家税务总局",
            "各乡镇",
            "疫情防控指挥部",
            "人民银行南昌中心支行",
        ] {
            assert!(is_body(b), "{b}");
        }
        for b in [
            "全部",
            "基层干部",
            "对金融机构",
            "受影响的单位",
            "部",
            "西部",
            "市民",
            "第二部",
            "实行特事特办",
            "积极配合各级党委",
            "这是市政府",
            "必须立即办",
        ] {
            assert!(!is_body(b), "{b}");
        }
    }

    #[test]
    fn subject_lists_before_the_predicate() {
        assert_eq!(
            subj("市金融监管局、各银行机构要加大对小微企业的信贷投放"),
            ["市金融监管局", "各银行机构"]
        );
        assert_eq!(subj("各县区在2月21日前完成返岗人员摸排"), ["各县区"]);
        assert_eq!(subj("由市卫健委牵头，做好隔离点管理"), ["市卫健委"]);
        assert_eq!(
            subj("市人社局会同市财政局加快发放稳岗补贴"),
            ["市人社局", "市财政局"]
        );
        assert_eq!(subj("有关部门要简化审批流程"), ["有关部门"]);
        assert_eq!(subj("各地要落实属地责任"), ["各地"]);
        assert_eq!(subj("鼓励各金融机构下调贷款利率"), ["各金融机构"]);
    }

    #[test]
    fn no_subject_when_the_clause_opens_otherwise() {
        assert!(subj("对受疫情影响的企业给予贷款贴息").is_empty());
        assert!(subj("加大稳岗返还力度").is_empty());
        assert!(subj("企业职工要做好个人防护").is_empty());
        assert!(subj("").is_empty());
    }

    #[test]
    fn responsible_lines_are_read_whole_or_bracketed() {
        let t: Vec<char> = "1.完善融资服务应急协调机制。\n责任单位：市金融监管局、各银行机构\n2.落实减税政策。（牵头单位：市税务局，配合单位：市财政局）".chars().collect();
        let blocks = responsible_blocks(&t);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(blocks[0].bodies, ["市金融监管局", "各银行机构"]);
        assert_eq!(blocks[1].bodies, ["市税务局"]);
        assert_eq!(blocks[2].bodies, ["市财政局"]);
        let text: String = t[blocks[0].start..blocks[0].end].iter().collect();
        assert_eq!(text, "责任单位：市金融监管局、各银行机构");
        assert_eq!(
            parse_list("省财政厅、省税务局，各设区市政府"),
            ["省财政厅", "省税务局", "各设区市政府"]
        );
        assert_eq!(parse_list("各县（市）区政府"), ["各县（市）区政府"]);
        assert_eq!(
            parse_list("市工业和信息化局、市财政局和市税务局"),
            ["市工业和信息化局", "市财政局", "市税务局"]
        );
    }

    #[test]
    fn article_markers_open_articles() {
        let t: Vec<char> =
            "一、加大金融支持 1.完善机制。2、落实政策。（三）减免房租。第四条 其他。一、二月份"
                .chars()
                .collect();
        let starts = article_starts(&t);
        assert_eq!(starts.len(), 6, "{starts:?}");
    }
}
