//! The confidence filter: a slider that hides the measures the model is less sure of.
//!
//! A measure's confidence is the model's calibrated probability that it is a measure of its
//! category. The engine leaves the measures below the threshold out of the report, so every
//! view, count and export follows (a measure the user added or re-categorized always
//! stays). The default, 0, shows every measure; the value is kept with the page's settings.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::{tr, trs};

#[derive(Properties, Clone, PartialEq)]
pub struct ConfidenceFilterProps {
    /// The threshold in force (0: every measure).
    pub value: f32,
    /// Called with the threshold the user sets.
    pub onchange: Callback<f32>,
}

#[component]
pub fn ConfidenceFilter(props: &ConfidenceFilterProps) -> Html {
    let lang = use_lang();
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f32>() {
                cb.emit(v);
            }
        })
    };
    let shown = if props.value <= 0.0 {
        tr(lang, "全部", "all").to_string()
    } else {
        format!("≥ {:.2}", props.value)
    };
    html! {
        <div class="confidence-filter" data-testid="confidence-filter">
            <label for="confidence-min" class="toolbar-label">
                { tr(lang, "置信度", "Confidence") }
            </label>
            <input id="confidence-min" type="range" min="0" max="0.95" step="0.05"
                   value={format!("{:.2}", props.value)} data-testid="confidence-min" {onchange}
                   aria-valuetext={shown.clone()}
                   title={tr(lang, "隐藏模型把握较低的措施（默认 0：全部显示）",
                             "Hide the measures the model is less sure of (default 0: show all)")} />
            <span class="toolbar-note" data-testid="confidence-shown">
                { trs(lang, format!("显示 {shown}"), format!("showing {shown}")) }
            </span>
        </div>
    }
}
