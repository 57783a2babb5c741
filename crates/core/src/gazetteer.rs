//! A bundled gazetteer of Chinese place names, and the search for them in a text.
//!
//! Metadata needs to know which locality's government an article reports on. That needs a
//! list of places with their levels and parents: every province-level unit, every
//! prefecture-level unit, every county-level city and many districts and counties, written
//! for this project into `data/gazetteer.txt` (format described at its top) and embedded
//! with `include_str!`, so nothing is fetched at run time. Short names (东阳 for 东阳市) are
//! derived where they are safe; names that are also common words (大同, 安宁, 江山) get
//! none. The search is longest-match-first, so 海南区 is found as the district, not as the
//! province 海南 followed by 区. A few local newspapers whose names do not say their place
//! (右江日报 → 百色市) are listed as well.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Administrative level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    Prefecture,
    County,
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub level: Level,
    /// Index of the enclosing place (prefecture or province).
    pub parent: Option<usize>,
}

/// A place name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Candidate places (more than one when the name is shared, e.g. 朝阳区).
    pub places: Vec<usize>,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// Found by its short name (东阳) rather than its full name (东阳市).
    pub short: bool,
}

/// The parsed gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    /// Full and short names → (places, is_short).
    names: HashMap<String, (Vec<usize>, bool)>,
    /// Newspaper → place.
    papers: Vec<(String, usize)>,
    max_chars: usize,
    /// The first two chars of every name: where no name starts, [`Gazetteer::mentions`]
    /// skips the lookups of every length.
    heads: HashSet<(char, char)>,
    /// The last chars of the papers' names (every name has one).
    paper_ends: Vec<char>,
}

const DATA: &str = include_str!("../data/gazetteer.txt");

/// The gazetteer, parsed once.
pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::parse(DATA))
}

/// The short name of a full name, where one is safe to derive.
fn derive_short(full: &str, level: Level) -> Option<String> {
    let suffixes: &[&str] = match level {
        Level::Province => &["特别行政区", "自治区", "省", "市"],
        Level::Prefecture => &["地区", "市", "盟"],
        Level::County => &["市"],
    };
    for s in suffixes {
        if let Some(stem) = full.strip_suffix(s) {
            if stem.chars().count() >= 2 {
                return Some(stem.to_string());
            }
            return None;
        }
    }
    None
}

impl Gazetteer {
    fn add_name(&mut self, name: &str, idx: usize, short: bool) {
        let entry = self
            .names
            .entry(name.to_string())
            .or_insert_with(|| (Vec::new(), short));
        // A full name outranks a short name that happens to be spelled the same.
        if entry.1 && !short {
            *entry = (Vec::new(), false);
        }
        if entry.1 == short && !entry.0.contains(&idx) {
            entry.0.push(idx);
        }
        self.max_chars = self.max_chars.max(name.chars().count());
        let mut cs = name.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            self.heads.insert((a, b));
        }
    }

    /// Adds a place written `全称[=简称][!]`.
    fn add_place(&mut self, spec: &str, level: Level, parent: Option<usize>) -> usize {
        let (spec, no_short) = match spec.strip_suffix('!') {
            Some(s) => (s, true),
            None => (spec, false),
        };
        let (full, short) = match spec.split_once('=') {
            Some((f, s)) => (f, Some(s.to_string())),
            None => (spec, None),
        };
        let idx = self.places.len();
        self.places.push(Place {
            name: full.to_string(),
            level,
            parent,
        });
        self.add_name(full, idx, false);
        if !no_short {
            if let Some(s) = short.or_else(|| derive_short(full, level)) {
                self.add_name(&s, idx, true);
            }
        }
        idx
    }

    fn parse(data: &str) -> Self {
        let mut g = Gazetteer::default();
        let mut province = None;
        let mut pending_papers = Vec::new();
        for line in data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (tag, rest) = line.split_once(' ').unwrap_or((line, ""));
            match tag {
                "P" => province = Some(g.add_place(rest.trim(), Level::Province, None)),
                "C" => {
                    let (head, children) = rest.split_once(':').unwrap_or((rest, ""));
                    let pref = g.add_place(head.trim(), Level::Prefecture, province);
                    for child in children.split_whitespace() {
                        g.add_place(child, Level::County, Some(pref));
                    }
                }
                "K" => {
                    for child in rest.split_whitespace() {
                        g.add_place(child, Level::County, province);
                    }
                }
                "N" => {
                    if let Some((paper, place)) = rest.trim().split_once('=') {
                        pending_papers.push((paper.to_string(), place.to_string()));
                    }
                }
                _ => {}
            }
        }
        for (paper, place) in pending_papers {
            if let Some(idx) = g.places.iter().position(|p| p.name == place) {
                if let Some(end) = paper.chars().last() {
                    g.paper_ends.push(end);
                    g.papers.push((paper, idx));
                }
            }
        }
        g.paper_ends.sort_unstable();
        g.paper_ends.dedup();
        g
    }

    /// Index of a place by full name.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names
            .get(name)
            .filter(|(_, short)| !short)
            .and_then(|(v, _)| v.first().copied())
    }

    /// The place a newspaper belongs to: a listed paper, or one named after a place
    /// (金华日报 → 金华市).
    pub fn paper_place(&self, paper: &str) -> Option<usize> {
        if let Some((_, idx)) = self.papers.iter().find(|(p, _)| paper.contains(p.as_str())) {
            return Some(*idx);
        }
        let first = self.mentions(paper).into_iter().next()?;
        (first.start == 0)
            .then(|| first.places.first().copied())
            .flatten()
    }

    /// Newspapers of the list named in `text`, with their byte offsets.
    pub fn papers_in(&self, text: &str) -> Vec<(usize, usize)> {
        // Where each name first occurs, found at the places where a name can end (报): one
        // pass over the text instead of one search per paper.
        let mut first: Vec<Option<usize>> = vec![None; self.papers.len()];
        for (i, end) in text.match_indices(self.paper_ends.as_slice()) {
            let head = &text[..i + end.len()];
            for ((paper, _), at) in self.papers.iter().zip(first.iter_mut()) {
                if at.is_none() && head.ends_with(paper.as_str()) {
                    *at = Some(head.len() - paper.len());
                }
            }
        }
        self.papers
            .iter()
            .zip(first)
            .filter_map(|((_, idx), at)| at.map(|at| (at, *idx)))
            .collect()
    }

    /// Every place name in `text`, longest match first, left to right.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let starts: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i + 1 < starts.len() {
            let mut found = None;
            let max = if chars
                .get(i + 1)
                .is_some_and(|&b| self.heads.contains(&(chars[i], b)))
            {
                self.max_chars.min(starts.len() - 1 - i)
            } else {
                0
            };
            for len in (2..=max).rev() {
                let (s, e) = (starts[i], starts[i + len]);
                if let Some((places, short)) = text.get(s..e).and_then(|n| self.names.get(n)) {
                    if *short && !plausible_short(text, s) {
                        continue;
                    }
                    found = Some((
                        len,
                        Mention {
                            places: places.clone(),
                            start: s,
                            end: e,
                            short: *short,
                        },
                    ));
                    break;
                }
            }
            match found {
                Some((len, m)) => {
                    out.push(m);
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Is `ancestor` an enclosing place of `idx`?
    pub fn is_ancestor(&self, ancestor: usize, idx: usize) -> bool {
        let mut cur = self.places.get(idx).and_then(|p| p.parent);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.places.get(c).and_then(|p| p.parent);
        }
        false
    }
}

/// Words ending in the character a short name may start with: 市长葛国科 is the mayor
/// 葛国科, not the city 长葛.
const WORD_ENDINGS: &[&str] = &[
    "市长",
    "县长",
    "区长",
    "省长",
    "州长",
    "镇长",
    "乡长",
    "村长",
    "局长",
    "部长",
    "厅长",
    "处长",
    "科长",
    "院长",
    "校长",
    "所长",
    "站长",
    "社长",
    "行长",
    "会长",
    "队长",
    "组长",
    "董事长",
    "增长",
    "成长",
    "延长",
    "家长",
    "生长",
    "擅长",
    "专长",
    "助长",
    "发展",
    "进一",
    "第一",
    "统一",
];

/// Titles after which a two- or three-character word is a person's name (记者 于海东).
const NAME_TITLES: &[&str] = &[
    "记者",
    "通讯员",
    "书记",
    "市长",
    "县长",
    "区长",
    "主任",
    "主席",
    "局长",
    "部长",
    "同志",
    "编辑",
    "作者",
    "摄影",
];

/// Is a short name starting at byte `start` of `text` a place, as far as its left
/// context tells?
fn plausible_short(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let first = text.get(start..).and_then(|r| r.chars().next());
    if let (Some(prev), Some(first)) = (before.chars().last(), first) {
        let pair: String = [prev, first].iter().collect();
        if WORD_ENDINGS.iter().any(|w| w.ends_with(&pair)) {
            return false;
        }
    }
    // 记者 于海东: a title, at most one more character (a surname), then the name.
    let tail: String = before
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .filter(|c| !c.is_whitespace())
        .collect();
    let tail_chars: Vec<char> = tail.chars().collect();
    (0..=1).all(|skip| {
        let end = tail_chars.len().saturating_sub(skip);
        let head: String = tail_chars.get(..end).unwrap_or(&[]).iter().collect();
        !NAME_TITLES.iter().any(|t| head.ends_with(t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let g = get();
        g.mentions(text)
            .iter()
            .map(|m| g.places[m.places[0]].name.clone())
            .collect()
    }

    #[test]
    fn has_every_level() {
        let g = get();
        assert!(g.places.len() > 700, "{}", g.places.len());
        for name in [
            "内蒙古自治区",
            "乌海市",
            "东阳市",
            "百色市",
            "宿迁市",
            "高密市",
            "仙桃市",
            "延边朝鲜族自治州",
        ] {
            assert!(g.find(name).is_some(), "{name}");
        }
        let dongyang = g.find("东阳市").unwrap();
        assert!(g.is_ancestor(g.find("金华市").unwrap(), dongyang));
        assert!(g.is_ancestor(g.find("浙江省").unwrap(), dongyang));
    }

    #[test]
    fn longest_match_and_short_names() {
        assert_eq!(names("明确乌达区、海南区实施"), ["乌达区", "海南区"]);
        assert_eq!(names("海南省和海南"), ["海南省", "海南省"]);
        assert_eq!(
            names("东阳召开会议，东阳市委书记讲话"),
            ["东阳市", "东阳市"]
        );
        assert_eq!(names("内蒙古乌海市"), ["内蒙古自治区", "乌海市"]);
    }

    #[test]
    fn common_words_are_not_places() {
        assert!(names("世界大同，长治久安，江山如画，安宁祥和").is_empty());
    }

    #[test]
    fn names_after_titles_are_people() {
        assert!(names("市委书记何良军，市长葛国科出席会议").is_empty());
        assert!(names("(记者 于海东)").is_empty());
        assert_eq!(names("长葛召开会议"), ["长葛市"]);
    }

    #[test]
    fn newspapers() {
        let g = get();
        assert_eq!(
            g.paper_place("右江日报").map(|i| g.places[i].name.as_str()),
            Some("百色市")
        );
        assert_eq!(
            g.paper_place("金华日报").map(|i| g.places[i].name.as_str()),
            Some("金华市")
        );
        assert_eq!(g.paper_place("人民日报"), None);
    }

    #[test]
    fn papers_are_found_only_where_a_name_can_end() {
        let g = get();
        assert_eq!(g.paper_ends, ['报']);
        assert!(g.papers_in("据右江新闻消息").is_empty());
        let found = g.papers_in("据右江日报消息，金陵晚报也报道");
        let names: Vec<&str> = found
            .iter()
            .map(|&(_, i)| g.places[i].name.as_str())
            .collect();
        assert_eq!(names, ["百色市", "南京市"]);
        assert_eq!(found[0].0, "据".len());
    }
}
