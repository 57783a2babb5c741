//! The status line: how many documents are analyzed, and progress while the engine works.
//!
//! The `status` element is always present so that tests and assistive technology can
//! follow the page: `data-docs` counts the analyzed documents and `data-busy` is `true`
//! while the dictionary loads, files are read or an analysis runs. The `progress` element
//! appears only while something is under way, with a button that cancels it (the corpus
//! stays as it was before the request).

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::{tr, trs};
use cuoshi_engine::protocol::Stage;

#[derive(Properties, Clone, PartialEq)]
pub struct StatusBarProps {
    pub stage: Stage,
    pub busy: bool,
    pub docs: usize,
    pub done: usize,
    pub total: usize,
    /// Files being read by the browser.
    pub reading: usize,
    /// Cancels the requests under way; the button shows while the engine works, if set.
    #[prop_or_default]
    pub oncancel: Option<Callback<()>>,
}

#[component]
pub fn StatusBar(props: &StatusBarProps) -> Html {
    let lang = use_lang();
    let StatusBarProps {
        stage,
        busy,
        docs,
        done,
        total,
        reading,
        oncancel,
    } = props.clone();
    let cancel = oncancel.filter(|_| busy && stage != Stage::Dictionary && reading == 0);
    let (label, english, fraction) = if stage == Stage::Dictionary {
        (
            "正在加载词典".to_string(),
            "Loading the dictionary".to_string(),
            None,
        )
    } else if reading > 0 {
        (
            format!("正在读取 {reading} 个文件"),
            format!("Reading {reading} file(s)"),
            None,
        )
    } else if busy && stage == Stage::Analyzing && total > 0 {
        (
            format!("正在分析 {done}/{total}"),
            format!("Analyzing {done} of {total}"),
            Some((done, total)),
        )
    } else if busy {
        ("正在分析".to_string(), "Analyzing".to_string(), None)
    } else {
        (
            format!("已分析 {docs} 篇文档"),
            format!("{docs} document(s) analyzed"),
            None,
        )
    };
    html! {
        <div class={classes!("status", busy.then_some("is-busy"))}
             data-testid="status" data-docs={docs.to_string()} data-busy={busy.to_string()}
             role="status" aria-live="polite">
            <span class="status-dot" aria-hidden="true"></span>
            <span class="status-text">
                { trs(lang, label, english) }
            </span>
            if busy {
                <div class="progress" data-testid="progress">
                    if let Some((done, total)) = fraction {
                        <progress max={total.to_string()} value={done.to_string()}
                                  aria-label={tr(lang, "分析进度", "Analysis progress")} />
                    } else {
                        <progress aria-label={tr(lang, "进度", "Progress")} />
                    }
                </div>
            }
            if let Some(cancel) = cancel {
                <button type="button" class="btn btn-quiet" data-testid="cancel"
                        onclick={Callback::from(move |_: MouseEvent| cancel.emit(()))}>
                    { tr(lang, "取消", "Cancel") }
                </button>
            }
        </div>
    }
}
