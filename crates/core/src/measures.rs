//! Measures: directive clauses with an object, classified with the taxonomy.
//!
//! A measure is one concrete action a government body (or the firms it directs) takes or
//! is told to take. The text is walked sentence by sentence ([`super::sentence`]); each
//! sentence is segmented once (jieba, for the cue lexicon) and cut into clauses
//! ([`super::clauses`]). Within a strong segment (between ； or enumeration markers),
//! neighbouring clauses are grouped while they stay on one topic: a clause with no cue of
//! its own continues the current measure ("做到出发有组织、健康有监测"), a clause whose
//! best category differs starts a new one. A group becomes a measure when it has a
//! directive verb (要, 落实, 出台, 建立, 协调 …) and enough cue weight to say what it is
//! about ([`super::classify`]) — which is what leaves out exhortations without content
//! (统一思想, 坚定信心), background figures, praise, and speech lead-ins (会议强调).
//! Headings (short lines without a full stop, short 一是… sentences) are not measures but
//! give a category hint to the clauses under them. Sentences naming attendees or the
//! chair, questions and page furniture are skipped whole.
//!
//! Each measure keeps the slogans and figures inside its span, a deadline where one
//! is written ([`super::deadline`]), and its acting bodies ([`super::actors`]): the
//! subject of its clause or sentence, and the 责任单位 line of its numbered article, which
//! is itself never a measure.

use super::actors;
use super::classify::{word_index, Classifier};
use super::clauses::{self, Clause};
use super::deadline;
use super::figures;
use super::model::{Figure, Measure, Slogan};
use super::segment::Segmenter;
use super::sentence::{self, Sentence};
use super::slogans;
use super::taxonomy::Taxonomy;

/// The longest measure text, in chars; longer groups are cut at a clause boundary.
const MAX_TEXT: usize = 120;
/// The cue weight a measure needs of its own.
const MIN_OWN: f32 = 2.0;
/// How much the rest of the strong segment counts in a group's category.
const SEGMENT_WEIGHT: f32 = 0.3;
/// How much the section heading counts.
const HEADING_WEIGHT: f32 = 0.35;

/// Directive verbs and the adverbs that open an instruction in policy prose.
const DIRECTIVES: &[&str] = &[
    "要",
    "须",
    "必须",
    "务必",
    "应",
    "应当",
    "应该",
    "需",
    "需要",
    "坚持",
    "推动",
    "落实",
    "出台",
    "实行",
    "建立",
    "健全",
    "开展",
    "组织",
    "协调",
    "印发",
    "举办",
    "推行",
    "允许",
    "鼓励",
    "支持",
    "加快",
    "加强",
    "加大",
    "强化",
    "完善",
    "实施",
    "明确",
    "成立",
    "召开",
    "制定",
    "派驻",
    "设立",
    "优化",
    "减免",
    "缓缴",
    "开通",
    "开辟",
    "压实",
    "压紧",
    "督促",
    "指导",
    "帮助",
    "提供",
    "保障",
    "做好",
    "抓好",
    "确保",
    "推进",
    "提高",
    "简化",
    "深化",
    "发挥",
    "畅通",
    "打通",
    "引导",
    "调整",
    "恢复",
    "搭建",
    "构建",
    "设置",
    "安排",
    "部署",
    "延长",
    "降低",
    "发放",
    "给予",
    "免征",
    "减征",
    "返还",
    "奖励",
    "对接",
    "启动",
    "开设",
    "建设",
    "谋划",
    "解决",
    "防止",
    "严格",
    "严禁",
    "禁止",
    "不得",
    "执行",
    "抽调",
    "实现",
    "推广",
    "扩大",
    "拓宽",
    "增加",
    "释放",
    "压缩",
    "取消",
    "下放",
    "精简",
    "整合",
    "提升",
    "筹集",
    "动员",
    "引进",
    "培育",
    "发布",
    "举行",
    "启用",
    "统筹",
    "聚焦",
    "紧盯",
    "抓实",
    "抓细",
    "把住",
    "守牢",
    "守住",
    "织牢",
    "织密",
    "筑牢",
    "做实",
    "做细",
    "用好",
    "用足",
    "用活",
    "着力",
    "全力",
    "切实",
    "积极",
    "主动",
    "及时",
    "尽快",
    "立即",
    "持续",
    "充分",
    "认真",
    "加紧",
    "抓紧",
    "优先",
    "采取",
    "依托",
    "利用",
    "运用",
    "开放",
    "放宽",
    "免除",
    "减半",
    "补贴",
    "推出",
    "上线",
    "打造",
    "组建",
    "配备",
    "选派",
    "派出",
    "下沉",
    "包联",
    "联系",
    "挂钩",
    "摸排",
    "排查",
    "检查",
    "督查",
    "调度",
    "通报",
    "考核",
    "监测",
    "跟踪",
    "评估",
    "测算",
    "签订",
    "深入",
    "填平",
    "补齐",
    "挖掘",
    "拓展",
    "满足",
    "搞好",
    "普及",
    "提醒",
    "掌握",
    "登记",
    "管控",
    "核查",
    "查验",
    "试行",
    "开复工",
    "印发",
    "下发",
    "提出",
    "实行",
    "确定",
    "开工",
    "复学",
    "接回",
    "抢运",
    "送医",
    "充实",
    "配强",
    "简化",
    "推广",
    "办理",
    "兑现",
    "免收",
    "减收",
    "延期",
    "缓交",
    "免交",
    "予以",
    "可予",
    "暂停",
    "暂缓",
    "出资",
    "贴息",
    "减租",
    "免租",
    "征集",
    "收集",
    "公布",
    "开发",
    "加力",
    "扶持",
];

/// Phrases that mark praise or background, not action.
const NOT_ACTION: &[&str] = &[
    // problems stated, not acted on
    "存在",
    "面临",
    "应看到",
    "引起重视",
    "如何",
    "专访",
    "表示感谢",
    "希望",
    "共克时艰",
    "共渡难关",
    "坚定信心",
    "值得点赞",
    "值得借鉴",
    "来之不易",
    "雪中送炭",
    "取得了积极成效",
    "取得积极成效",
    "功不可没",
    "可圈可点",
];

/// Words of page furniture; a sentence holding one is no measure.
const FURNITURE: &[&str] = &[
    "免责声明",
    "版权所有",
    "版权声明",
    "侵权",
    "责任编辑",
    "责编",
    "原标题",
    "文章来源",
    "转载请",
    "本站",
    "下载",
];

/// The preamble, transmittal and closing clauses of a policy document: they introduce,
/// forward or bound the measures, they are none (现将《…》印发给你们，请认真贯彻执行;
/// 为…，特制定如下措施; 本措施自印发之日起施行).
const DOCUMENT_FRAME: &[&str] = &[
    "印发给你们",
    "请认真贯彻执行",
    "请认真贯彻落实",
    "请遵照执行",
    "请认真组织实施",
    "请结合实际认真",
    "特制定",
    "制定如下",
    "制定以下",
    "提出如下",
    "提出以下",
    "通知如下",
    "如下措施",
    "以下措施",
    "如下政策",
    "以下政策",
    "自印发之日起",
    "自发布之日起",
    "自公布之日起",
    "负责解释",
    "有效期至",
    "有效期为",
    "执行期限",
    "支持对象为",
    "适用范围",
];

/// Attendance and chairing; a short sentence holding one is no measure.
const ATTENDANCE: &[&str] = &[
    "出席会议",
    "参加会议",
    "列席会议",
    "主持会议",
    "出席活动",
    "参加活动",
    "陪同调研",
    "参加调研",
    "陪同",
];

/// Words that make a sentence ending in ？ a real question.
const QUESTION_WORDS: &[&str] = &[
    "如何",
    "怎么",
    "怎样",
    "什么",
    "为什么",
    "是否",
    "哪",
    "吗",
    "呢",
    "多少",
    "能否",
    "何",
];

/// Verbs that end a speech lead-in (会议强调, 他指出).
const SPEECH: &[&str] = &[
    "强调", "指出", "要求", "表示", "认为", "说", "介绍", "透露", "希望", "提出", "部署",
];

struct ClauseInfo {
    clause: Clause,
    scores: Vec<f32>,
    own: f32,
    best: Option<usize>,
    directive: bool,
    drop: bool,
    /// Sets a topic (在…方面) for the action that follows.
    frame: bool,
}

struct Group {
    start: usize,
    end: usize,
    scores: Vec<f32>,
    directive: bool,
    segment: usize,
}

impl Group {
    fn best(&self) -> Option<usize> {
        Classifier::best(&self.scores).map(|(k, _)| k)
    }
    fn own(&self) -> f32 {
        Classifier::best(&self.scores).map_or(0.0, |(_, s)| s)
    }
}

fn contains_any(text: &str, list: &[&str]) -> bool {
    list.iter().any(|w| text.contains(w))
}

/// Extracts the measures of one document's cleaned `text`; ids are `{doc_id}-m{n}`.
pub fn extract(
    doc_id: &str,
    text: &str,
    segmenter: &Segmenter,
    taxonomy: &Taxonomy,
) -> Vec<Measure> {
    let chars: Vec<char> = text.chars().collect();
    let doc_slogans = slogans::find_all(&chars);
    let doc_figures = figures::extract_chars(&chars, &doc_slogans);
    let scan = Scan {
        chars: &chars,
        slogans: &doc_slogans,
        figures: &doc_figures,
    };
    extract_with(
        doc_id,
        &scan,
        segmenter,
        taxonomy,
        &Classifier::new(taxonomy),
    )
}

/// What [`extract_with`] reads of a document besides the dictionary and the taxonomy,
/// computed once per document by its caller (the pipeline reports the same figures).
pub struct Scan<'a> {
    /// The cleaned text's chars.
    pub chars: &'a [char],
    /// Every occurrence of a numeric slogan ([`slogans::find_all`]).
    pub slogans: &'a [Slogan],
    /// The text's figures ([`figures::extract_chars`]).
    pub figures: &'a [Figure],
}

/// [`extract`] with the document's [`Scan`] and a `classifier` compiled once from
/// `taxonomy` for every document: the hand-written rules alone (the baseline the learned
/// model is measured against, and a feature of it).
pub fn extract_with(
    doc_id: &str,
    scan: &Scan,
    segmenter: &Segmenter,
    taxonomy: &Taxonomy,
    classifier: &Classifier,
) -> Vec<Measure> {
    walk(doc_id, scan, segmenter, taxonomy, classifier, |_| {})
}

/// The rules' view of one clause, a feature of the learned model.
#[derive(Clone, Debug, Default)]
pub struct RuleFlags {
    /// A directive verb with an object (or a modal opening, or a time limit).
    pub directive: bool,
    /// A lead-in, meeting narration, background, title, purpose clause or praise.
    pub drop: bool,
    /// A topic frame (在…方面, 针对…).
    pub frame: bool,
    /// A lead-in ending on a speech verb (会议强调).
    pub lead_in: bool,
    /// The category index of the rules' measure that covers the clause.
    pub measure: Option<usize>,
}

/// One sentence as the rules and the learned model see it.
pub struct SentenceView<'a> {
    pub chars: &'a [char],
    pub sentence: &'a Sentence,
    /// Segmented words, offsets relative to the sentence.
    pub words: &'a [(&'a str, usize, usize)],
    pub clauses: Vec<Clause>,
    /// Cue-lexicon scores per clause, per category of the taxonomy.
    pub scores: Vec<Vec<f32>>,
    pub rules: Vec<RuleFlags>,
    /// A heading line (no full stop, short): never a measure, a hint for what follows.
    pub heading: bool,
    /// A sentence the rules skip whole (question, furniture, document frame, attendance).
    pub skipped: bool,
    /// The cue scores of the last heading above.
    pub hint: &'a [f32],
    /// The words of the last heading above.
    pub heading_words: &'a [String],
    /// A numbered article (一、 （三） 3. 第三条) started before or at this sentence.
    pub in_article: bool,
    /// The sentence starts with an article's number.
    pub article_start: bool,
    /// Figures of the document (sorted by start).
    pub figures: &'a [Figure],
    /// The whole document's cue-lexicon scores, as shares of their sum: what it is about.
    pub doc_cues: &'a [f32],
}

impl SentenceView<'_> {
    /// The words inside `chars[start..end]` (document offsets).
    pub fn words_in(&self, start: usize, end: usize) -> impl Iterator<Item = &str> + '_ {
        let (rs, re) = (start - self.sentence.start, end - self.sentence.start);
        self.words
            .iter()
            .filter(move |(_, s, e)| *s >= rs && *e <= re)
            .map(|(w, _, _)| *w)
    }

    pub fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }
}

/// Walks the document sentence by sentence: runs the rules (whose measures it returns)
/// and hands each sentence's [`SentenceView`] to `visit`.
pub fn walk(
    doc_id: &str,
    scan: &Scan,
    segmenter: &Segmenter,
    taxonomy: &Taxonomy,
    classifier: &Classifier,
    mut visit: impl FnMut(&SentenceView),
) -> Vec<Measure> {
    let Scan {
        chars,
        slogans: doc_slogans,
        figures: doc_figures,
    } = *scan;
    if classifier.is_empty() {
        return Vec::new();
    }
    let mut hint = vec![0.0f32; classifier.len()];
    let mut heading_words: Vec<String> = Vec::new();
    let mut out: Vec<Measure> = Vec::new();
    let blocks = actors::responsible_blocks(chars);
    let article_starts = actors::article_starts(chars);
    let doc_cues = {
        // Every char a word of its own: cues match as substrings, in one pass.
        let ids: Vec<u32> = (0..chars.len() as u32).collect();
        let mut v = classifier.score(chars, 0, chars.len(), &ids, 0);
        let sum: f32 = v.iter().sum();
        if sum > 0.0 {
            v.iter_mut().for_each(|x| *x /= sum);
        }
        v
    };
    for s in sentence::split_chars(chars) {
        let words = segmenter.cut_with_offsets(&s.text);
        let word_of = word_index(s.end - s.start, &words);
        let model_clauses = clauses::split(chars, s.start, s.end);
        let mut rules: Vec<RuleFlags> = model_clauses
            .iter()
            .map(|c| {
                let info = clause_info(chars, c.clone(), classifier, &words, &word_of, s.start);
                let text: String = chars[c.start..c.end].iter().collect();
                RuleFlags {
                    directive: info.directive,
                    drop: info.drop,
                    frame: info.frame,
                    lead_in: text.chars().count() <= 14 && SPEECH.iter().any(|v| text.ends_with(v)),
                    measure: None,
                }
            })
            .collect();
        let scores: Vec<Vec<f32>> = model_clauses
            .iter()
            .map(|c| classifier.score(chars, c.start, c.end, &word_of, s.start))
            .collect();
        let heading = is_heading(chars, &s);
        let skipped = !heading && skip_sentence(&s);
        let in_article = article_starts.first().is_some_and(|&a| a <= s.start);
        let article_start = clauses::article_marker_at(chars, s.start);
        let mut body_hint: Option<Vec<f32>> = None;
        if !heading && !skipped {
            // An inline heading before a space (复工复产忙 织牢防控网 随着…) hints, not acts.
            let body = inline_heading_end(chars, &s);
            if body > s.start {
                body_hint = Some(classifier.score(chars, s.start, body, &word_of, s.start));
            }
            let rule_hint = body_hint.as_deref().unwrap_or(&hint);
            let clauses = clauses::split(chars, body, s.end);
            let infos: Vec<ClauseInfo> = clauses
                .into_iter()
                .map(|c| clause_info(chars, c, classifier, &words, &word_of, s.start))
                .collect();
            for g in group(&infos) {
                // A 责任单位 line names who acts; it is not an action of its own.
                if blocks.iter().any(|b| g.start < b.end && b.start < g.end) {
                    continue;
                }
                if let Some(m) = build(
                    doc_id,
                    out.len() + 1,
                    chars,
                    &s,
                    &g,
                    &infos,
                    rule_hint,
                    classifier,
                    taxonomy,
                    doc_slogans,
                    doc_figures,
                ) {
                    let cat = (0..classifier.len()).find(|&k| classifier.id(k) == m.category);
                    for (c, r) in model_clauses.iter().zip(rules.iter_mut()) {
                        if c.start < m.end && m.start < c.end {
                            r.measure = cat;
                        }
                    }
                    out.push(m);
                }
            }
        }
        let view = SentenceView {
            chars,
            sentence: &s,
            words: &words,
            clauses: model_clauses,
            scores,
            rules,
            heading,
            skipped,
            hint: &hint,
            heading_words: &heading_words,
            in_article,
            article_start,
            figures: doc_figures,
            doc_cues: &doc_cues,
        };
        visit(&view);
        if heading {
            hint = classifier.score(chars, s.start, s.end, &word_of, s.start);
            heading_words = words.iter().take(24).map(|w| w.0.to_string()).collect();
        } else if let Some(h) = body_hint {
            hint = h;
        }
    }
    attach_responsible(chars, &blocks, &mut out);
    out
}

/// A measure found in a sentence: clauses `first..=last`.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// The first clause.
    pub first: usize,
    /// The last clause.
    pub last: usize,
    /// Category indices (into the taxonomy), primary first.
    pub categories: Vec<usize>,
    /// How sure the finder is (a calibrated probability for the learned model).
    pub confidence: f32,
}

/// What finds the measures of a sentence: the learned model (`crate::learn::Model`). A
/// trait here so that this module does not depend on the model, which reads the rules'
/// verdicts from it.
pub trait Finder {
    /// The measures of one sentence.
    fn find(&self, view: &SentenceView, classifier: &Classifier) -> Vec<Found>;
}

/// The measures of one document as the learned `model` finds them (the rules' measures
/// are among its features).
pub fn extract_model(
    doc_id: &str,
    scan: &Scan,
    segmenter: &Segmenter,
    taxonomy: &Taxonomy,
    classifier: &Classifier,
    model: &impl Finder,
) -> Vec<Measure> {
    let chars = scan.chars;
    let blocks = actors::responsible_blocks(chars);
    let mut out: Vec<Measure> = Vec::new();
    walk(doc_id, scan, segmenter, taxonomy, classifier, |view| {
        for found in model.find(view, classifier) {
            let (start, end) = (
                view.clauses[found.first].start,
                view.clauses[found.last].end,
            );
            // A 责任单位 line names who acts; it is not an action of its own.
            if blocks.iter().any(|b| start < b.end && b.start < end) {
                continue;
            }
            let n = out.len() + 1;
            out.push(make_measure(
                doc_id,
                n,
                view,
                found.first,
                found.last,
                found
                    .categories
                    .iter()
                    .map(|&k| classifier.id(k).to_string())
                    .collect(),
                found.confidence,
                taxonomy,
                scan.slogans,
            ));
        }
    });
    attach_responsible(chars, &blocks, &mut out);
    out
}

/// A measure over the clauses `first..=last` of a sentence.
#[allow(clippy::too_many_arguments)]
fn make_measure(
    doc_id: &str,
    n: usize,
    view: &SentenceView,
    first: usize,
    last: usize,
    categories: Vec<String>,
    confidence: f32,
    taxonomy: &Taxonomy,
    doc_slogans: &[Slogan],
) -> Measure {
    let chars = view.chars;
    let (start, end) = (view.clauses[first].start, view.clauses[last].end);
    let text: String = chars[start..end].iter().collect();
    let mut slogans_in: Vec<String> = Vec::new();
    let from = doc_slogans.partition_point(|sl| sl.start < start);
    for sl in doc_slogans[from..]
        .iter()
        .take_while(|sl| sl.start < end)
        .filter(|sl| sl.end <= end)
    {
        if !slogans_in.contains(&sl.text) {
            slogans_in.push(sl.text.clone());
        }
    }
    let from = view.figures.partition_point(|f| f.start < start);
    let figures_in: Vec<Figure> = view.figures[from..]
        .iter()
        .take_while(|f| f.start < end)
        .filter(|f| f.end <= end)
        .cloned()
        .collect();
    let subject_of = |c: &Clause| actors::subject(chars, c.start, c.end);
    let actors = view.clauses[first..=last]
        .iter()
        .map(subject_of)
        .find(|a| !a.is_empty())
        .or_else(|| {
            view.clauses[..first]
                .iter()
                .map(subject_of)
                .find(|a| !a.is_empty())
        })
        .unwrap_or_default();
    let category = categories.first().cloned().unwrap_or_default();
    Measure {
        id: format!("{doc_id}-m{n}"),
        deadline: deadline::find(&text),
        text,
        sentence: view.sentence.text.clone(),
        start,
        end,
        instrument: taxonomy.instrument_of(&category).to_string(),
        category,
        categories,
        slogans: slogans_in,
        figures: figures_in,
        confidence,
        correction: None,
        origin: Some("model".to_string()),
        actors,
    }
}

/// Adds the bodies of each 责任单位 block to the measures of the article it closes: those
/// after the article's marker (or the previous block) and before the block.
fn attach_responsible(chars: &[char], blocks: &[actors::Responsible], measures: &mut [Measure]) {
    if blocks.is_empty() {
        return;
    }
    let starts = actors::article_starts(chars);
    let mut prev_end = 0;
    let mut from = 0;
    for b in blocks {
        // Blocks in a row (牵头单位…，配合单位…) close the same article.
        let gap: String = chars[prev_end.min(b.start)..b.start].iter().collect();
        let in_row = prev_end > 0
            && gap
                .chars()
                .all(|c| c.is_whitespace() || "，,；;。（）()[]【】".contains(c));
        if !in_row {
            let article = starts
                .iter()
                .rev()
                .find(|&&a| a < b.start)
                .copied()
                .unwrap_or(0);
            from = article.max(prev_end);
        }
        for m in measures
            .iter_mut()
            .filter(|m| m.start >= from && m.end <= b.start)
        {
            for body in &b.bodies {
                if !m.actors.contains(body) {
                    m.actors.push(body.clone());
                }
            }
        }
        prev_end = b.end;
    }
}

/// A heading: a short line without a full stop, or a short enumerated sentence.
fn is_heading(chars: &[char], s: &Sentence) -> bool {
    let n = s.end - s.start;
    let no_stop = !s.text.contains(['。', '！', '？', '；', '!', '?', ';']);
    if n <= 80 && no_stop && line_bounded(chars, s) {
        return true;
    }
    // 二、加大金融支持 run into the text of a page that lost its line breaks.
    if n <= 40
        && no_stop
        && !s.text.contains(['，', ','])
        && clauses::article_marker_at(chars, s.start)
    {
        return true;
    }
    // 一是分区分类、精准防控。 / （三）加大金融支持力度。
    if n <= 20 {
        let c = clauses::split(chars, s.start, s.end);
        if c.first().is_some_and(|c| c.enumerated) && !s.text.contains(['，', ',', '；']) {
            return true;
        }
    }
    false
}

/// True when the sentence is a whole line (only white space around it on its line).
fn line_bounded(chars: &[char], s: &Sentence) -> bool {
    // `all` stops at the first non-space char, so this is cheap even on long lines.
    let line_start = chars[..s.start]
        .iter()
        .rev()
        .take_while(|c| **c != '\n')
        .all(|c| c.is_whitespace());
    let line_end = chars[s.end..]
        .iter()
        .take_while(|c| **c != '\n')
        .all(|c| c.is_whitespace());
    line_start && line_end
}

/// Where the body of a sentence starts when it opens with a short heading set off by a
/// space (the title of a piece run into its first paragraph): the char after the last
/// space between words in its first 32 chars; `s.start` when there is none.
fn inline_heading_end(chars: &[char], s: &Sentence) -> usize {
    let limit = (s.start + 32).min(s.end);
    let mut body = s.start;
    for k in s.start + 1..limit {
        if chars[k].is_whitespace()
            && !chars[k - 1].is_whitespace()
            && chars.get(k + 1).is_some_and(|c| !c.is_whitespace())
        {
            let before = &chars[s.start..k];
            if before.iter().any(|c| matches!(c, '。' | '；' | ';')) || before.len() < 4 {
                break;
            }
            body = k + 1;
        }
    }
    body
}

/// A clause that sets the topic of the action after it (在贷款融资方面, 针对中小企业的困难).
pub(crate) fn is_frame(text: &str) -> bool {
    const OPEN: &[&str] = &[
        "在", "如在", "对", "针对", "围绕", "对于", "根据", "按照", "为", "从", "结合", "立足",
        "聚焦", "面对", "通过", "依托",
    ];
    const CLOSE: &[&str] = &["上", "方面", "中", "期间", "下", "时"];
    OPEN.iter().any(|w| text.starts_with(w)) || CLOSE.iter().any(|w| text.ends_with(w))
}

fn skip_sentence(s: &Sentence) -> bool {
    let t = s.text.as_str();
    // A question (如何进一步巩固?) poses the problem; it does not act.
    if (t.ends_with('？') || t.ends_with('?')) && contains_any(t, QUESTION_WORDS) {
        return true;
    }
    if contains_any(t, FURNITURE) || contains_any(t, DOCUMENT_FRAME) {
        return true;
    }
    contains_any(t, ATTENDANCE) && s.text.chars().count() < 160
}

fn clause_info(
    chars: &[char],
    clause: Clause,
    classifier: &Classifier,
    words: &[(&str, usize, usize)],
    word_of: &[u32],
    base: usize,
) -> ClauseInfo {
    let scores = classifier.score(chars, clause.start, clause.end, word_of, base);
    let (best, own) = Classifier::best(&scores).map_or((None, 0.0), |(k, s)| (Some(k), s));
    let (rs, re) = (clause.start - base, clause.end - base);
    let text: String = chars[clause.start..clause.end].iter().collect();
    // A directive needs an object after it: 就业才有保障 ends on a noun use of 保障.
    let inside: Vec<&(&str, usize, usize)> = words
        .iter()
        .filter(|(_, s, e)| *s >= rs && *e <= re)
        .collect();
    let directive = inside.iter().enumerate().any(|(k, (w, _, _))| is_directive(w) && k + 1 < inside.len())
        // The modal that opens an instruction, whatever the segmenter made of it (要紧|盯).
        || (["要", "须", "必须", "务必", "应", "应当"].iter().any(|m| text.starts_with(m)) && text.chars().count() > 3);
    let n = clause.end - clause.start;
    let lead_in = n <= 14 && own < MIN_OWN && SPEECH.iter().any(|v| text.ends_with(v));
    // "X召开…会议": the meeting being reported, not an action it decided (a counted
    // series of meetings, 召开7次专题会议, is one).
    let meeting = text.contains("召开")
        && (text.ends_with('会') || text.ends_with("会议"))
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '次' | '场'));
    // 随着疫情好转…: background, not action.
    let background = text.starts_with("随着") || text.starts_with("随著");
    // 关于…的通知: a document's title, cited or run into the text.
    let title = is_document_title(&text);
    // 为做好…工作 / 为进一步加强…: the aim of what follows, not an action.
    let purpose = is_purpose(&text);
    let drop =
        lead_in || meeting || background || title || purpose || contains_any(&text, NOT_ACTION);
    // A time limit (三个工作日内办结, 2月21日前完成) makes a clause an instruction.
    let directive = directive || (text.contains(['内', '前']) && deadline::find(&text).is_some());
    let frame = is_frame(&text);
    ClauseInfo {
        clause,
        scores,
        own,
        best,
        directive: directive && !drop,
        drop,
        frame,
    }
}

/// A document title: 关于…的通知 / 意见 / 措施 … (outside book-title marks).
fn is_document_title(text: &str) -> bool {
    const KINDS: &[&str] = &[
        "通知", "意见", "措施", "办法", "方案", "决定", "通告", "公告", "规定", "细则", "指南",
        "解读", "函",
    ];
    let Some(at) = text.find("关于") else {
        return false;
    };
    let rest = &text[at..];
    !text[..at].contains('《')
        && KINDS
            .iter()
            .any(|k| rest.contains(&format!("的{k}")) || rest.ends_with(k))
}

/// A purpose clause: 为 / 为了 followed by the aim (为做好…, 为进一步加强…).
pub(crate) fn is_purpose(text: &str) -> bool {
    const AIMS: &[&str] = &[
        "了",
        "进一步",
        "做好",
        "切实",
        "全力",
        "确保",
        "加快",
        "深入",
        "有效",
        "坚决",
        "更好",
        "全面",
        "保障",
        "支持",
        "应对",
        "帮助",
        "推动",
        "促进",
        "落实",
        "贯彻",
        "打赢",
        "统筹",
        "减轻",
        "缓解",
        "加强",
        "维护",
        "防止",
        "降低",
        "扎实",
        "认真",
        "积极",
    ];
    text.strip_prefix('为')
        .is_some_and(|rest| AIMS.iter().any(|a| rest.starts_with(a)))
}

fn directive_set() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| DIRECTIVES.iter().copied().collect())
}

pub(crate) fn is_directive(word: &str) -> bool {
    let set = directive_set();
    if set.contains(word) {
        return true;
    }
    // 落实好, 加快推进: a longer word that opens with a directive.
    let mut it = word.char_indices();
    if word.chars().count() >= 3 {
        if let Some((b, _)) = it.nth(2) {
            return set.contains(&word[..b]);
        }
    }
    false
}

/// Groups the clauses of one sentence into candidate measures.
fn group(infos: &[ClauseInfo]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut cur: Option<Group> = None;
    let mut segment = 0;
    // Serial clauses share the modal of the first: 要明确…，分批错峰返岗 is an instruction too.
    let mut seg_directive = false;
    for (idx, info) in infos.iter().enumerate() {
        if info.clause.strong && idx > 0 {
            segment += 1;
            seg_directive = false;
            if let Some(g) = cur.take() {
                out.push(g);
            }
        }
        if info.drop {
            if let Some(g) = cur.take() {
                out.push(g);
            }
            continue;
        }
        let inherited = seg_directive;
        seg_directive |= info.directive;
        let len_if_joined = |g: &Group| info.clause.end - g.start;
        match cur.as_mut() {
            None => {
                if info.directive || (info.own > 0.0 && (info.frame || inherited)) {
                    let mut g = new_group(info, segment);
                    g.directive |= inherited;
                    cur = Some(g);
                }
            }
            Some(g) => {
                let fits = len_if_joined(g) <= MAX_TEXT;
                let same =
                    info.best.is_none() || info.own < 1.0 || g.own() < 1.0 || info.best == g.best();
                if fits && same {
                    g.end = info.clause.end;
                    g.directive |= info.directive;
                    for (a, b) in g.scores.iter_mut().zip(&info.scores) {
                        *a += b;
                    }
                } else if !fits && info.own < 1.0 && !info.directive {
                    // A trailing remark that does not fit: leave it out.
                } else {
                    let carried = g.directive || inherited;
                    if let Some(old) = cur.take() {
                        out.push(old);
                    }
                    let mut g = new_group(info, segment);
                    g.directive |= carried;
                    cur = Some(g);
                }
            }
        }
    }
    if let Some(g) = cur {
        out.push(g);
    }
    out
}

fn new_group(info: &ClauseInfo, segment: usize) -> Group {
    Group {
        start: info.clause.start,
        end: info.clause.end,
        scores: info.scores.clone(),
        directive: info.directive,
        segment,
    }
}

#[allow(clippy::too_many_arguments)]
fn build(
    doc_id: &str,
    n: usize,
    chars: &[char],
    s: &Sentence,
    g: &Group,
    infos: &[ClauseInfo],
    hint: &[f32],
    classifier: &Classifier,
    taxonomy: &Taxonomy,
    doc_slogans: &[Slogan],
    doc_figures: &[Figure],
) -> Option<Measure> {
    let own = g.own();
    if !g.directive || own < MIN_OWN || g.end - g.start < 4 {
        return None;
    }
    // Context: the rest of the strong segment, then the heading.
    let mut total = g.scores.clone();
    let mut seg_index = 0;
    for (idx, info) in infos.iter().enumerate() {
        if info.clause.strong && idx > 0 {
            seg_index += 1;
        }
        if seg_index == g.segment && (info.clause.end <= g.start || info.clause.start >= g.end) {
            for (t, x) in total.iter_mut().zip(&info.scores) {
                *t += SEGMENT_WEIGHT * x;
            }
        }
    }
    let hint_max = hint.iter().cloned().fold(0.0f32, f32::max);
    if hint_max > 0.0 {
        for (t, h) in total.iter_mut().zip(hint) {
            *t += HEADING_WEIGHT * h.min(3.0);
        }
    }
    // The clause's own words decide; context only breaks near-ties among its own leads.
    let own_max = own;
    let primary = (0..total.len())
        .filter(|&k| g.scores[k] >= 0.6 * own_max)
        .max_by(|&a, &b| total[a].total_cmp(&total[b]).then(b.cmp(&a)))?;
    let best = total[primary];
    let mut ranked: Vec<(usize, f32)> = total
        .iter()
        .enumerate()
        .filter(|(k, &x)| *k != primary && x >= 0.5 * best && g.scores[*k] > 0.0)
        .map(|(k, &x)| (k, x))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut categories = vec![classifier.id(primary).to_string()];
    categories.extend(
        ranked
            .into_iter()
            .take(2)
            .map(|(k, _)| classifier.id(k).to_string()),
    );
    let text: String = chars[g.start..g.end].iter().collect();
    let category = classifier.id(primary).to_string();
    let slogans_in: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        let from = doc_slogans.partition_point(|sl| sl.start < g.start);
        for sl in doc_slogans[from..]
            .iter()
            .take_while(|sl| sl.start < g.end)
            .filter(|sl| sl.end <= g.end)
        {
            if !v.contains(&sl.text) {
                v.push(sl.text.clone());
            }
        }
        v
    };
    let from = doc_figures.partition_point(|f| f.start < g.start);
    let figures_in: Vec<Figure> = doc_figures[from..]
        .iter()
        .take_while(|f| f.start < g.end)
        .filter(|f| f.end <= g.end)
        .cloned()
        .collect();
    let confidence =
        (0.3 + 0.08 * own.min(6.0) + if best > own * 1.5 { -0.05 } else { 0.05 }).clamp(0.05, 0.95);
    Some(Measure {
        id: format!("{doc_id}-m{n}"),
        deadline: deadline::find(&text),
        text,
        sentence: s.text.clone(),
        start: g.start,
        end: g.end,
        instrument: taxonomy.instrument_of(&category).to_string(),
        category,
        categories,
        slogans: slogans_in,
        figures: figures_in,
        confidence,
        correction: None,
        origin: None,
        actors: {
            // The subject of the group's first clause that has one, else of the sentence's
            // clauses before the group.
            let subject_of = |c: &ClauseInfo| actors::subject(chars, c.clause.start, c.clause.end);
            let inside = infos
                .iter()
                .filter(|c| c.clause.start >= g.start && c.clause.end <= g.end)
                .map(subject_of)
                .find(|a| !a.is_empty());
            inside
                .or_else(|| {
                    infos
                        .iter()
                        .filter(|c| c.clause.end <= g.start)
                        .map(subject_of)
                        .find(|a| !a.is_empty())
                })
                .unwrap_or_default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Measure> {
        let seg = Segmenter::new();
        let t = Taxonomy::default();
        extract("d1", text, &seg, &t)
    }

    fn check_offsets(text: &str, ms: &[Measure]) {
        let chars: Vec<char> = text.chars().collect();
        for m in ms {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
            assert!(m.text.chars().count() <= MAX_TEXT);
            assert!(m.sentence.chars().count() <= sentence::MAX_SENTENCE);
            assert!(m.sentence.contains(&m.text));
        }
    }

    #[test]
    fn numbered_articles_give_one_measure_per_action() {
        let text = "第三条 支持措施\n（一）减免房租。对承租国有资产类经营用房的中小企业，免收2月份房租，减半收取3月份房租。\n\
                    （二）加大金融支持。协调金融机构对受疫情影响的企业不抽贷、不压贷，延长还款期限，降低融资成本。\n\
                    （三）保障企业用工。开展网上招聘，对组织员工点对点包车返岗的企业给予补贴。";
        let ms = run(text);
        check_offsets(text, &ms);
        let cats: Vec<&str> = ms.iter().map(|m| m.category.as_str()).collect();
        assert!(cats.contains(&"fiscal"), "{ms:#?}");
        assert!(cats.contains(&"finance"));
        assert!(cats.contains(&"labor"));
        assert_eq!(ms[0].id, "d1-m1");
        assert!(ms
            .iter()
            .all(|m| m.instrument == Taxonomy::default().instrument_of(&m.category)));
    }

    #[test]
    fn semicolon_chains_split_by_topic() {
        let text = "会议要求，要压实属地责任，成立工作专班；要加强员工健康监测，每日测温、消毒；要开通审批绿色通道，实行承诺制。";
        let ms = run(text);
        check_offsets(text, &ms);
        let cats: Vec<&str> = ms.iter().map(|m| m.category.as_str()).collect();
        assert_eq!(
            cats,
            ["organization", "epidemic_control", "approval"],
            "{ms:#?}"
        );
        assert!(!ms[0].text.contains("会议要求"));
    }

    #[test]
    fn exhortations_praise_and_attendees_are_not_measures() {
        let text = "全市上下要进一步统一思想，坚定信心。这些好做法雪中送炭，值得点赞。\
                    市委书记张三、市长李四出席会议并讲话。全国每日新增确诊病例降至两位数。\
                    免责声明：本文仅代表作者个人观点，请联系删除。";
        assert!(run(text).is_empty(), "{:#?}", run(text));
    }

    #[test]
    fn headings_hint_but_are_not_measures() {
        let text = "疫情防控上，守牢网格这个关口\n在网格化管理上，要完善调整网格划分，充实配强网格力量，在2月21日前做到网格调整到位。";
        let ms = run(text);
        check_offsets(text, &ms);
        assert!(!ms.is_empty());
        assert!(ms.iter().all(|m| !m.text.contains("关口")));
        assert_eq!(ms[0].category, "epidemic_control");
        assert!(
            ms.iter()
                .any(|m| m.deadline.as_deref() == Some("2月21日前")),
            "{ms:#?}"
        );
    }

    #[test]
    fn reported_actions_with_figures_and_slogans() {
        let text = "乌海市建立“一企一员”联系对接机制。举办网络招聘会，发布用工岗位信息近6000个，达成就业意向459人。";
        let ms = run(text);
        check_offsets(text, &ms);
        assert_eq!(ms.len(), 2, "{ms:#?}");
        assert_eq!(ms[0].category, "targeted_service");
        assert_eq!(ms[0].slogans, ["一企一员"]);
        assert_eq!(ms[1].category, "labor");
        assert_eq!(ms[1].figures.len(), 2);
    }

    #[test]
    fn press_conference_style_sentences() {
        let text = "记者从市人社局获悉，截至目前，我市已为企业发放稳岗返还资金1.2亿元。下一步，将阶段性减免企业社保费，\
                    对受疫情影响的小微企业贷款给予贴息，审批事项在三个工作日内办结。";
        let ms = run(text);
        check_offsets(text, &ms);
        let cats: Vec<&str> = ms.iter().map(|m| m.category.as_str()).collect();
        assert!(cats.contains(&"fiscal"), "{ms:#?}");
        assert!(
            ms.iter()
                .any(|m| m.deadline.as_deref() == Some("三个工作日内")),
            "{ms:#?}"
        );
    }

    #[test]
    fn policy_document_frame_is_not_measures() {
        let text = "关于印发某市支持小微企业共渡难关若干措施的通知 各区人民政府，市政府各部门：\n\
                    现将《某市支持小微企业共渡难关若干措施》印发给你们，请认真贯彻执行。\n\
                    为做好疫情防控期间企业帮扶工作，帮助企业渡过难关，特制定如下措施。\n\
                    一、加大金融支持 1.完善融资服务应急协调机制。市金融监管局、各银行机构要对受疫情影响的小微企业不抽贷、不断贷。\n\
                    责任单位：市金融监管局、各银行机构\n\
                    2.降低融资成本。对疫情防控重点企业给予贷款贴息，2月21日前完成首批贴息资金拨付。（牵头单位：市财政局，配合单位：人民银行某中心支行）\n\
                    本措施自印发之日起施行，有效期至2020年12月31日。";
        let ms = run(text);
        check_offsets(text, &ms);
        assert!(
            ms.iter().all(|m| !m.text.contains("通知")
                && !m.text.contains("印发给你们")
                && !m.text.contains("特制定")),
            "{ms:#?}"
        );
        assert!(
            ms.iter().all(|m| !m.text.contains("责任单位")
                && !m.text.contains("牵头单位")
                && !m.text.contains("施行")),
            "{ms:#?}"
        );
        assert!(
            ms.iter().all(|m| !m.text.contains("加大金融支持")),
            "a section heading is no measure: {ms:#?}"
        );
        let credit = ms
            .iter()
            .find(|m| m.text.contains("不抽贷"))
            .expect("credit measure");
        assert_eq!(credit.category, "finance");
        assert_eq!(credit.actors, ["市金融监管局", "各银行机构"]);
        let subsidy = ms
            .iter()
            .find(|m| m.text.contains("贴息"))
            .expect("subsidy measure");
        assert_eq!(subsidy.actors, ["市财政局", "人民银行某中心支行"]);
        assert_eq!(subsidy.deadline.as_deref(), Some("2月21日前"));
    }

    #[test]
    fn purpose_clauses_are_not_measures_but_what_follows_is() {
        let ms = run("为进一步加强源头管控，市指挥部决定自即日起对全市住宅小区实行封闭管理。");
        assert!(ms.iter().all(|m| !m.text.starts_with('为')), "{ms:#?}");
        let m = ms
            .iter()
            .find(|m| m.text.contains("封闭管理"))
            .expect("closure measure");
        assert_eq!(m.category, "epidemic_control");
        assert_eq!(m.actors, ["市指挥部"]);
    }

    #[test]
    fn traditional_press_conference_figures_and_actors() {
        // Traditional input is converted by the cleaner before extraction; the measure text
        // is what the pipeline analyzes.
        let a = crate::pipeline::Analyzer::new();
        let input = crate::pipeline::Input::new(
            "t.txt",
            "記者從新聞發布會上獲悉，市人社局將為企業發放穩崗返還資金1.2億元，惠及職工3.5萬人。",
        );
        let doc = a.analyze_document("d1", &input).unwrap();
        let m = doc
            .measures
            .iter()
            .find(|m| m.text.contains("稳岗返还"))
            .expect("measure");
        assert_eq!(m.actors, ["市人社局"]);
        assert!(
            m.figures.iter().any(|f| f.value == 1.2 && f.unit == "亿元"),
            "{m:#?}"
        );
        assert!(
            doc.figures
                .iter()
                .any(|f| f.value == 3.5 && f.unit == "万人"),
            "{:#?}",
            doc.figures
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in [
            "",
            "。",
            "要",
            "“",
            "（",
            "一是",
            "1.",
            "要加强\n\n\n",
            &"要加强督查，".repeat(500),
        ] {
            let ms = run(t);
            check_offsets(t, &ms);
        }
    }
}
