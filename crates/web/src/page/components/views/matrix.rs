//! The category × document matrix: how many measures each document has in each category,
//! as counts or per 10,000 characters, with row and column totals.
//!
//! One column per document, one row per taxonomy category; a cell's shade grows with its
//! value. The small arrows in the headers sort: a column's arrow orders the categories by
//! that document, a row's arrow orders the documents by that category, and the totals'
//! arrows order by totals (descending, ascending, then back to the taxonomy's order).
//! Clicking a cell selects it, and the evidence panel lists the measures behind it.

use yew::prelude::*;

use crate::page::components::use_lang;
use crate::page::i18n::{tr, Lang};
use crate::page::state::{Action, MatrixMode, MatrixSort, Selection, SharedReport, SortKey};
use crate::page::view;

#[derive(Properties, Clone, PartialEq)]
pub struct MatrixProps {
    pub report: Option<SharedReport>,
    pub selection: Option<Selection>,
    pub onselect: Callback<Selection>,
    pub mode: MatrixMode,
    pub sort: Option<MatrixSort>,
    pub onaction: Callback<Action>,
}

/// The empty state every view shows before any document is added.
pub fn empty(lang: Lang) -> Html {
    html! {
        <div class="matrix-empty view-empty">
            <p>{ tr(lang, "添加文档后，这里按类别比较各文档的政策措施。", "Add documents to compare their policy measures.") }</p>
        </div>
    }
}

#[component]
pub fn Matrix(props: &MatrixProps) -> Html {
    let lang = use_lang();
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };
    let mode = props.mode;
    let m = view::matrix_view(report, mode, props.sort.as_ref());
    let docs = &report.documents;
    let sort_button = |key: SortKey, testid: &'static str, label: String| {
        let (arrow, pressed) = match &props.sort {
            Some(s) if s.key == key => (if s.descending { "↓" } else { "↑" }, true),
            _ => ("↕", false),
        };
        let data = match &key {
            SortKey::Row(c) => c.clone(),
            SortKey::Column(d) => d.clone(),
            _ => String::new(),
        };
        let onaction = props.onaction.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| onaction.emit(Action::SortMatrix(key.clone())));
        html! {
            <button type="button" class={classes!("sort", pressed.then_some("is-active"))} data-testid={testid}
                    data-key={data} aria-pressed={pressed.to_string()} aria-label={label.clone()} title={label} {onclick}>
                { arrow }
            </button>
        }
    };

    let head = m.columns.iter().map(|&c| {
        let d = &docs[c];
        let title = view::doc_title(d);
        html! {
            <th scope="col" class="doc-col" data-doc={d.id.clone()} title={format!("{title}\n{}", d.name)}>
                <span class="col-id">{ &d.id }</span>
                <span class="col-name">{ view::doc_short(d, 6) }</span>
                <span class="col-date">{ d.meta.date.display() }</span>
                { sort_button(SortKey::Column(d.id.clone()), "sort-col",
                    format!("{} {}", tr(lang, "按此文档排序类别", "Sort categories by"), d.id)) }
            </th>
        }
    });
    let body = m.rows.iter().enumerate().map(|(r, row)| {
        let (zh, en) = view::instrument_label(&row.instrument);
        let cells = m.columns.iter().enumerate().map(|(ci, &c)| {
            let doc = &docs[c];
            let value = m.values[r][ci];
            let count = row.counts[c];
            let selection = Selection { category: row.category.clone(), doc: doc.id.clone() };
            let selected = props.selection.as_ref() == Some(&selection);
            let onclick = {
                let onselect = props.onselect.clone();
                Callback::from(move |_: MouseEvent| onselect.emit(selection.clone()))
            };
            // Shade from 0 to 1 by value; zero cells stay blank (no style of their own, so
            // the browser styles them all alike, at once).
            let heat = value / m.max;
            let shown = view::format_value(value, mode);
            html! {
                <td>
                    <button type="button"
                            class={classes!("cell", (count == 0).then_some("is-zero"), selected.then_some("is-selected"), (heat > 0.55).then_some("is-hot"))}
                            style={(count > 0).then(|| format!("--heat:{heat:.3}"))}
                            data-testid="matrix-cell" data-category={row.category.clone()} data-doc={doc.id.clone()}
                            data-count={count.to_string()}
                            aria-pressed={selected.to_string()}
                            aria-label={format!("{} × {}: {shown}", row.label, doc.id)}
                            {onclick}>
                        { shown.clone() }
                    </button>
                </td>
            }
        });
        let label = match lang {
            Lang::Zh => row.label.clone(),
            Lang::En => view::english(&row.category),
        };
        html! {
            <tr key={row.category.clone()}>
                <th scope="row" class="cat">
                    <span class="cat-label">{ label.clone() }</span>
                    if !zh.is_empty() {
                        <span class={classes!("tag", format!("tag-{}", row.instrument))} title={en}>{ tr(lang, zh, en) }</span>
                    }
                    if lang == Lang::Zh { <span class="cat-en">{ view::english(&row.category) }</span> }
                    { sort_button(SortKey::Row(row.category.clone()), "sort-row",
                        format!("{} {label}", tr(lang, "按此类别排序文档", "Sort documents by"))) }
                </th>
                { for cells }
                <td class="total">{ view::format_value(m.row_totals[r], mode) }</td>
            </tr>
        }
    });
    let column_totals = m
        .column_totals
        .iter()
        .map(|t| html! { <td class="total">{ view::format_value(*t, mode) }</td> });
    let set_mode = |target: MatrixMode, testid: &'static str, label: &'static str| {
        let onaction = props.onaction.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| onaction.emit(Action::SetMatrixMode(target)));
        html! {
            <button type="button" class={classes!("seg", (mode == target).then_some("is-active"))} data-testid={testid}
                    aria-pressed={(mode == target).to_string()} {onclick}>{ label }</button>
        }
    };

    html! {
        <>
        <div class="view-controls">
            <div class="segmented" role="group" aria-label={tr(lang, "数值", "Values")}>
                { set_mode(MatrixMode::Counts, "matrix-mode-counts", tr(lang, "条数", "Counts")) }
                { set_mode(MatrixMode::Per10k, "matrix-mode-per10k", tr(lang, "每万字", "Per 10k chars")) }
            </div>
            <p class="hint">{ tr(lang, "点击数字查看措施原文；点击 ↕ 排序。", "Click a value for its measures; ↕ sorts.") }</p>
        </div>
        <div class="matrix-scroll">
            <table class="matrix" data-testid="matrix" data-mode={if mode == MatrixMode::Counts { "counts" } else { "per10k" }}>
                <thead>
                    <tr>
                        <th scope="col" class="corner">{ tr(lang, "类别", "Category") }</th>
                        { for head }
                        <th scope="col" class="total">{ tr(lang, "合计", "Total") }
                            { sort_button(SortKey::RowTotals, "sort-row-totals", tr(lang, "按合计排序类别", "Sort categories by total").to_string()) }
                        </th>
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" class="cat">{ tr(lang, "合计", "Total") }
                            { sort_button(SortKey::ColumnTotals, "sort-col-totals", tr(lang, "按合计排序文档", "Sort documents by total").to_string()) }
                        </th>
                        { for column_totals }
                        <td class="total">{ view::format_value(m.grand, mode) }</td>
                    </tr>
                </tfoot>
            </table>
        </div>
        </>
    }
}
