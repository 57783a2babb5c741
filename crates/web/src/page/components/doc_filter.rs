//! The document filter: show only the documents of one kind, or of one issuer.
//!
//! The engine keeps only the documents the filter lets through in the report, so the
//! matrix, the comparisons, the lists and the exports all show the same documents. The
//! filters are kept with the page's settings. The kinds come from the core
//! (`cuoshi_core::structure::DocKind`); the issuer matches any issuing body containing the
//! text typed.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::tr;
use cuoshi_core::structure::DocKind;

#[derive(Properties, Clone, PartialEq)]
pub struct DocFilterProps {
    /// The kind shown (`meta.kind`); empty: any.
    pub kind: AttrValue,
    /// The issuer text; empty: any.
    pub issuer: AttrValue,
    /// Called with the new kind and issuer.
    pub onchange: Callback<(String, String)>,
}

#[component]
pub fn DocFilter(props: &DocFilterProps) -> Html {
    let lang = use_lang();
    let onkind = {
        let (cb, issuer) = (props.onchange.clone(), props.issuer.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit((select.value(), issuer.to_string()));
        })
    };
    let onissuer = {
        let (cb, kind) = (props.onchange.clone(), props.kind.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit((kind.to_string(), input.value().trim().to_string()));
        })
    };
    let kinds = DocKind::ALL.into_iter().map(|k| {
        let (zh, en) = k.names();
        html! { <option value={k.as_str()} selected={props.kind == k.as_str()}>{ tr(lang, zh, en) }</option> }
    });
    html! {
        <div class="doc-filter" role="group" aria-label={tr(lang, "筛选文档", "Filter the documents")} data-testid="doc-filter">
            <label for="filter-kind" class="toolbar-label">{ tr(lang, "类型", "Kind") }</label>
            <select id="filter-kind" class="select select-small" data-testid="filter-kind" onchange={onkind}>
                <option value="" selected={props.kind.is_empty()}>{ tr(lang, "全部", "All") }</option>
                { for kinds }
            </select>
            <label for="filter-issuer" class="toolbar-label">{ tr(lang, "发文机关", "Issuer") }</label>
            <input id="filter-issuer" type="search" class="input input-small" data-testid="filter-issuer"
                   value={props.issuer.clone()} onchange={onissuer}
                   placeholder={tr(lang, "含此文字", "containing")} />
        </div>
    }
}
