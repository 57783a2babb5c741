//! Shapes a [`Report`] for display: matrix rows and their order, aligned rows, figures by
//! unit, the timeline, the reader's highlighted spans, labels and colours.
//!
//! The components only render; whatever needs a decision (row order, which measures a cell
//! holds, how a document is named, where a measure sits in its sentence or its text) is
//! decided here, in plain functions with no browser
//! imports, tested natively.

use cuoshi_core::model::{DocumentReport, Measure, Report};

use super::state::{AlignedFilter, MatrixMode, MatrixSort, Share, SortKey};

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
    cuoshi_core::model::category_label(&report.taxonomy, category)
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
    cuoshi_core::taxonomy::instrument_names(instrument)
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

pub use cuoshi_core::compare::per_10k;

/// A matrix value as shown: a count, or a rate with one decimal.
pub fn format_value(value: f64, mode: MatrixMode) -> String {
    match mode {
        MatrixMode::Counts => format!("{value:.0}"),
        MatrixMode::Per10k => format!("{value:.1}"),
    }
}

/// The matrix as displayed: values in the chosen mode, rows and columns in the chosen order.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixView {
    pub rows: Vec<MatrixRow>,
    /// `values[r][c]`: row `rows[r]`, column `columns[c]` (an index into `report.documents`).
    pub values: Vec<Vec<f64>>,
    pub columns: Vec<usize>,
    pub row_totals: Vec<f64>,
    pub column_totals: Vec<f64>,
    pub grand: f64,
    pub max: f64,
}

/// Builds the matrix in `mode`, sorted by `sort`. Per-10k totals are rates of the totals
/// (all measures of a column per 10,000 characters of that document; a row's total per
/// 10,000 characters of the whole corpus).
pub fn matrix_view(report: &Report, mode: MatrixMode, sort: Option<&MatrixSort>) -> MatrixView {
    let rows = matrix_rows(report);
    let chars: Vec<usize> = report
        .documents
        .iter()
        .map(|d| d.text.chars().count())
        .collect();
    let all_chars: usize = chars.iter().sum();
    let value = |count: u32, chars: usize| match mode {
        MatrixMode::Counts => f64::from(count),
        MatrixMode::Per10k => per_10k(count, chars),
    };
    let mut columns: Vec<usize> = (0..report.documents.len()).collect();
    let column_total = |c: usize| value(rows.iter().map(|r| r.counts[c]).sum(), chars[c]);
    let row_total = |r: &MatrixRow| value(r.total(), all_chars);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if let Some(sort) = sort {
        let dir = |a: f64, b: f64| {
            if sort.descending {
                b.total_cmp(&a)
            } else {
                a.total_cmp(&b)
            }
        };
        match &sort.key {
            SortKey::Row(category) => {
                if let Some(row) = rows.iter().find(|r| &r.category == category) {
                    columns.sort_by(|&a, &b| {
                        dir(
                            value(row.counts[a], chars[a]),
                            value(row.counts[b], chars[b]),
                        )
                    });
                }
            }
            SortKey::Column(doc) => {
                if let Some(c) = report.documents.iter().position(|d| &d.id == doc) {
                    order.sort_by(|&a, &b| {
                        dir(
                            value(rows[a].counts[c], chars[c]),
                            value(rows[b].counts[c], chars[c]),
                        )
                    });
                }
            }
            SortKey::RowTotals => {
                order.sort_by(|&a, &b| dir(row_total(&rows[a]), row_total(&rows[b])))
            }
            SortKey::ColumnTotals => {
                columns.sort_by(|&a, &b| dir(column_total(a), column_total(b)))
            }
        }
    }
    let rows: Vec<MatrixRow> = order.into_iter().map(|i| rows[i].clone()).collect();
    let values: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|&c| value(r.counts[c], chars[c]))
                .collect()
        })
        .collect();
    let max = values.iter().flatten().copied().fold(0.0_f64, f64::max);
    let row_totals = rows.iter().map(row_total).collect();
    let column_totals = columns.iter().map(|&c| column_total(c)).collect();
    let grand = value(rows.iter().map(MatrixRow::total).sum(), all_chars);
    MatrixView {
        rows,
        values,
        columns,
        row_totals,
        column_totals,
        grand,
        max: if max > 0.0 { max } else { 1.0 },
    }
}

/// The instrument type of a category (from the taxonomy).
pub fn instrument_of<'a>(report: &'a Report, category: &str) -> &'a str {
    cuoshi_core::model::category_instrument(&report.taxonomy, category)
}

/// One row of the aligned view: a group of similar measures and each document's wording.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignedRow<'a> {
    pub label: String,
    pub category: String,
    pub instrument: String,
    /// How many documents have a measure in the group.
    pub shared: usize,
    /// The group's measures, per document in `report.documents` order.
    pub cells: Vec<Vec<&'a Measure>>,
}

/// The aligned groups that pass `filter`, most shared first.
pub fn aligned_rows<'a>(report: &'a Report, filter: &AlignedFilter) -> Vec<AlignedRow<'a>> {
    let mut rows: Vec<AlignedRow> = report
        .comparison
        .aligned
        .iter()
        .map(|g| {
            let cells: Vec<Vec<&Measure>> = report
                .documents
                .iter()
                .map(|d| {
                    let ids = g.members.get(&d.id).unwrap_or_default();
                    ids.iter()
                        .filter_map(|id| d.measures.iter().find(|m| &m.id == id))
                        .collect()
                })
                .collect();
            AlignedRow {
                label: g.label.clone(),
                category: g.category.clone(),
                instrument: instrument_of(report, &g.category).to_string(),
                shared: cells.iter().filter(|c| !c.is_empty()).count(),
                cells,
            }
        })
        .filter(|r| r.shared > 0)
        .filter(|r| match filter.share {
            Share::All => true,
            Share::Shared => r.shared >= 2,
            Share::Unique => r.shared == 1,
        })
        .filter(|r| filter.category.is_empty() || r.category == filter.category)
        .filter(|r| filter.instrument.is_empty() || r.instrument == filter.instrument)
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.shared));
    rows
}

/// Where a document sits on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Dated<'a> {
    pub doc: &'a DocumentReport,
    /// The year as a fraction (2020.5 is mid-2020).
    pub at: f64,
}

/// Documents with a known year, by date; and those whose year is unknown.
pub fn timeline(report: &Report) -> (Vec<Dated<'_>>, Vec<&DocumentReport>) {
    let mut dated = Vec::new();
    let mut unknown = Vec::new();
    for doc in &report.documents {
        let date = &doc.meta.date;
        match date.year {
            Some(year) => {
                let month = date.month.unwrap_or(1).clamp(1, 12);
                let day = date.day.unwrap_or(1).clamp(1, 31);
                let at = f64::from(year) + f64::from(month - 1) / 12.0 + f64::from(day - 1) / 372.0;
                dated.push(Dated { doc, at });
            }
            None => unknown.push(doc),
        }
    }
    dated.sort_by(|a, b| a.at.total_cmp(&b.at));
    (dated, unknown)
}

/// A piece of a document's text: plain, or one measure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Char offsets into the text.
    pub start: usize,
    pub end: usize,
    /// The index of the measure in `doc.measures`, when the piece is one.
    pub measure: Option<usize>,
}

/// Cuts `doc.text` into plain pieces and measures, in order. Measures whose offsets fall
/// outside the text or overlap an earlier one are left plain.
pub fn spans(doc: &DocumentReport) -> Vec<Span> {
    let len = doc.text.chars().count();
    let mut order: Vec<usize> = (0..doc.measures.len()).collect();
    order.sort_by_key(|&i| (doc.measures[i].start, doc.measures[i].end));
    let mut out = Vec::new();
    let mut at = 0;
    for i in order {
        let m = &doc.measures[i];
        if m.start < at || m.end <= m.start || m.end > len {
            continue;
        }
        if m.start > at {
            out.push(Span {
                start: at,
                end: m.start,
                measure: None,
            });
        }
        out.push(Span {
            start: m.start,
            end: m.end,
            measure: Some(i),
        });
        at = m.end;
    }
    if at < len {
        out.push(Span {
            start: at,
            end: len,
            measure: None,
        });
    }
    out
}

/// The reader's pieces in the input's own script: each piece of [`spans`] with the char
/// range of `doc.original_text()` that shows it. The ranges are contiguous and cover the
/// whole original text, so nothing is lost even where the two texts differ in length.
pub fn original_pieces(doc: &DocumentReport) -> Vec<(Span, usize, usize)> {
    let total = doc.original_text().chars().count();
    let spans = spans(doc);
    let n = spans.len();
    let mut at = 0;
    spans
        .into_iter()
        .enumerate()
        .map(|(k, span)| {
            let (_, end) = doc.original_span(span.start, span.end);
            let start = at;
            let end = if k + 1 == n {
                total
            } else {
                end.clamp(start, total)
            };
            at = end;
            (span, start, end)
        })
        .collect()
}

/// The chars `start..end` of `text`.
pub fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let byte = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
    let (a, b) = (byte(start), byte(end.max(start)));
    &text[a..b]
}

/// The number of chars in the first `units` UTF-16 code units of `text` (a DOM selection's
/// offset within a text node, as a char offset).
pub fn utf16_to_chars(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text.chars().enumerate() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
    }
    text.chars().count()
}

/// How many colours the reader's palette has (Okabe–Ito); categories beyond it repeat the
/// colours with a dashed underline, so colour is never the only cue.
pub const PALETTE: usize = 8;

/// The palette slot of a category: its position in the taxonomy (or after it).
pub fn category_slot(report: &Report, category: &str) -> usize {
    report
        .taxonomy
        .iter()
        .position(|t| t.id == category)
        .unwrap_or(report.taxonomy.len())
}

/// The CSS classes that colour a category: `hl-c<slot mod 8>`, plus `hl-alt` past the
/// first eight.
pub fn category_classes(report: &Report, category: &str) -> String {
    let slot = category_slot(report, category);
    if slot >= PALETTE {
        format!("hl-c{} hl-alt", slot % PALETTE)
    } else {
        format!("hl-c{slot}")
    }
}

/// A number for an axis, a bar or a table: at most two decimals, none it does not need
/// (174.9 stays 174.9; 6000.0 is 6000).
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuoshi_engine::protocol::{FilePayload, Request};
    use cuoshi_engine::Engine;

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

    fn examples() -> Report {
        let mut engine = Engine::new();
        engine.handle(Request::AddExamples, |_| {});
        engine.report()
    }

    #[test]
    fn matrix_view_sorts_and_rates() {
        let r = examples();
        let plain = matrix_view(&r, MatrixMode::Counts, None);
        assert_eq!(plain.columns, (0..r.documents.len()).collect::<Vec<_>>());
        let total: f64 = plain.row_totals.iter().sum();
        assert_eq!(total, plain.grand);
        let by_d1 = MatrixSort {
            key: SortKey::Column("d1".into()),
            descending: true,
        };
        let sorted = matrix_view(&r, MatrixMode::Counts, Some(&by_d1));
        let first: Vec<f64> = sorted.values.iter().map(|row| row[0]).collect();
        assert!(first.windows(2).all(|w| w[0] >= w[1]), "{first:?}");
        let row = sorted.rows[0].category.clone();
        let by_row = MatrixSort {
            key: SortKey::Row(row),
            descending: false,
        };
        let cols = matrix_view(&r, MatrixMode::Counts, Some(&by_row));
        assert!(
            cols.values[0].windows(2).all(|w| w[0] <= w[1])
                || cols.rows[0].category != sorted.rows[0].category
        );
        let rates = matrix_view(&r, MatrixMode::Per10k, None);
        let chars = r.documents[0].text.chars().count();
        assert!((rates.values[0][0] - per_10k(plain.rows[0].counts[0], chars)).abs() < 1e-9);
        assert_eq!(format_value(12.345, MatrixMode::Per10k), "12.3");
        assert_eq!(format_value(3.0, MatrixMode::Counts), "3");
        assert_eq!(per_10k(5, 0), 0.0);
    }

    #[test]
    fn aligned_rows_filter_by_share_category_and_instrument() {
        let r = examples();
        let all = aligned_rows(
            &r,
            &AlignedFilter {
                share: Share::All,
                ..Default::default()
            },
        );
        assert!(!all.is_empty());
        let shared = aligned_rows(
            &r,
            &AlignedFilter {
                share: Share::Shared,
                ..Default::default()
            },
        );
        assert!(shared.iter().all(|g| g.shared >= 2));
        let unique = aligned_rows(
            &r,
            &AlignedFilter {
                share: Share::Unique,
                ..Default::default()
            },
        );
        assert!(unique.iter().all(|g| g.shared == 1));
        assert_eq!(shared.len() + unique.len(), all.len());
        let cat = all[0].category.clone();
        let one = aligned_rows(
            &r,
            &AlignedFilter {
                share: Share::All,
                category: cat.clone(),
                ..Default::default()
            },
        );
        assert!(one.iter().all(|g| g.category == cat));
        let supply = aligned_rows(
            &r,
            &AlignedFilter {
                share: Share::All,
                instrument: "supply".into(),
                ..Default::default()
            },
        );
        assert!(supply.iter().all(|g| g.instrument == "supply"));
        assert!(all.iter().all(|g| g.cells.len() == r.documents.len()));
    }

    #[test]
    fn spans_cover_the_text_and_mark_each_measure() {
        let r = examples();
        for doc in &r.documents {
            let spans = spans(doc);
            let len = doc.text.chars().count();
            assert_eq!(spans.first().map(|s| s.start), Some(0));
            assert_eq!(spans.last().map(|s| s.end), Some(len));
            assert!(spans.windows(2).all(|w| w[0].end == w[1].start));
            for s in spans.iter().filter(|s| s.measure.is_some()) {
                let m = &doc.measures[s.measure.unwrap()];
                assert_eq!(
                    char_slice(&doc.text, s.start, s.end),
                    char_slice(&doc.text, m.start, m.end)
                );
            }
            assert!(spans.iter().any(|s| s.measure.is_some()));
        }
    }

    #[test]
    fn offsets_and_numbers() {
        assert_eq!(char_slice("一二三四", 1, 3), "二三");
        assert_eq!(char_slice("一二", 1, 9), "二");
        assert_eq!(utf16_to_chars("一二三", 2), 2);
        assert_eq!(
            utf16_to_chars("a𠀀b", 3),
            2,
            "an astral char is two UTF-16 units"
        );
        assert_eq!(utf16_to_chars("ab", 9), 2);
        assert_eq!(format_number(174.9), "174.9");
        assert_eq!(format_number(0.25), "0.25");
        assert_eq!(format_number(f64::NAN), "");
        assert_eq!(format_number(6000.0), "6000");
        assert_eq!(format_number(2.5), "2.5");
    }

    #[test]
    fn timeline_figures_and_colours() {
        let r = examples();
        let (dated, unknown) = timeline(&r);
        assert_eq!(dated.len() + unknown.len(), r.documents.len());
        assert!(dated.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(unknown.iter().all(|d| d.meta.date.year.is_none()));
        assert!(!unknown.is_empty(), "an example has no year (????-02-18)");

        let first = &r.taxonomy[0].id;
        assert_eq!(category_classes(&r, first), "hl-c0");
        let ninth = &r.taxonomy[PALETTE].id;
        assert_eq!(category_classes(&r, ninth), "hl-c0 hl-alt");
    }

    #[test]
    fn original_pieces_show_the_traditional_text_with_its_measures() {
        let r = report(&[(
            "t.txt",
            "市政府要求各地落實一企一策，組織點對點包車接回返崗員工，推動企業復工復產。",
        )]);
        let doc = &r.documents[0];
        let pieces = original_pieces(doc);
        let original = doc.original_text();
        let joined: String = pieces
            .iter()
            .map(|(_, s, e)| char_slice(original, *s, *e))
            .collect();
        assert_eq!(joined, original);
        if !doc.original.is_empty() {
            assert!(original.contains("落實"), "{original}");
        }
        for (span, s, e) in pieces.iter().filter(|(span, _, _)| span.measure.is_some()) {
            let m = &doc.measures[span.measure.unwrap()];
            assert_eq!(
                char_slice(original, *s, *e),
                doc.original_slice(m.start, m.end)
            );
        }
        // A simplified input: the same pieces as the simplified text.
        let r = examples();
        let doc = &r.documents[0];
        let same: Vec<(usize, usize)> = original_pieces(doc)
            .iter()
            .map(|(_, s, e)| (*s, *e))
            .collect();
        let plain: Vec<(usize, usize)> = spans(doc).iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(same, plain);
    }
}

/// Below this confidence the reader marks a measure as one the model is unsure of.
pub const UNSURE_BELOW: f32 = 0.6;

/// True for a measure the model found with little confidence (not one the user made).
pub fn unsure(m: &cuoshi_core::model::Measure) -> bool {
    m.correction.is_none() && m.confidence < UNSURE_BELOW
}
