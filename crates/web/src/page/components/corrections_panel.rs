//! The corrections panel: every correction in force, in the order made, each with undo.
//!
//! Corrections are the user's own judgement over the analysis — a measure given another
//! category, a false one deleted, a missed one added — so they are listed where they can
//! be reviewed and taken back one by one. The model can learn from them (the engine refits
//! it and analyzes every document again; the corrections stay as made), and go back to the
//! shipped model; the panel says how many corrections it has learned from.

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
    /// How many corrections the measure model has learned from (0: the shipped model).
    #[prop_or_default]
    pub learned: usize,
    /// Called to refit the model from the corrections.
    pub onlearn: Callback<()>,
    /// Called to go back to the shipped model.
    pub onreset: Callback<()>,
}

#[component]
pub fn CorrectionsPanel(props: &CorrectionsPanelProps) -> Html {
    let lang = use_lang();
    if props.corrections.is_empty() && props.learned == 0 {
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
            <p class="hint" data-testid="model-state" data-learned={props.learned.to_string()}>
                if props.learned == 0 {
                    { tr(lang, "措施模型：内置模型。可让模型从这些更正中学习，改进其他文档的识别与分类。",
                         "Measure model: the shipped one. Let it learn from these corrections to find and categorize measures in the other documents better.") }
                } else {
                    { trs(lang, format!("措施模型已从 {} 条更正中学习。", props.learned),
                          format!("The measure model has learned from {} correction(s).", props.learned)) }
                }
            </p>
            <div class="button-row">
                if !props.corrections.is_empty() && props.corrections.len() != props.learned {
                    <button type="button" class="btn btn-secondary btn-small" data-testid="learn"
                            onclick={let cb = props.onlearn.clone(); Callback::from(move |_: MouseEvent| cb.emit(()))}>
                        { tr(lang, "从更正中学习", "Learn from corrections") }
                    </button>
                }
                if props.learned > 0 {
                    <button type="button" class="btn btn-quiet btn-small" data-testid="reset-model"
                            onclick={let cb = props.onreset.clone(); Callback::from(move |_: MouseEvent| cb.emit(()))}>
                        { tr(lang, "恢复内置模型", "Back to the shipped model") }
                    </button>
                }
            </div>
        </section>
    }
}
