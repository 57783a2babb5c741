//! The pager over the documents: with more than [`window::PAGE`] documents the views and
//! the document list show one page of them, and this bar says which and moves between
//! pages. It renders nothing while every document fits on one page.
//!
//! It appears twice (above the document list and above the view), both bound to the one
//! page in the state; `place` keeps their test ids apart (`doc-pager-list`,
//! `doc-pager-view`, and `…-prev` / `…-next` for the buttons). Moving asks the engine for
//! the report of another page (`onpage`): the page never holds the whole corpus's report.

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::{tr, trs};
use cuoshi_engine::window;

#[derive(Properties, Clone, PartialEq)]
pub struct DocPagerProps {
    /// Documents in the corpus.
    pub total: usize,
    /// The page shown.
    pub page: usize,
    /// Where the pager stands: `list` or `view`.
    pub place: AttrValue,
    /// Called with the page to show.
    pub onpage: Callback<usize>,
}

#[component]
pub fn DocPager(props: &DocPagerProps) -> Html {
    let lang = use_lang();
    let pages = window::pages(props.total);
    if pages <= 1 {
        return Html::default();
    }
    let shown = window::range(props.total, props.page);
    let go = |page: usize| {
        let onpage = props.onpage.clone();
        Callback::from(move |_: MouseEvent| onpage.emit(page))
    };
    let page = props.page.min(pages - 1);
    let id = |what: &str| format!("doc-pager-{}{what}", props.place);
    html! {
        <nav class="doc-pager" data-testid={id("")} data-page={page.to_string()}
             aria-label={tr(lang, "文档分页", "Pages of documents")}>
            <button type="button" class="btn btn-quiet btn-small" data-testid={id("-prev")}
                    disabled={page == 0} onclick={go(page.saturating_sub(1))}
                    aria-label={tr(lang, "上一页文档", "Previous documents")}>{ "‹" }</button>
            <span class="doc-pager-text">
                { trs(lang,
                      format!("第 {}–{} 篇，共 {} 篇（{}/{} 页）", shown.start + 1, shown.end, props.total, page + 1, pages),
                      format!("Documents {}–{} of {} (page {} of {})", shown.start + 1, shown.end, props.total, page + 1, pages)) }
            </span>
            <button type="button" class="btn btn-quiet btn-small" data-testid={id("-next")}
                    disabled={page + 1 >= pages} onclick={go(page + 1)}
                    aria-label={tr(lang, "下一页文档", "Next documents")}>{ "›" }</button>
        </nav>
    }
}
