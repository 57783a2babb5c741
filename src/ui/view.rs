//! Shapes a [`Report`] for display: matrix rows, a cell's measures, labels.
//!
//! The components only render; whatever needs a decision (row order, which measures a cell
//! holds, how a document is named, where a measure sits in its sentence) is decided here, in
//! plain functions with no browser imports, tested natively.

use crate::core::model::{DocumentReport, Measure, Report};

/// One row of the category × document matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    pub category: String,
    pub label: String,
    pub instrument: String,
    /// Counts in the order of `report.documents`.
    pub counts: Vec<u32>,
}

impl MatrixRow {
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// The matrix rows: taxonomy order, then any category the matrix has beyond the taxonomy.
pub fn matrix_rows(report: &Report) -> Vec<MatrixRow> {
    let mut ids: Vec<&str> = report.taxonomy.iter().map(|t| t.id.as_str()).collect();
    for id in report.comparison.matrix.keys() {
        if !ids.contains(&id.as_str()) {
            ids.push(id);
        }
    }
    ids.into_iter()
        .map(|id| {
            let entry = report.taxonomy.iter().find(|t| t.id == id);
            let row = report.comparison.matrix.get(id);
            MatrixRow {
                category: id.to_string(),
                label: entry.map_or_else(|| id.to_string(), |t| t.label.clone()),
                instrument: entry.map_or_else(String::new, |t| t.instrument.clone()),
                counts: report
                    .documents
                    .iter()
                    .map(|d| row.and_then(|r| r.get(&d.id)).copied().unwrap_or(0))
                    .collect(),
            }
        })
        .collect()
}

/// The largest count of the matrix (at least 1), to shade cells.
pub fn max_count(rows: &[MatrixRow]) -> u32 {
    rows.iter()
        .flat_map(|r| r.counts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1)
}

/// The measures of document `doc` whose primary category is `category`.
pub fn cell_measures<'a>(report: &'a Report, category: &str, doc: &str) -> Vec<&'a Measure> {
    report
        .documents
        .iter()
        .filter(|d| d.id == doc)
        .flat_map(|d| d.measures.iter())
        .filter(|m| m.category == category)
        .collect()
}

/// The label of a category id, or the id itself.
pub fn category_label<'a>(report: &'a Report, category: &'a str) -> &'a str {
    report
        .taxonomy
        .iter()
        .find(|t| t.id == category)
        .map_or(category, |t| t.label.as_str())
}

/// An English reading of a category id: `targeted_service` → `Targeted service`.
pub fn english(id: &str) -> String {
    let words = id.replace(['_', '-'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `(中文, English)` of an instrument type.
pub fn instrument_label(instrument: &str) -> (&'static str, &'static str) {
    match instrument {
        "supply" => ("供给型", "supply"),
        "demand" => ("需求型", "demand"),
        "environment" => ("环境型", "environment"),
        _ => ("", ""),
    }
}

/// How a document is named on screen: its title, else its file name.
pub fn doc_title(doc: &DocumentReport) -> String {
    match doc.meta.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => doc.name.clone(),
    }
}

/// A short column heading: the place, else the title cut to `max` chars.
pub fn doc_short(doc: &DocumentReport, max: usize) -> String {
    match doc.meta.place.as_deref() {
        Some(p) if !p.is_empty() => p.to_string(),
        _ => truncate(&doc_title(doc), max),
    }
}

/// Cuts `s` to `max` chars, marking the cut with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// The sentence split around the measure: `(before, measure, after)`; when the measure's
/// text is not found in its sentence, everything is `before`.
pub fn locate<'a>(sentence: &'a str, text: &str) -> (&'a str, &'a str, &'a str) {
    match (text.is_empty(), sentence.find(text)) {
        (false, Some(i)) => (
            &sentence[..i],
            &sentence[i..i + text.len()],
            &sentence[i + text.len()..],
        ),
        _ => (sentence, "", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::protocol::{Engine, FilePayload, Request};

    fn report(texts: &[(&str, &str)]) -> Report {
        let mut engine = Engine::new();
        let files = texts
            .iter()
            .map(|(n, t)| FilePayload::new(*n, *t))
            .collect();
        engine.handle(Request::Add(files), |_| {});
        engine.report()
    }

    #[test]
    fn rows_follow_the_taxonomy_with_a_count_per_document() {
        let r = report(&[
            ("a.txt", "市政府要求各地落实一企一策，推动企业复工复产。"),
            (
                "b.txt",
                "县里协调金融机构出台延长还款期限、降低融资成本的措施。",
            ),
        ]);
        let rows = matrix_rows(&r);
        let ids: Vec<&str> = rows.iter().map(|r| r.category.as_str()).collect();
        let taxonomy: Vec<&str> = r.taxonomy.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(&ids[..taxonomy.len()], &taxonomy[..]);
        assert!(rows.iter().all(|row| row.counts.len() == 2));
        let total: u32 = rows.iter().map(MatrixRow::total).sum();
        let measures: usize = r.documents.iter().map(|d| d.measures.len()).sum();
        assert_eq!(total as usize, measures);
        for row in &rows {
            for (doc, count) in r.documents.iter().zip(&row.counts) {
                assert_eq!(
                    cell_measures(&r, &row.category, &doc.id).len(),
                    *count as usize
                );
            }
        }
        assert!(max_count(&rows) >= 1);
    }

    #[test]
    fn labels_and_names() {
        assert_eq!(english("targeted_service"), "Targeted service");
        assert_eq!(english(""), "");
        assert_eq!(instrument_label("supply"), ("供给型", "supply"));
        assert_eq!(truncate("一二三四五", 3), "一二…");
        assert_eq!(truncate("一二三", 3), "一二三");
    }

    #[test]
    fn locate_splits_the_sentence_around_the_measure() {
        assert_eq!(
            locate("要求落实一企一策。", "落实一企一策"),
            ("要求", "落实一企一策", "。")
        );
        assert_eq!(locate("句子", "别的"), ("句子", "", ""));
        assert_eq!(locate("句子", ""), ("句子", "", ""));
    }
}
