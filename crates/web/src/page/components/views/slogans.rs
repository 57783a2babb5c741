//! Numeric slogans (数字概括语 such as 五个一, 一企一策) per document, each with the items
//! the article spells out.
//!
//! A slogan whose stated count differs from the items found is flagged, so the reader can
//! check whether the article or the extraction is short of one.

use yew::prelude::*;

use super::matrix::empty;
use crate::page::components::use_lang;
use crate::page::i18n::{tr, trs};
use crate::page::state::SharedReport;
use crate::page::view;

#[derive(Properties, Clone, PartialEq)]
pub struct SlogansViewProps {
    pub report: Option<SharedReport>,
}

#[component]
pub fn SlogansView(props: &SlogansViewProps) -> Html {
    let lang = use_lang();
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };
    let cards = report.documents.iter().map(|doc| {
        let slogans = doc.slogans.iter().map(|s| {
            html! {
                <li class="slogan" data-testid="slogan">
                    <p class="slogan-head">
                        <span class="slogan-text">{ &s.text }</span>
                        if let Some(n) = s.count {
                            <span class="chip">{ trs(lang, format!("{n} 项"), format!("{n} item(s)")) }</span>
                        }
                        if s.count_mismatch {
                            <span class="chip chip-warn" title={tr(lang, "所述数目与找到的条目不一致", "The stated count differs from the items found")}>
                                { trs(lang, format!("找到 {} 项", s.items.len()), format!("{} found", s.items.len())) }
                            </span>
                        }
                    </p>
                    if !s.items.is_empty() {
                        <ol class="slogan-items">
                            { for s.items.iter().map(|item| html! { <li data-testid="slogan-item">{ item }</li> }) }
                        </ol>
                    }
                </li>
            }
        });
        html! {
            <section class="card" data-doc={doc.id.clone()} key={doc.id.clone()}>
                <h3 class="card-title"><span class="doc-id">{ &doc.id }</span>{ view::truncate(&view::doc_title(doc), 30) }</h3>
                if doc.slogans.is_empty() {
                    <p class="hint">{ tr(lang, "未发现数字概括语。", "No numeric slogans found.") }</p>
                } else {
                    <ul class="slogans">{ for slogans }</ul>
                }
            </section>
        }
    });
    html! { <div class="cards" data-testid="slogans">{ for cards }</div> }
}
