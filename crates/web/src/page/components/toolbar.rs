//! The export toolbar: CSV (measures; documents and matrix in a menu), Excel, JSON, print.
//!
//! Each button asks the engine for a file (`onexport`); the engine builds it off the page's
//! thread from the report as it stands, corrections applied, and the app saves it. Printing
//! uses the browser's own dialog with the print stylesheet, which keeps only the current view.

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::tr;
use cuoshi_engine::protocol::ExportKind;

#[derive(Properties, Clone, PartialEq)]
pub struct ToolbarProps {
    pub onexport: Callback<ExportKind>,
    /// No documents yet: nothing to export.
    pub disabled: bool,
    /// The last file exported.
    pub exported: Option<String>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = use_lang();
    let button = |kind: ExportKind, testid: &'static str, label: &'static str, title: String| {
        let onexport = props.onexport.clone();
        let onclick = Callback::from(move |_: MouseEvent| onexport.emit(kind));
        html! {
            <button type="button" class="btn btn-secondary btn-small" data-testid={testid}
                    disabled={props.disabled} title={title.clone()} aria-label={title} {onclick}>
                { label }
            </button>
        }
    };
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <div class="toolbar" role="group" aria-label={tr(lang, "导出", "Export")}>
            <span class="toolbar-label">{ tr(lang, "导出", "Export") }</span>
            { button(ExportKind::MeasuresCsv, "export-csv", "CSV",
                     tr(lang, "导出措施表（CSV，UTF-8 BOM）", "Export the measures (CSV, UTF-8 with BOM)").to_string()) }
            { button(ExportKind::Xlsx, "export-xlsx", "Excel",
                     tr(lang, "导出 Excel 工作簿", "Export an Excel workbook").to_string()) }
            { button(ExportKind::Json, "export-json", "JSON",
                     tr(lang, "导出 JSON 报告", "Export the JSON report").to_string()) }
            <details class="more-exports">
                <summary class="btn btn-quiet btn-small">{ tr(lang, "更多", "More") }</summary>
                <div class="more-menu">
                    { button(ExportKind::DocumentsCsv, "export-csv-documents", "CSV · 文档 documents",
                             tr(lang, "导出文档表（CSV）", "Export the documents (CSV)").to_string()) }
                    { button(ExportKind::MatrixCsv, "export-csv-matrix", "CSV · 矩阵 matrix",
                             tr(lang, "导出矩阵（CSV）", "Export the matrix (CSV)").to_string()) }
                </div>
            </details>
            <button type="button" class="btn btn-quiet btn-small" data-testid="print" onclick={onprint}
                    title={tr(lang, "打印当前视图", "Print the current view")}>
                { tr(lang, "打印", "Print") }
            </button>
            if let Some(name) = &props.exported {
                <span class="toolbar-note" data-testid="exported" aria-live="polite">{ format!("✓ {name}") }</span>
            }
        </div>
    }
}
