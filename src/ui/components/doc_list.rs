//! The document list: each analyzed document (name, title, date, place, measures, remove)
//! and, below them, each refused input with the bilingual reason it was refused.
//!
//! Refusals never replace anything: the documents already analyzed stay listed.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::model::InputError;
use crate::ui::state::SharedReport;
use crate::ui::view;

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
}

#[component]
pub fn DocList(props: &DocListProps) -> Html {
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
        let title = view::doc_title(doc);
        let date = doc.meta.date.display();
        let place = doc.meta.place.clone().unwrap_or_default();
        html! {
            <li class="doc-item" data-testid="doc-item" data-doc={id.clone()} key={doc.id.clone()}>
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
                            <span class="fact">{ format!("{} 条措施 / measures", doc.measures.len()) }</span>
                        </p>
                    </div>
                </div>
                <button type="button" class="btn btn-icon" data-testid="doc-remove" {onclick}
                        title="移除 / Remove" aria-label={format!("移除 {} / Remove", doc.name)}>
                    { "✕" }
                </button>
            </li>
        }
    });
    let refusals = props.refusals.iter().enumerate().map(|(i, e)| {
        html! {
            <li class="doc-error" data-testid="doc-error" key={format!("err{i}")}>
                <p class="doc-name">{ &e.name }</p>
                <p class="doc-message" role="alert">{ &e.message }</p>
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
                <h2 id="docs-heading">{ "文档" }<span class="en">{ "Documents" }</span>
                    <span class="count">{ documents.len() }</span></h2>
                if !empty {
                    <button type="button" class="btn btn-quiet" data-testid="clear-all" onclick={onclear}>
                        { "全部清除" }<span class="en">{ "Clear all" }</span>
                    </button>
                }
            </div>
            <ul class="doc-list" data-testid="doc-list">
                { for items }
                { for refusals }
                if empty {
                    <li class="doc-empty">{ "尚无文档" }<span class="en">{ "No documents yet" }</span></li>
                }
            </ul>
            if !props.refusals.is_empty() {
                <div class="row-end">
                    <button type="button" class="btn btn-quiet" data-testid="dismiss-errors" onclick={ondismiss}>
                        { "清除提示" }<span class="en">{ "Dismiss messages" }</span>
                    </button>
                </div>
            }
        </section>
    }
}
