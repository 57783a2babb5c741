//! Keywords side by side: each document's top terms with their count and distinctiveness
//! against the rest of the corpus (stop words already left out by the engine).
//!
//! Clicking a term asks the engine for its concordance (KWIC): every occurrence across all
//! documents, with the words on either side, so a term's use can be compared in context.

use yew::prelude::*;

use super::matrix::empty;
use crate::page::components::use_lang;
use crate::page::i18n::{tr, trs};
use crate::page::state::{Action, Concordance, SharedReport};
use crate::page::view;

#[derive(Properties, Clone, PartialEq)]
pub struct KeywordsViewProps {
    pub report: Option<SharedReport>,
    pub concordance: Option<Concordance>,
    /// Called with the term whose concordance is wanted.
    pub onconcordance: Callback<String>,
    pub onaction: Callback<Action>,
}

/// How many terms each document shows.
const TOP: usize = 20;

#[component]
pub fn KeywordsView(props: &KeywordsViewProps) -> Html {
    let lang = use_lang();
    let Some(report) = props.report.as_ref().filter(|r| !r.documents.is_empty()) else {
        return empty(lang);
    };
    let active = props.concordance.as_ref().map(|c| c.term.clone());
    let columns = report.documents.iter().map(|doc| {
        let max = doc.keywords.iter().take(TOP).map(|k| k.count).max().unwrap_or(1).max(1);
        let rows = doc.keywords.iter().take(TOP).map(|k| {
            let onclick = {
                let cb = props.onconcordance.clone();
                let word = k.word.clone();
                Callback::from(move |_: MouseEvent| cb.emit(word.clone()))
            };
            let is_active = active.as_deref() == Some(k.word.as_str());
            let width = f64::from(k.count) / f64::from(max) * 100.0;
            html! {
                <li class="kw">
                    <button type="button" class={classes!("kw-term", is_active.then_some("is-active"))}
                            data-testid="keyword" data-word={k.word.clone()} aria-pressed={is_active.to_string()}
                            title={tr(lang, "查看上下文（KWIC）", "Show in context (KWIC)")} {onclick}>
                        { &k.word }
                    </button>
                    <span class="kw-bar" aria-hidden="true"><span style={format!("width:{width:.0}%")}></span></span>
                    <span class="kw-count" title={tr(lang, "次数", "count")}>{ k.count }</span>
                    <span class={classes!("kw-dist", (k.distinctiveness < 0.0).then_some("is-neg"))}
                          title={tr(lang, "显著性（对数似然 G²，与其余文档相比）", "Distinctiveness (log-likelihood G² against the rest of the corpus)")}>
                        { format!("{:+.1}", k.distinctiveness) }
                    </span>
                </li>
            }
        });
        html! {
            <section class="kw-col" key={doc.id.clone()} data-doc={doc.id.clone()}>
                <h3 class="card-title"><span class="doc-id">{ &doc.id }</span>{ view::doc_short(doc, 10) }</h3>
                <div class="kw-head" aria-hidden="true">
                    <span>{ tr(lang, "词", "Term") }</span><span></span>
                    <span>{ tr(lang, "次数", "Count") }</span><span>{ "G²" }</span>
                </div>
                <ol class="kw-list">{ for rows }</ol>
            </section>
        }
    });
    let kwic = props.concordance.as_ref().map(|c| {
        let onclose = {
            let cb = props.onaction.clone();
            Callback::from(move |_: MouseEvent| cb.emit(Action::CloseConcordance))
        };
        let body = match &c.lines {
            None => html! { <p class="hint" data-testid="kwic-loading">{ tr(lang, "正在检索…", "Searching…") }</p> },
            Some(lines) if lines.is_empty() => html! { <p class="hint">{ tr(lang, "没有出现。", "No occurrences.") }</p> },
            Some(lines) => html! {
                <div class="table-scroll">
                <table class="kwic-table">
                    <tbody>
                        { for lines.iter().map(|l| html! {
                            <tr data-testid="kwic-line" data-doc={l.doc_id.clone()}>
                                <td class="kwic-doc">{ &l.doc_id }</td>
                                <td class="kwic-left">{ &l.left }</td>
                                <td class="kwic-term"><mark>{ &l.term }</mark></td>
                                <td class="kwic-right">{ &l.right }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            },
        };
        let count = c.lines.as_ref().map_or(0, |l| l.len());
        html! {
            <section class="kwic" data-testid="kwic" data-term={c.term.clone()} aria-live="polite">
                <div class="panel-head">
                    <h3>{ trs(lang, format!("“{}” 的上下文（{} 处）", c.term, count), format!("“{}” in context ({} line(s))", c.term, count)) }</h3>
                    <button type="button" class="btn btn-icon" aria-label={tr(lang, "关闭", "Close")} onclick={onclose}>{ "✕" }</button>
                </div>
                { body }
            </section>
        }
    });
    html! {
        <div data-testid="keywords">
            { for kwic }
            <div class="kw-grid">{ for columns }</div>
        </div>
    }
}
