//! The features of the learned model: what it sees of a clause, of the seam between two
//! clauses, and of a group of clauses.
//!
//! Every feature is a string (a namespace and a value: `w:落实` a word, `b:补贴` a char
//! bigram, `c:fiscal` the cue lexicon's score for a category, `d:first` a directive verb
//! opening the clause …) hashed with FNV-1a into 2^18 slots, so the model needs no
//! vocabulary. Values are 1 except for scores (cue weights, scaled and capped). The words
//! come from jieba ([`crate::segment`]), the cues from the taxonomy ([`crate::classify`]),
//! the structure (enumeration markers, numbered articles, headings, lead-ins) and the
//! rules' own verdict from [`crate::measures`].

use super::logreg::{normalize, Features};
use crate::measures::{is_directive, is_frame, is_purpose, SentenceView};

/// Hash slots: 2^BITS.
pub const BITS: u32 = 18;
const MASK: u32 = (1 << BITS) - 1;

/// Modal and provision words, each its own feature wherever it stands in the clause.
const MODALS: &[&str] = &[
    "要",
    "应",
    "应当",
    "须",
    "必须",
    "需",
    "可",
    "可以",
    "允许",
    "准予",
    "不得",
    "严禁",
    "禁止",
    "鼓励",
    "支持",
    "给予",
    "按",
    "按照",
    "力争",
    "到",
    "将",
    "对",
    "予以",
    "实行",
    "免",
    "暂停",
    "确保",
    "不再",
    "一律",
    "原则上",
    "视同",
    "纳入",
    "新建",
    "改造",
    "建成",
    "实现",
    "全覆盖",
    "每",
    "最高",
    "不超过",
    "不低于",
    "以上",
    "补贴",
    "奖励",
    "取消",
];

/// FNV-1a of a namespace and a value, into a slot.
pub fn slot(ns: &str, value: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in ns.bytes().chain([0xff]).chain(value.bytes()) {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h & MASK
}

struct Sink(Features);

impl Sink {
    fn add(&mut self, ns: &str, value: &str, v: f32) {
        self.0.push((slot(ns, value), v));
    }
    fn flag(&mut self, ns: &str, value: &str) {
        self.add(ns, value, 1.0);
    }
    fn done(self) -> Features {
        normalize(self.0)
    }
}

fn bucket(n: usize, edges: &[usize]) -> String {
    let k = edges.iter().take_while(|&&e| n > e).count();
    k.to_string()
}

fn is_content_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Words, bigrams of content chars (digits as 0), under the namespace prefix `p`.
fn text_features(sink: &mut Sink, view: &SentenceView, start: usize, end: usize, p: &str, v: f32) {
    let (nw, nb) = (format!("{p}w"), format!("{p}b"));
    for w in view.words_in(start, end) {
        if w.chars().any(is_content_char) {
            sink.add(&nw, w, v);
        }
    }
    let norm = |c: char| if c.is_ascii_digit() { '0' } else { c };
    let cs: Vec<char> = view.chars[start..end]
        .iter()
        .copied()
        .filter(|&c| is_content_char(c))
        .map(norm)
        .collect();
    let mut buf = String::new();
    for pair in cs.windows(2) {
        buf.clear();
        buf.extend(pair);
        sink.add(&nb, &buf, v * 0.5);
    }
}

fn first_word<'a>(view: &'a SentenceView, k: usize) -> &'a str {
    let c = &view.clauses[k];
    view.words_in(c.start, c.end)
        .find(|w| w.chars().any(is_content_char))
        .unwrap_or("")
}

fn last_word<'a>(view: &'a SentenceView, k: usize) -> &'a str {
    let c = &view.clauses[k];
    view.words_in(c.start, c.end)
        .filter(|w| w.chars().any(is_content_char))
        .last()
        .unwrap_or("")
}

fn first_chars(view: &SentenceView, k: usize, n: usize) -> String {
    let c = &view.clauses[k];
    view.chars[c.start..c.end].iter().take(n).collect()
}

fn cue_features(sink: &mut Sink, scores: &[f32], ids: &[String], ns: &str) {
    let mut total = 0.0;
    for (k, &s) in scores.iter().enumerate() {
        if s > 0.0 {
            sink.add(ns, &ids[k], s.min(5.0) / 2.5);
            total += s;
        }
    }
    sink.add(ns, "total", total.min(8.0) / 4.0);
}

/// The separator after clause `k` (the first non-space char after it).
fn sep_after(view: &SentenceView, k: usize) -> String {
    let e = view.clauses[k].end;
    view.chars[e..view.sentence.end]
        .iter()
        .find(|c| !c.is_whitespace())
        .map_or("$".to_string(), |c| c.to_string())
}

/// Is clause `k` (part of) a measure?
pub fn clause(view: &SentenceView, k: usize, ids: &[String]) -> Features {
    let mut f = Sink(Vec::with_capacity(96));
    let c = &view.clauses[k];
    let text = view.text(c.start, c.end);
    let n = c.end - c.start;
    f.flag("bias", "");
    text_features(&mut f, view, c.start, c.end, "", 1.0);
    let fw = first_word(view, k);
    f.flag("fw", fw);
    f.flag("f2", &first_chars(view, k, 2));
    f.flag("lw", last_word(view, k));
    if k > 0 {
        f.flag("pfw", first_word(view, k - 1));
        f.flag("plw", last_word(view, k - 1));
        f.flag("psep", &sep_after(view, k - 1));
    } else {
        f.flag("pfw", "^");
    }
    if k + 1 < view.clauses.len() {
        f.flag("nfw", first_word(view, k + 1));
    } else {
        f.flag("nfw", "$");
    }
    f.flag("sep", &sep_after(view, k));
    let s = |f: &mut Sink, name: &str, on: bool| {
        if on {
            f.flag("s", name);
        }
    };
    s(&mut f, "strong", c.strong);
    s(&mut f, "enum", c.enumerated);
    s(&mut f, "first", k == 0);
    s(&mut f, "last", k + 1 == view.clauses.len());
    s(&mut f, "only", view.clauses.len() == 1);
    s(&mut f, "heading", view.heading);
    s(&mut f, "skipped", view.skipped);
    s(&mut f, "in_article", view.in_article);
    s(&mut f, "article_start", view.article_start);
    s(&mut f, "purpose", is_purpose(&text));
    s(&mut f, "frame", is_frame(&text));
    let st = &view.sentence.text;
    s(&mut f, "question", st.ends_with('？') || st.ends_with('?'));
    s(
        &mut f,
        "no_stop",
        !st.contains(['。', '；', ';', '！', '？']),
    );
    f.flag("len", &bucket(n, &[4, 8, 14, 24, 40, 70]));
    f.flag(
        "slen",
        &bucket(
            view.sentence.end - view.sentence.start,
            &[15, 30, 60, 120, 250],
        ),
    );
    f.flag("idx", &bucket(k, &[0, 1, 2, 4]));
    // The rules' verdict and their reading of the clause.
    let r = &view.rules[k];
    s(&mut f, "r:dir", r.directive);
    s(&mut f, "r:drop", r.drop);
    s(&mut f, "r:frame", r.frame);
    s(&mut f, "r:lead_in", r.lead_in);
    s(&mut f, "r:measure", r.measure.is_some());
    s(
        &mut f,
        "r:measure_s",
        view.rules.iter().any(|r| r.measure.is_some()),
    );
    if k > 0 {
        s(&mut f, "r:prev_lead_in", view.rules[k - 1].lead_in);
        s(&mut f, "r:prev_dir", view.rules[k - 1].directive);
    }
    // Directive and modal verbs.
    let words: Vec<&str> = view.words_in(c.start, c.end).collect();
    let dir_at = words.iter().position(|w| is_directive(w));
    if let Some(at) = dir_at {
        f.flag("d", if at == 0 { "first" } else { "inside" });
        f.flag("dw", words[at]);
    }
    for w in &words {
        if MODALS.contains(w) {
            f.flag("m", w);
        }
    }
    s(&mut f, "d:fw&enum", dir_at == Some(0) && c.enumerated);
    // Figures, deadlines, years.
    let figs = view
        .figures
        .iter()
        .filter(|x| x.start >= c.start && x.end <= c.end)
        .count();
    f.flag("figs", &bucket(figs, &[0, 1, 3]));
    let cs = &view.chars[c.start..c.end];
    s(&mut f, "deadline", crate::deadline::find_in(cs).is_some());
    s(&mut f, "pct", cs.contains(&'%') || cs.contains(&'％'));
    s(
        &mut f,
        "year",
        text.contains("年") && cs.windows(2).any(|w| w[0] == '2' && w[1] == '0'),
    );
    // The cue lexicon, the clause's own and the heading's.
    cue_features(&mut f, &view.scores[k], ids, "c");
    cue_features(&mut f, view.hint, ids, "hc");
    f.done()
}

/// Should clause `k` join the group `first..k` (clauses of one sentence)?
pub fn join(view: &SentenceView, first: usize, k: usize, ids: &[String]) -> Features {
    let mut f = Sink(Vec::with_capacity(48));
    let c = &view.clauses[k];
    let prev = k - 1;
    f.flag("j:bias", "");
    f.flag("j:sep", &sep_after(view, prev));
    f.flag("j:nfw", first_word(view, k));
    f.flag("j:n2", &first_chars(view, k, 2));
    f.flag("j:clw", last_word(view, prev));
    f.flag(
        "j:glen",
        &bucket(
            view.clauses[prev].end - view.clauses[first].start,
            &[10, 20, 35, 55, 80],
        ),
    );
    f.flag("j:nlen", &bucket(c.end - c.start, &[4, 8, 14, 24, 40]));
    f.flag("j:count", &bucket(k - first, &[1, 2, 3, 5]));
    let s = |f: &mut Sink, name: &str, on: bool| {
        if on {
            f.flag("j", name);
        }
    };
    s(&mut f, "strong", c.strong);
    s(&mut f, "enum", c.enumerated);
    let (rn, rp) = (&view.rules[k], &view.rules[prev]);
    s(&mut f, "ndir", rn.directive);
    s(&mut f, "pdir", rp.directive);
    s(&mut f, "nframe", rn.frame);
    s(&mut f, "pframe", rp.frame);
    s(&mut f, "pdrop", rp.drop);
    s(
        &mut f,
        "same_rule",
        rn.measure.is_some() && rn.measure == rp.measure,
    );
    let nfw = first_word(view, k);
    s(&mut f, "nfw_dir", is_directive(nfw));
    let best = |sc: &[f32]| {
        sc.iter()
            .enumerate()
            .filter(|(_, &x)| x > 0.0)
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(k, _)| k)
    };
    let (bn, bp) = (best(&view.scores[k]), best(&view.scores[prev]));
    s(&mut f, "same_cat", bn.is_some() && bn == bp);
    s(&mut f, "diff_cat", bn.is_some() && bp.is_some() && bn != bp);
    s(&mut f, "n_nocue", bn.is_none());
    let _ = ids;
    f.done()
}

/// Which categories has the group of clauses `first..=last`?
pub fn category(view: &SentenceView, first: usize, last: usize, ids: &[String]) -> Features {
    let mut f = Sink(Vec::with_capacity(128));
    let (start, end) = (view.clauses[first].start, view.clauses[last].end);
    f.flag("bias", "");
    text_features(&mut f, view, start, end, "", 1.0);
    // The rest of the sentence, weakly.
    for (k, c) in view.clauses.iter().enumerate() {
        if k < first || k > last {
            for w in view.words_in(c.start, c.end) {
                if w.chars().count() >= 2 {
                    f.add("sw", w, 0.3);
                }
            }
        }
    }
    for w in view.heading_words.iter() {
        if w.chars().count() >= 2 {
            f.add("hw", w, 0.5);
        }
    }
    let mut sum = vec![0.0f32; ids.len()];
    for k in first..=last {
        for (t, x) in sum.iter_mut().zip(&view.scores[k]) {
            *t += x;
        }
    }
    cue_features(&mut f, &sum, ids, "c");
    cue_features(&mut f, view.hint, ids, "hc");
    for (k, &x) in view.doc_cues.iter().enumerate() {
        if x > 0.05 {
            // Capped: a short text about one thing must not outweigh the clause's own words.
            f.add("dc", &ids[k], x.min(0.4) * 2.5);
        }
    }
    if let Some(cat) = view.rules[first..=last].iter().find_map(|r| r.measure) {
        f.flag("rc", &ids[cat]);
    }
    f.done()
}
