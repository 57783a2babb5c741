//! The category × document matrix: how many measures each document has in each category.
//!
//! One column per document (in the order they were added), one row per taxonomy category;
//! a cell's shade grows with its count. Clicking a cell selects it (`onselect`), and the
//! evidence panel then lists that document's measures in that category.

use yew::prelude::*;

use crate::ui::state::{Selection, SharedReport};
use crate::ui::view;

#[derive(Properties, Clone, PartialEq)]
pub struct MatrixProps {
    pub report: Option<SharedReport>,
    pub selection: Option<Selection>,
    pub onselect: Callback<Selection>,
}

#[component]
pub fn Matrix(props: &MatrixProps) -> Html {
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return html! {
            <div class="matrix-empty">
                <p class="zh">{ "添加文档后，这里按类别比较各文档的政策措施。" }</p>
                <p class="en">{ "Add documents to compare their policy measures by category." }</p>
            </div>
        };
    };
    let rows = view::matrix_rows(report);
    let max = view::max_count(&rows);
    let docs = &report.documents;

    let head = docs.iter().map(|d| {
        let title = view::doc_title(d);
        html! {
            <th scope="col" class="doc-col" data-doc={d.id.clone()} title={format!("{title}\n{}", d.name)}>
                <span class="col-id">{ &d.id }</span>
                <span class="col-name">{ view::doc_short(d, 6) }</span>
                <span class="col-date">{ d.meta.date.display() }</span>
            </th>
        }
    });
    let body = rows.iter().map(|row| {
        let (zh, en) = view::instrument_label(&row.instrument);
        let cells = docs.iter().zip(&row.counts).map(|(doc, &count)| {
            let selection = Selection { category: row.category.clone(), doc: doc.id.clone() };
            let selected = props.selection.as_ref() == Some(&selection);
            let onclick = {
                let onselect = props.onselect.clone();
                Callback::from(move |_: MouseEvent| onselect.emit(selection.clone()))
            };
            // Shade from 0 to 1 by count; zero cells stay blank.
            let heat = f64::from(count) / f64::from(max);
            html! {
                <td>
                    <button type="button"
                            class={classes!("cell", (count == 0).then_some("is-zero"), selected.then_some("is-selected"), (heat > 0.55).then_some("is-hot"))}
                            style={format!("--heat:{heat:.3}")}
                            data-testid="matrix-cell" data-category={row.category.clone()} data-doc={doc.id.clone()}
                            aria-pressed={selected.to_string()}
                            aria-label={format!("{} × {}: {count}", row.label, doc.id)}
                            {onclick}>
                        { count }
                    </button>
                </td>
            }
        });
        html! {
            <tr key={row.category.clone()}>
                <th scope="row" class="cat">
                    <span class="cat-label">{ &row.label }</span>
                    if !zh.is_empty() {
                        <span class={classes!("tag", format!("tag-{}", row.instrument))} title={en}>{ zh }</span>
                    }
                    <span class="cat-en">{ view::english(&row.category) }</span>
                </th>
                { for cells }
                <td class="total">{ row.total() }</td>
            </tr>
        }
    });
    let column_totals = (0..docs.len()).map(|i| {
        let sum: u32 = rows.iter().map(|r| r.counts[i]).sum();
        html! { <td class="total">{ sum }</td> }
    });
    let grand: u32 = rows.iter().map(|r| r.total()).sum();

    html! {
        <div class="matrix-scroll">
            <table class="matrix" data-testid="matrix">
                <thead>
                    <tr>
                        <th scope="col" class="corner">{ "类别" }<span class="en">{ "Category" }</span></th>
                        { for head }
                        <th scope="col" class="total">{ "合计" }<span class="en">{ "Total" }</span></th>
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" class="cat">{ "合计" }<span class="en">{ "Total" }</span></th>
                        { for column_totals }
                        <td class="total">{ grand }</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
