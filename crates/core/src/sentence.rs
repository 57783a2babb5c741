//! Sentence splitting with char offsets.
//!
//! A sentence ends at 。！？ (and their ASCII forms), at a line break or before a numbered
//! article's marker set off by white space (` 二、` ` （三）` ` 4.`), and takes any
//! closing quote or bracket that follows its end mark (`…攻坚清零。”`). Leading and
//! trailing white space is left out, so `text[start..end]` (in chars) always equals the
//! sentence's `text`. Sentences are what a measure's `sentence` field shows the reader,
//! and the report caps that at 600 chars: a longer run (a pasted table, a paragraph
//! without full stops) is cut at ；, then at ，, then hard, into pieces under the cap.

/// The longest sentence kept whole, in chars.
pub const MAX_SENTENCE: usize = 600;

/// A sentence of the cleaned text; `start`/`end` are char offsets into that text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn is_end_mark(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"' | '】' | '》')
}

/// Splits `text` into sentences at 。！？ and line breaks.
pub fn split(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    split_chars(&chars)
}

/// [`split`] over an already collected char vector (offsets index into it).
pub fn split_chars(chars: &[char]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' || c == '\r' {
            push_range(chars, start, i, &mut out);
            start = i + 1;
        } else if c.is_whitespace() && i > start && super::clauses::article_marker_at(chars, i + 1)
        {
            // Web text often loses its line breaks: a numbered article after a space
            // (…（责任单位：市税务局） 二、减免房租。) starts a new line all the same.
            push_range(chars, start, i, &mut out);
            start = i + 1;
        } else if is_end_mark(c) {
            let mut end = i + 1;
            // Runs of end marks (？！) and the closing quotes after them stay with the sentence.
            while end < chars.len() && (is_end_mark(chars[end]) || is_closer(chars[end])) {
                end += 1;
            }
            push_range(chars, start, end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_range(chars, start, chars.len(), &mut out);
    out
}

/// Trims white space and pushes `chars[start..end]`, cut under the cap if too long.
fn push_range(chars: &[char], mut start: usize, mut end: usize, out: &mut Vec<Sentence>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start >= end {
        return;
    }
    if end - start <= MAX_SENTENCE {
        out.push(make(chars, start, end));
        return;
    }
    // Too long: cut at the last ； (else ，, else anywhere) before the cap, and repeat.
    let mut s = start;
    while end - s > MAX_SENTENCE {
        let limit = s + MAX_SENTENCE;
        let cut = find_cut(chars, s, limit, &['；', ';'])
            .or_else(|| find_cut(chars, s, limit, &['，', ',', '、', ' ', '　']))
            .unwrap_or(limit);
        push_range(chars, s, cut, out);
        s = cut;
    }
    push_range(chars, s, end, out);
}

/// The position just after the last of `marks` in `chars[from..limit]`, if it leaves at
/// least a quarter of the cap before it (no crumbs).
fn find_cut(chars: &[char], from: usize, limit: usize, marks: &[char]) -> Option<usize> {
    (from + MAX_SENTENCE / 4..limit)
        .rev()
        .find(|&k| marks.contains(&chars[k]))
        .map(|k| k + 1)
}

fn make(chars: &[char], start: usize, end: usize) -> Sentence {
    Sentence {
        text: chars[start..end].iter().collect(),
        start,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_offsets(text: &str, sentences: &[Sentence]) {
        let chars: Vec<char> = text.chars().collect();
        for s in sentences {
            let slice: String = chars[s.start..s.end].iter().collect();
            assert_eq!(slice, s.text);
        }
    }

    #[test]
    fn splits_at_full_stops_and_lines_keeping_closing_quotes() {
        let text = "会议要求，要加快实现“攻坚清零”目标。要做好返校复学的风险评估！\n第三条 各县区要在2月21日前完成摸排？是的。”\n  ";
        let s = split(text);
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "会议要求，要加快实现“攻坚清零”目标。",
                "要做好返校复学的风险评估！",
                "第三条 各县区要在2月21日前完成摸排？",
                "是的。”"
            ]
        );
        check_offsets(text, &s);
    }

    #[test]
    fn long_runs_are_cut_under_the_cap() {
        let clause = "要加强企业用工保障，协调金融机构降低融资成本；";
        let text = clause.repeat(60);
        let s = split(&text);
        assert!(s.len() > 1);
        assert!(s.iter().all(|s| s.text.chars().count() <= MAX_SENTENCE));
        assert!(s[0].text.ends_with('；'));
        check_offsets(&text, &s);
        // No punctuation at all still terminates and respects the cap.
        let text = "字".repeat(1500);
        let s = split(&text);
        assert!(s.iter().all(|s| s.text.chars().count() <= MAX_SENTENCE));
        assert_eq!(s.iter().map(|s| s.end - s.start).sum::<usize>(), 1500);
    }

    #[test]
    fn a_numbered_article_after_a_space_starts_a_new_sentence() {
        let text = "（责任单位：市财政局） 二、减免企业房租 （一）对承租国有房产的企业免收房租。 3.延期缴纳税款。 一是加强协调";
        let texts: Vec<String> = split(text).into_iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            [
                "（责任单位：市财政局）",
                "二、减免企业房租",
                "（一）对承租国有房产的企业免收房租。",
                "3.延期缴纳税款。",
                "一是加强协调"
            ]
        );
        // A decimal or a date after a space is no marker.
        assert_eq!(split("投资 1.5亿元 2020年").len(), 1);
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert!(split("").is_empty());
        assert!(split(" \n\n　").is_empty());
    }
}
