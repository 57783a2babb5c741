//! The correction tools of one measure: a category picker that re-categorizes it, a delete
//! button, and the "corrected" mark when the user already changed it.
//!
//! Used wherever a measure is shown for checking (the evidence panel, the reader). The
//! choice goes up as a [`Correction`]; the engine applies it and every view follows.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::{tr, Lang};
use crate::page::view;
use cuoshi_core::corrections::Correction;
use cuoshi_core::model::{Measure, TaxonomyEntry};

#[derive(Properties, Clone, PartialEq)]
pub struct MeasureToolsProps {
    pub doc: AttrValue,
    pub measure: Measure,
    pub taxonomy: Vec<TaxonomyEntry>,
    pub oncorrect: Callback<Correction>,
}

/// The "corrected" mark of a measure the user changed (nothing for an untouched one).
pub fn corrected_mark(lang: Lang, measure: &Measure) -> Html {
    match measure.correction.as_deref() {
        Some(kind) => {
            let (zh, en) = match kind {
                "added" => ("人工新增", "added by hand"),
                _ => ("已改类别", "recategorized"),
            };
            html! { <span class="chip chip-corrected" data-testid="corrected" data-kind={kind.to_string()}>{ tr(lang, zh, en) }</span> }
        }
        None => html! {},
    }
}

#[component]
pub fn MeasureTools(props: &MeasureToolsProps) -> Html {
    let lang = use_lang();
    let m = &props.measure;
    let onchange = {
        let cb = props.oncorrect.clone();
        let doc = props.doc.to_string();
        let id = m.id.clone();
        let current = m.category.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let category = select.value();
            if !category.is_empty() && category != current {
                cb.emit(Correction::Recategorize {
                    doc_id: doc.clone(),
                    measure_id: id.clone(),
                    category,
                });
            }
        })
    };
    let ondelete = {
        let cb = props.oncorrect.clone();
        let doc = props.doc.to_string();
        let id = m.id.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Correction::Delete {
                doc_id: doc.clone(),
                measure_id: id.clone(),
            })
        })
    };
    let select_id = format!("cat-{}-{}", props.doc, m.id);
    let options = props.taxonomy.iter().map(|t| {
        let label = match lang {
            Lang::Zh => t.label.clone(),
            Lang::En => view::english(&t.id),
        };
        html! { <option value={t.id.clone()} selected={t.id == m.category}>{ label }</option> }
    });
    html! {
        <div class="measure-tools">
            { corrected_mark(lang, m) }
            <label class="visually-hidden" for={select_id.clone()}>
                { tr(lang, "更改类别", "Change category") }
            </label>
            <select id={select_id} class="select select-small" data-testid="recategorize"
                    data-measure={m.id.clone()} {onchange}
                    title={tr(lang, "更改类别", "Change category")}>
                { for options }
            </select>
            <button type="button" class="btn btn-quiet btn-small btn-danger-quiet" data-testid="delete-measure"
                    data-measure={m.id.clone()} onclick={ondelete}
                    aria-label={format!("{} {}", tr(lang, "删除措施", "Delete measure"), m.id)}>
                { tr(lang, "删除", "Delete") }
            </button>
        </div>
    }
}
