//! The workspace panel: save the whole workspace (files, corrections, taxonomy, settings)
//! as one file, and open such a file again.
//!
//! The file is the engine's workspace format, so an import restores exactly what was
//! exported. An import first says what the file holds and asks before replacing the corpus;
//! the corpus it replaced is kept (across a reload too) and "undo import" brings it back.
//! A file that is not a workspace is refused with a bilingual message, and the corpus on
//! screen stays as it was.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use std::rc::Rc;

use super::use_lang;
use crate::page::i18n::{tr, trs};
use cuoshi_engine::protocol::WorkspaceSummary;

#[derive(Properties, Clone, PartialEq)]
pub struct WorkspacePanelProps {
    /// Called to export the workspace file.
    pub onsave: Callback<()>,
    /// Called with the picked workspace file.
    pub onimport: Callback<web_sys::File>,
    /// The workspace the last import replaced, if it can be put back.
    #[prop_or_default]
    pub previous: Option<Rc<WorkspaceSummary>>,
    /// Called to undo the last import.
    pub onundo: Callback<()>,
}

#[component]
pub fn WorkspacePanel(props: &WorkspacePanelProps) -> Html {
    let lang = use_lang();
    let onclick = {
        let cb = props.onsave.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onchange = {
        let cb = props.onimport.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                cb.emit(file);
            }
            input.set_value("");
        })
    };
    let undo = props.previous.as_ref().map(|previous| {
        let cb = props.onundo.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(()));
        let n = previous.documents;
        html! {
            <button type="button" class="btn btn-secondary btn-small" data-testid="undo-import" {onclick}>
                { trs(lang, format!("撤销导入（恢复之前的 {n} 篇文档）"),
                      format!("Undo import (bring back the {n} document(s) from before)")) }
            </button>
        }
    });
    html! {
        <section class="panel workspace-panel" aria-labelledby="workspace-heading">
            <div class="panel-head">
                <h2 id="workspace-heading">{ tr(lang, "工作区", "Workspace") }</h2>
            </div>
            <p class="hint">{ tr(lang, "文档、更正与设置自动保存在本浏览器中；也可存为文件，换一台电脑继续。",
                                  "Documents, corrections and settings are kept in this browser; save them as a file to continue elsewhere.") }</p>
            <div class="button-row">
                <button type="button" class="btn btn-secondary btn-small" data-testid="workspace-export" {onclick}>
                    { tr(lang, "导出工作区", "Export workspace") }
                </button>
                <input id="workspace-input" class="visually-hidden" type="file" accept=".json,application/json"
                       data-testid="workspace-import" {onchange} />
                <label class="btn btn-secondary btn-small" for="workspace-input">
                    { tr(lang, "导入工作区", "Import workspace") }
                </label>
                { for undo }
            </div>
        </section>
    }
}
