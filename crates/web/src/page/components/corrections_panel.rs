//! The corrections panel: every correction in force, in the order made, each with undo.
//!
//! Corrections are the user's own judgement over the analysis — a measure given another
//! category, a false one deleted, a missed one added — so they are listed where they can
//! be reviewed and taken back one by one.

use std::rc::Rc;

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::{tr, trs};
use crate::page::state::SharedReport;
use crate::page::view;
use cuoshi_core::corrections::Correction;

#[derive(Properties, Clone, PartialEq)]
pub struct CorrectionsPanelProps {
    pub report: Option<SharedReport>,
    pub corrections: Rc<[Correction]>,
    /// Called with the index of the correction to undo.
    pub onundo: Callback<usize>,
}

#[component]
pub fn CorrectionsPanel(props: &CorrectionsPanelProps) -> Html {
    let lang = use_lang();
    if props.corrections.is_empty() {
        return html! {};
    }
    let label = |id: &str| -> String {
        props.report.as_ref().map_or_else(
            || id.to_string(),
            |r| view::category_label(r, id).to_string(),
        )
    };
    let items = props.corrections.iter().enumerate().map(|(i, c)| {
        let text = match c {
            Correction::Recategorize { doc_id, measure_id, category } => trs(
                lang,
                format!("{doc_id} · {measure_id} 改为「{}」", label(category)),
                format!("{doc_id} · {measure_id} → {}", view::english(category)),
            ),
            Correction::Delete { doc_id, measure_id } => trs(
                lang,
                format!("{doc_id} · 删除 {measure_id}"),
                format!("{doc_id} · deleted {measure_id}"),
            ),
            Correction::Add { doc_id, start, end, category } => trs(
                lang,
                format!("{doc_id} · 新增措施 [{start}–{end}]「{}」", label(category)),
                format!("{doc_id} · added [{start}–{end}] {}", view::english(category)),
            ),
        };
        let onclick = {
            let cb = props.onundo.clone();
            Callback::from(move |_: MouseEvent| cb.emit(i))
        };
        html! {
            <li class="correction" data-testid="correction" key={i}>
                <span>{ text }</span>
                <button type="button" class="btn btn-quiet btn-small" data-testid="undo-correction" {onclick}
                        aria-label={format!("{} {}", tr(lang, "撤销", "Undo"), i + 1)}>
                    { tr(lang, "撤销", "Undo") }
                </button>
            </li>
        }
    });
    html! {
        <section class="panel corrections-panel" aria-labelledby="corrections-heading">
            <div class="panel-head">
                <h2 id="corrections-heading">{ tr(lang, "人工更正", "Corrections") }
                    <span class="count">{ props.corrections.len() }</span></h2>
            </div>
            <ul class="corrections">{ for items }</ul>
        </section>
    }
}
