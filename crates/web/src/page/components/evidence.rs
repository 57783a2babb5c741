//! The evidence panel: the measures of one document in one category, each in its sentence,
//! with the tools to correct them.
//!
//! This is what makes a count in the matrix checkable: every measure is shown with the
//! sentence it was read from (the measure highlighted), its figures, deadline, slogans and
//! actors; a category picker re-categorizes it and a button deletes a false one. Measures
//! the user corrected carry a mark.

use yew::prelude::*;

use super::measure_tools::MeasureTools;
use super::use_lang;
use crate::page::i18n::{tr, trs};
use crate::page::state::{Selection, SharedReport};
use crate::page::view;
use cuoshi_core::corrections::Correction;

#[derive(Properties, Clone, PartialEq)]
pub struct EvidenceProps {
    pub report: Option<SharedReport>,
    pub selection: Option<Selection>,
    /// Called to close the panel.
    pub onclose: Callback<()>,
    /// Called with a correction of one of the measures shown.
    pub oncorrect: Callback<Correction>,
}

#[component]
pub fn Evidence(props: &EvidenceProps) -> Html {
    let lang = use_lang();
    let panel = use_node_ref();
    // On narrow screens the panel sits below the matrix: bring a new selection into view.
    {
        let panel = panel.clone();
        use_effect_with(props.selection.clone(), move |selection| {
            if selection.is_some() {
                reveal(&panel);
            }
        });
    }
    let found = props
        .report
        .as_ref()
        .zip(props.selection.as_ref())
        .and_then(|(report, sel)| {
            let doc = report.documents.iter().find(|d| d.id == sel.doc)?;
            Some((report, sel, doc))
        });
    let Some((report, sel, doc)) = found else {
        return html! {
            <section class="panel evidence-panel is-empty" aria-labelledby="evidence-heading">
                <h2 id="evidence-heading">{ tr(lang, "措施原文", "Evidence") }</h2>
                <p class="hint">{ tr(lang, "点击矩阵中的数字，查看该文档在该类别下的措施及其原句，并可更正。",
                                     "Click a count in the matrix to read that document's measures in that category, with their sentences, and correct them.") }</p>
            </section>
        };
    };
    let mut measures = view::cell_measures(report, &sel.category, &sel.doc);
    measures.sort_by_key(|m| m.start);
    let label = match lang {
        crate::page::i18n::Lang::Zh => view::category_label(report, &sel.category).to_string(),
        crate::page::i18n::Lang::En => view::english(&sel.category),
    };
    let onclick = {
        let onclose = props.onclose.clone();
        Callback::from(move |_: MouseEvent| onclose.emit(()))
    };
    let doc_id = AttrValue::from(doc.id.clone());
    let items = measures.iter().map(|m| {
        let (before, mark, after) = view::locate(&m.sentence, &m.text);
        let figures = m.figures.iter().map(|f| html! { <span class="chip chip-figure">{ &f.text }</span> });
        let slogans = m.slogans.iter().map(|s| html! { <span class="chip chip-slogan">{ s }</span> });
        let actors = m.actors.iter().map(|a| html! { <span class="chip chip-actor">{ a }</span> });
        html! {
            <li class={classes!("measure", m.correction.is_some().then_some("is-corrected"))}
                key={m.id.clone()} data-measure={m.id.clone()}>
                <p class="measure-text">{ &m.text }</p>
                <blockquote class="sentence">
                    { before }
                    if !mark.is_empty() { <mark>{ mark }</mark> }
                    { after }
                </blockquote>
                <p class="measure-facts">
                    { for actors }
                    { for figures }
                    if let Some(deadline) = &m.deadline {
                        <span class="chip chip-deadline">{ format!("{} {deadline}", tr(lang, "期限", "by")) }</span>
                    }
                    { for slogans }
                    <span class="chip chip-quiet">{ format!("{} · {:.0}%", m.id, m.confidence * 100.0) }</span>
                </p>
                <MeasureTools doc={doc_id.clone()} measure={(*m).clone()} taxonomy={report.taxonomy.clone()}
                              oncorrect={props.oncorrect.clone()} />
            </li>
        }
    });
    html! {
        <section class="panel evidence-panel" data-testid="evidence" ref={panel}
                 data-category={sel.category.clone()} data-doc={sel.doc.clone()}
                 aria-labelledby="evidence-heading">
            <div class="panel-head">
                <h2 id="evidence-heading">
                    { label }<span class="times">{ "×" }</span>{ view::doc_short(doc, 16) }
                    <span class="sub">{ trs(lang, format!("{} 条措施", measures.len()), format!("{} measure(s)", measures.len())) }</span>
                </h2>
                <button type="button" class="btn btn-icon" title={tr(lang, "关闭", "Close")} aria-label={tr(lang, "关闭", "Close")} {onclick}>
                    { "✕" }
                </button>
            </div>
            <p class="evidence-doc" title={doc.name.clone()}>{ view::doc_title(doc) }</p>
            if measures.is_empty() {
                <p class="hint">{ tr(lang, "该文档在此类别下没有措施。", "No measures of this category in this document.") }</p>
            } else {
                <ol class="measures">{ for items }</ol>
            }
        </section>
    }
}

/// Scrolls the panel into view when its top is below the window's bottom edge.
fn reveal(panel: &NodeRef) {
    let Some(element) = panel.cast::<web_sys::Element>() else {
        return;
    };
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::INFINITY);
    if element.get_bounding_client_rect().top() > height * 0.75 {
        element.scroll_into_view_with_bool(true);
    }
}
