//! The document list: each analyzed document (name, title, date, place, measures, remove)
//! and, below them, each refused input with the bilingual reason it was refused.
//!
//! Refusals never replace anything: the documents already analyzed stay listed. Each
//! document also shows the cleaner's warnings and, when its input was not plain UTF-8
//! simplified text, its encoding and script; its details button opens the
//! [`super::doc_details::DocDetails`] the app renders for it (`details_view`) right below it.

use std::rc::Rc;

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::{tr, trs, Lang};
use crate::page::state::SharedReport;
use crate::page::view;
use cuoshi_core::model::InputError;
use cuoshi_core::structure::DocKind;

#[derive(Properties, Clone, PartialEq)]
pub struct DocListProps {
    pub report: Option<SharedReport>,
    /// Refused inputs: the engine's and the page's own.
    pub refusals: Rc<[InputError]>,
    /// Called with the id of the document to remove.
    pub onremove: Callback<AttrValue>,
    /// Called to dismiss the refusal messages.
    pub ondismiss: Callback<()>,
    /// Called to remove everything.
    pub onclear: Callback<()>,
    /// The document whose details are open.
    #[prop_or_default]
    pub details: Option<AttrValue>,
    /// Called with the id of the document whose details to open (or close, if open).
    #[prop_or_default]
    pub ondetails: Callback<AttrValue>,
    /// The open document's details, shown under its entry.
    #[prop_or_default]
    pub details_view: Html,
    /// How many documents the corpus has (the report may hold one page of them); 0: as many
    /// as the report holds.
    #[prop_or_default]
    pub total: usize,
    /// The pager over the pages of documents, shown above the list.
    #[prop_or_default]
    pub pager: Html,
}

#[component]
pub fn DocList(props: &DocListProps) -> Html {
    let lang = use_lang();
    let documents = props
        .report
        .as_ref()
        .map(|r| r.documents.as_slice())
        .unwrap_or_default();
    let items = documents.iter().map(|doc| {
        let id = AttrValue::from(doc.id.clone());
        let onclick = {
            let onremove = props.onremove.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| onremove.emit(id.clone()))
        };
        let open = props.details.as_deref() == Some(doc.id.as_str());
        let ontoggle = {
            let ondetails = props.ondetails.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| ondetails.emit(id.clone()))
        };
        let reading = {
            let mut parts = Vec::new();
            if doc.encoding != "UTF-8" && !doc.encoding.is_empty() {
                parts.push(doc.encoding.clone());
            }
            if doc.script == "traditional" {
                parts.push(tr(lang, "繁体", "traditional").to_string());
            }
            parts.join(" · ")
        };
        let title = view::doc_title(doc);
        let date = doc.meta.date.display();
        let place = doc.meta.place.clone().unwrap_or_default();
        let kind = doc.meta.kind.as_deref().map(|k| kind_label(lang, k)).unwrap_or_default();
        let number = doc.meta.doc_number.clone().unwrap_or_default();
        let issuer = doc.meta.issuer.join("、");
        html! {
            <li class={classes!("doc-item", open.then_some("is-open"))} data-testid="doc-item" data-doc={id.clone()} key={doc.id.clone()}>
                <div class="doc-main">
                    <span class="doc-id">{ &doc.id }</span>
                    <div class="doc-text">
                        <p class="doc-title" title={title.clone()}>{ view::truncate(&title, 48) }</p>
                        if title != doc.name {
                            <p class="doc-name" title={doc.name.clone()}>{ &doc.name }</p>
                        }
                        <p class="doc-facts">
                            if !date.is_empty() { <span class="fact">{ date }</span> }
                            if !place.is_empty() { <span class="fact">{ place }</span> }
                            if !kind.is_empty() { <span class="fact" data-testid="doc-kind" data-kind={doc.meta.kind.clone().unwrap_or_default()}>{ kind }</span> }
                            if !number.is_empty() { <span class="fact" data-testid="doc-number">{ number }</span> }
                            if !issuer.is_empty() { <span class="fact" data-testid="doc-issuer" title={issuer.clone()}>{ view::truncate(&issuer, 24) }</span> }
                            <span class="fact">{ trs(lang, format!("{} 条措施", doc.measures.len()), format!("{} measures", doc.measures.len())) }</span>
                            if !reading.is_empty() { <span class="fact" data-testid="doc-reading">{ reading }</span> }
                        </p>
                        { for doc.warnings.iter().map(|w| html! {
                            <p class="doc-warning" data-testid="doc-warning" title={w.clone()}>{ w }</p>
                        }) }
                    </div>
                </div>
                <button type="button" class={classes!("btn", "btn-icon", "btn-details", open.then_some("is-open"))}
                        data-testid="doc-details-toggle" onclick={ontoggle} aria-expanded={open.to_string()}
                        aria-controls={format!("details-{}", doc.id)}
                        title={tr(lang, "详情：编码、删除的行、元数据", "Details: encoding, removed lines, metadata")}
                        aria-label={format!("{} {}", tr(lang, "详情", "Details"), doc.name)}>
                    { "⋯" }
                </button>
                <button type="button" class="btn btn-icon" data-testid="doc-remove" {onclick}
                        title={tr(lang, "移除", "Remove")} aria-label={format!("{} {}", tr(lang, "移除", "Remove"), doc.name)}>
                    { "✕" }
                </button>
                if open {
                    { props.details_view.clone() }
                }
            </li>
        }
    });
    let refusals = props.refusals.iter().enumerate().map(|(i, e)| {
        html! {
            <li class="doc-error" data-testid="doc-error" key={format!("err{i}")}>
                <p class="doc-name">{ &e.name }</p>
                <p class="doc-message" role="alert" data-kind={e.text.kind.clone()}>{ message_in(lang, e) }</p>
            </li>
        }
    });
    let ondismiss = {
        let cb = props.ondismiss.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onclear = {
        let cb = props.onclear.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let empty = documents.is_empty() && props.refusals.is_empty();
    html! {
        <section class="panel doc-panel" aria-labelledby="docs-heading">
            <div class="panel-head">
                <h2 id="docs-heading">{ tr(lang, "文档", "Documents") }
                    <span class="count">{ if props.total > 0 { props.total } else { documents.len() } }</span></h2>
                if !empty {
                    <button type="button" class="btn btn-quiet" data-testid="clear-all" onclick={onclear}>
                        { tr(lang, "全部清除", "Clear all") }
                    </button>
                }
            </div>
            { props.pager.clone() }
            <ul class="doc-list" data-testid="doc-list">
                { for items }
                { for refusals }
                if empty {
                    <li class="doc-empty">{ tr(lang, "尚无文档", "No documents yet") }</li>
                }
            </ul>
            if !props.refusals.is_empty() {
                <div class="row-end">
                    <button type="button" class="btn btn-quiet" data-testid="dismiss-errors" onclick={ondismiss}>
                        { tr(lang, "清除提示", "Dismiss messages") }
                    </button>
                </div>
            }
        </section>
    }
}

/// The label of a document's kind (`meta.kind`, see the report spec).
fn kind_label(lang: Lang, kind: &str) -> String {
    match DocKind::from_id(kind) {
        Some(k) => {
            let (zh, en) = k.names();
            tr(lang, zh, en).to_string()
        }
        None => kind.to_string(),
    }
}

/// A refusal in the language shown (both, as written, for a report without them apart).
fn message_in(lang: Lang, e: &InputError) -> String {
    let text = e.text.text(lang == Lang::Zh);
    if text.is_empty() {
        e.message.clone()
    } else {
        text.to_string()
    }
}
