//! The reader: two or more documents side by side, their measures highlighted in the
//! colour of their category, with the tools to correct what the analysis found.
//!
//! Hovering or focusing a highlighted measure shows its category (the colour is never the
//! only cue: the category is named, and categories past the palette's eight colours are
//! also underlined dashed); clicking it opens its correction tools. Selecting text with the
//! mouse or the keyboard offers to add it as a new measure: the selection becomes char
//! offsets into the cleaned text (each piece of text carries its offset in `data-at`). The
//! text can be shown simplified (what the analysis read) or as segmented words (asked of
//! the engine once per document), or in the input's original script (traditional stays
//! traditional), its highlights mapped through the report's offset map; a selection made in
//! the original is mapped back to the simplified text's offsets before it becomes a measure.

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::matrix::empty;
use crate::page::components::measure_tools::MeasureTools;
use crate::page::components::use_lang;
use crate::page::i18n::{tr, trs, Lang};
use crate::page::platform;
use crate::page::state::{Action, PendingMeasure, ReaderMode, SharedReport};
use crate::page::view;
use cuoshi_core::corrections::Correction;
use cuoshi_core::model::DocumentReport;
use cuoshi_core::structure::DocKind;

#[derive(Properties, Clone, PartialEq)]
pub struct ReaderProps {
    pub report: Option<SharedReport>,
    /// The ids of the documents shown, in order.
    pub shown: Rc<[String]>,
    pub mode: ReaderMode,
    pub segmented: Rc<BTreeMap<String, Rc<[String]>>>,
    pub pending: Option<PendingMeasure>,
    pub onaction: Callback<Action>,
    pub oncorrect: Callback<Correction>,
    /// Called with a document whose words are needed.
    pub onsegment: Callback<String>,
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let lang = use_lang();
    // The measure whose tools are open: `(doc, measure)` (pure presentation).
    let open = use_state_eq(|| None::<(String, String)>);
    let requested = use_mut_ref(HashSet::<String>::new);
    {
        let shown = props.shown.clone();
        let have: Vec<String> = props.segmented.keys().cloned().collect();
        let onsegment = props.onsegment.clone();
        let requested = requested.clone();
        use_effect_with((props.mode, shown, have), move |(mode, shown, have)| {
            if *mode == ReaderMode::Words {
                for doc in shown.iter() {
                    if !have.contains(doc) && requested.borrow_mut().insert(doc.clone()) {
                        onsegment.emit(doc.clone());
                    }
                }
            }
        });
    }
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };

    let toggles = report.documents.iter().map(|d| {
        let on = props.shown.contains(&d.id);
        let onaction = props.onaction.clone();
        let id = d.id.clone();
        let onclick = Callback::from(move |_: MouseEvent| onaction.emit(Action::ToggleReaderDoc(id.clone())));
        html! {
            <button type="button" class={classes!("chip-toggle", on.then_some("is-active"))}
                    data-testid="reader-doc-toggle" data-doc={d.id.clone()} aria-pressed={on.to_string()}
                    title={view::doc_title(d)} {onclick}>
                <span class="col-id">{ &d.id }</span>{ " " }{ view::doc_short(d, 6) }
            </button>
        }
    });
    let set_mode = |mode: ReaderMode, testid: &'static str, label: &'static str| {
        let onaction = props.onaction.clone();
        let onclick =
            Callback::from(move |_: MouseEvent| onaction.emit(Action::SetReaderMode(mode)));
        html! {
            <button type="button" class={classes!("seg", (props.mode == mode).then_some("is-active"))}
                    data-testid={testid} aria-pressed={(props.mode == mode).to_string()} {onclick}>{ label }</button>
        }
    };
    // The legend: the categories that occur in the documents shown.
    let mut used: Vec<&str> = Vec::new();
    for id in props.shown.iter() {
        if let Some(d) = report.documents.iter().find(|d| &d.id == id) {
            for m in &d.measures {
                if !used.contains(&m.category.as_str()) {
                    used.push(&m.category);
                }
            }
        }
    }
    used.sort_by_key(|c| view::category_slot(report, c));
    let legend = used.iter().map(|c| html! {
        <span class="legend-item">
            <span class={classes!("swatch", view::category_classes(report, c))} aria-hidden="true"></span>
            { category_name(report, c, lang) }
        </span>
    });

    let columns = props.shown.iter().filter_map(|id| report.documents.iter().find(|d| &d.id == id)).map(|doc| {
        let body = match props.mode {
            ReaderMode::Words => match props.segmented.get(&doc.id) {
                Some(words) => html! {
                    <div class="reader-text reader-words" data-testid="reader-words">
                        { for words.iter().filter(|w| !w.trim().is_empty()).map(|w| html! { <span class="word">{ w }</span> }) }
                    </div>
                },
                None => html! { <p class="hint" data-testid="reader-words-loading">{ tr(lang, "正在分词…", "Segmenting…") }</p> },
            },
            ReaderMode::Simplified | ReaderMode::Original => text_view(report, doc, props, &open, lang),
        };
        let pending = props.pending.as_ref().filter(|p| p.doc == doc.id).map(|p| pending_form(report, p, props, lang));
        let tools = (*open).as_ref().filter(|(d, _)| *d == doc.id).and_then(|(_, mid)| {
            let m = doc.measures.iter().find(|m| &m.id == mid)?;
            let onclose = {
                let open = open.clone();
                Callback::from(move |_: MouseEvent| open.set(None))
            };
            Some(html! {
                <div class="reader-tools" data-testid="reader-tools">
                    <p class="measure-text">
                        <span class={classes!("swatch", view::category_classes(report, &m.category))} aria-hidden="true"></span>
                        { category_name(report, &m.category, lang) }{ " · " }{ &m.id }
                    </p>
                    <p class="reader-tools-text">{ &m.text }</p>
                    <MeasureTools doc={AttrValue::from(doc.id.clone())} measure={m.clone()} taxonomy={report.taxonomy.clone()}
                                  oncorrect={props.oncorrect.clone()} />
                    <button type="button" class="btn btn-quiet btn-small" onclick={onclose}>{ tr(lang, "关闭", "Close") }</button>
                </div>
            })
        });
        html! {
            <article class="reader-col" data-testid="reader-doc" data-doc={doc.id.clone()} key={doc.id.clone()}>
                <header class="reader-head">
                    <h3><span class="doc-id">{ &doc.id }</span>{ view::truncate(&view::doc_title(doc), 40) }</h3>
                    <p class="doc-facts">
                        <span>{ doc.meta.date.display() }</span>
                        if let Some(place) = &doc.meta.place { <span>{ place }</span> }
                        <span>{ trs(lang, format!("{} 条措施", doc.measures.len()), format!("{} measures", doc.measures.len())) }</span>
                        if doc.script == "traditional" { <span class="chip">{ tr(lang, "原文为繁体", "Traditional script") }</span> }
                        if let Some(kind) = doc.meta.kind.as_deref().and_then(DocKind::from_id) {
                            <span data-testid="reader-kind">{ tr(lang, kind.names().0, kind.names().1) }</span>
                        }
                        if let Some(number) = &doc.meta.doc_number { <span data-testid="reader-number">{ number }</span> }
                        if !doc.meta.issuer.is_empty() { <span data-testid="reader-issuer">{ doc.meta.issuer.join("、") }</span> }
                    </p>
                </header>
                if !doc.meta.structure.is_empty() {
                    <details class="reader-parts" data-testid="reader-parts">
                        <summary>{ trs(lang, format!("文档结构（{} 部分，不计为措施）", doc.meta.structure.len()),
                                       format!("Document parts ({}, never measures)", doc.meta.structure.len())) }</summary>
                        <dl>
                            { for doc.meta.structure.iter().map(|span| {
                                let (zh, en) = span.part.names();
                                let text = view::char_slice(&doc.text, span.start, span.end);
                                html! { <div data-testid="reader-part" data-part={format!("{:?}", span.part)}>
                                    <dt>{ tr(lang, zh, en) }</dt><dd>{ view::truncate(text, 120) }</dd>
                                </div> }
                            }) }
                        </dl>
                    </details>
                }
                { for pending }
                { for tools }
                { body }
            </article>
        }
    });
    html! {
        <div data-testid="reader" class="reader">
            <div class="view-controls">
                <div class="chip-row" role="group" aria-label={tr(lang, "对照的文档", "Documents side by side")}>{ for toggles }</div>
                <div class="segmented" role="group" aria-label={tr(lang, "文本", "Text")}>
                    { set_mode(ReaderMode::Simplified, "reader-mode-simplified", tr(lang, "简体", "Simplified")) }
                    { set_mode(ReaderMode::Original, "reader-mode-original", tr(lang, "原文", "Original")) }
                    { set_mode(ReaderMode::Words, "reader-mode-words", tr(lang, "分词", "Words")) }
                </div>
            </div>
            if props.mode == ReaderMode::Original {
                <p class="note" data-testid="reader-original-note">{ tr(lang,
                    "原文视图：按输入的字形（繁体保持繁体）显示；简体输入与简体视图相同。选中文字新增措施时，位置会换算回简体文本。",
                    "Original view: the text in the input's own script (traditional stays traditional); a simplified input looks the same. A selection here is mapped back to the simplified text.") }</p>
            }
            if props.mode != ReaderMode::Words {
                <p class="hint">{ tr(lang, "悬停或聚焦高亮处可见类别，点击可更正；选中一段文字可新增措施。",
                                     "Hover or focus a highlight to see its category, click it to correct; select text to add a measure.") }</p>
            }
            <div class="legend" aria-label={tr(lang, "类别颜色", "Category colours")}>{ for legend }</div>
            <div class="reader-cols" style={format!("--cols:{}", props.shown.len().clamp(1, 4))}>{ for columns }</div>
        </div>
    }
}

fn category_name(report: &cuoshi_core::model::Report, category: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => view::category_label(report, category).to_string(),
        Lang::En => view::english(category),
    }
}

/// A document's text, its measures highlighted; selecting text offers a new measure.
fn text_view(
    report: &cuoshi_core::model::Report,
    doc: &DocumentReport,
    props: &ReaderProps,
    open: &UseStateHandle<Option<(String, String)>>,
    lang: Lang,
) -> Html {
    let original = props.mode == ReaderMode::Original;
    let pieces: Vec<(view::Span, usize, usize)> = if original {
        view::original_pieces(doc)
    } else {
        view::spans(doc)
            .into_iter()
            .map(|s| (s.clone(), s.start, s.end))
            .collect()
    };
    let shown_text = if original {
        doc.original_text()
    } else {
        doc.text.as_str()
    };
    let pieces = pieces.into_iter().map(|(span, from, to)| {
        let text = view::char_slice(shown_text, from, to).to_string();
        let span = view::Span { start: from, ..span };
        match span.measure {
            None => html! { <span data-at={span.start.to_string()}>{ text }</span> },
            Some(i) => {
                let m = &doc.measures[i];
                let name = category_name(report, &m.category, lang);
                let onclick = {
                    let open = open.clone();
                    let key = (doc.id.clone(), m.id.clone());
                    Callback::from(move |_: MouseEvent| open.set(Some(key.clone())))
                };
                let onkeydown = {
                    let open = open.clone();
                    let key = (doc.id.clone(), m.id.clone());
                    Callback::from(move |e: KeyboardEvent| {
                        if e.key() == "Enter" || e.key() == " " {
                            e.prevent_default();
                            open.set(Some(key.clone()));
                        }
                    })
                };
                html! {
                    <mark class={classes!("hl", view::category_classes(report, &m.category), m.correction.is_some().then_some("is-corrected"),
                                          view::unsure(m).then_some("is-unsure"))}
                          data-at={span.start.to_string()} data-testid="reader-measure" data-measure={m.id.clone()}
                          data-category={m.category.clone()} data-label={name.clone()} tabindex="0"
                          data-confidence={format!("{:.2}", m.confidence)}
                          title={format!("{name} · {} · {} {:.0}%", m.id, tr(lang, "置信度", "confidence"), m.confidence * 100.0)}
                          aria-label={format!("{name}{}: {}", if view::unsure(m) { tr(lang, "（把握较低）", " (unsure)") } else { "" }, m.text)}
                          {onclick} {onkeydown}>
                        { text }
                    </mark>
                }
            }
        }
    });
    let onselect = {
        let onaction = props.onaction.clone();
        let id = doc.id.clone();
        let text = doc.text.clone();
        // In the original script, a selection is mapped back to the simplified text's
        // offsets, which is what a correction names.
        let doc_for_map = original.then(|| doc.clone());
        Callback::from(move |e: Event| {
            // Yew delegates events: find this document's text from the event's target.
            let Some(container) = e
                .target()
                .and_then(|t| {
                    use wasm_bindgen::JsCast;
                    t.dyn_into::<web_sys::Node>().ok()
                })
                .and_then(|n| {
                    use wasm_bindgen::JsCast;
                    match n.dyn_into::<web_sys::Element>() {
                        Ok(el) => Some(el),
                        Err(n) => n.parent_element(),
                    }
                })
                .and_then(|el| el.closest("[data-testid=\"reader-text\"]").ok().flatten())
            else {
                return;
            };
            if let Some((start, end)) = platform::selection_in(&container) {
                let (start, end) = match &doc_for_map {
                    Some(doc) => doc.text_span(start, end),
                    None => (start, end),
                };
                if end <= start {
                    return;
                }
                let picked = view::char_slice(&text, start, end).to_string();
                if !picked.trim().is_empty() {
                    onaction.emit(Action::Pending(Some(PendingMeasure {
                        doc: id.clone(),
                        start,
                        end,
                        text: picked,
                    })));
                }
            }
        })
    };
    let onmouseup = {
        let onselect = onselect.clone();
        Callback::from(move |e: MouseEvent| onselect.emit(e.into()))
    };
    let onkeyup = Callback::from(move |e: KeyboardEvent| {
        if e.shift_key() {
            onselect.emit(e.into());
        }
    });
    html! {
        <div class="reader-text" data-testid="reader-text" data-doc={doc.id.clone()}
             data-script={if original { "original" } else { "simplified" }} {onmouseup} {onkeyup}>
            { for pieces }
        </div>
    }
}

/// The form that turns the selected text into a new measure of a chosen category.
fn pending_form(
    report: &cuoshi_core::model::Report,
    pending: &PendingMeasure,
    props: &ReaderProps,
    lang: Lang,
) -> Html {
    let category = default_category(report);
    let select_ref = NodeRef::default();
    let onadd = {
        let cb = props.oncorrect.clone();
        let onaction = props.onaction.clone();
        let pending = pending.clone();
        let select_ref = select_ref.clone();
        let fallback = category.clone();
        Callback::from(move |_: MouseEvent| {
            let category = select_ref
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.clone());
            cb.emit(Correction::Add {
                doc_id: pending.doc.clone(),
                start: pending.start,
                end: pending.end,
                category,
            });
            onaction.emit(Action::Pending(None));
            platform::clear_selection();
        })
    };
    let oncancel = {
        let onaction = props.onaction.clone();
        Callback::from(move |_: MouseEvent| onaction.emit(Action::Pending(None)))
    };
    let options = report.taxonomy.iter().map(|t| {
        html! {
            <option value={t.id.clone()}>{ category_name(report, &t.id, lang) }</option>
        }
    });
    html! {
        <div class="pending" data-testid="pending-measure" role="group" aria-label={tr(lang, "新增措施", "New measure")}>
            <p><strong>{ tr(lang, "新增措施：", "New measure: ") }</strong>
               <q>{ view::truncate(&pending.text, 80) }</q></p>
            <div class="button-row">
                <label class="visually-hidden" for="pending-category">{ tr(lang, "类别", "Category") }</label>
                <select id="pending-category" class="select select-small" data-testid="pending-category" ref={select_ref}>
                    { for options }
                </select>
                <button type="button" class="btn btn-primary btn-small" data-testid="add-measure" onclick={onadd}>
                    { tr(lang, "添加为措施", "Add as measure") }
                </button>
                <button type="button" class="btn btn-quiet btn-small" data-testid="cancel-measure" onclick={oncancel}>
                    { tr(lang, "取消", "Cancel") }
                </button>
            </div>
        </div>
    }
}

/// The first category of the taxonomy (the pending form's default).
fn default_category(report: &cuoshi_core::model::Report) -> String {
    report
        .taxonomy
        .first()
        .map(|t| t.id.clone())
        .unwrap_or_default()
}
