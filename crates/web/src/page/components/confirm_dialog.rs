//! The page's own confirmation dialog (not `window.confirm`, which tests cannot drive and
//! which blocks the page): a modal question with a safe default.
//!
//! Focus starts on "cancel", Escape cancels, and the dialog is an `alertdialog` labelled
//! by its question, so keyboard and screen-reader users meet it as they expect.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::use_lang;
use std::rc::Rc;

use crate::page::i18n::{tr, trs};
use crate::page::state::Confirm;
use cuoshi_engine::protocol::WorkspaceSummary;

#[derive(Properties, Clone, PartialEq)]
pub struct ConfirmDialogProps {
    pub confirm: Confirm,
    /// Called when the user confirms.
    pub onconfirm: Callback<Confirm>,
    /// Called when the user declines (button, Escape, or a click outside).
    pub oncancel: Callback<()>,
    /// Documents in the corpus now.
    #[prop_or_default]
    pub docs: usize,
    /// What the workspace file to import holds ([`Confirm::Import`]).
    #[prop_or_default]
    pub import: Option<Rc<WorkspaceSummary>>,
}

#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let lang = use_lang();
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(button) = cancel_ref.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let (title, body, action) = match props.confirm {
        Confirm::ClearAll => (
            tr(lang, "清除全部？", "Clear everything?"),
            tr(
                lang,
                "将移除所有文档与更正，包括本浏览器中保存的副本。此操作无法撤销；如需保留，请先导出工作区文件。",
                "This removes every document and correction, including the copy kept in this browser. It cannot be undone: export a workspace file first to keep them.",
            )
            .to_string(),
            tr(lang, "全部清除", "Clear all").to_string(),
        ),
        Confirm::Import => {
            let w = props.import.as_deref().cloned().unwrap_or_default();
            let docs = props.docs;
            let names = w.names.join("、");
            let more = if w.documents > w.names.len() { "…" } else { "" };
            (
                tr(lang, "导入工作区？", "Import this workspace?"),
                trs(
                    lang,
                    format!(
                        "“{}”含 {} 篇文档（{names}{more}）、{} 条更正{}。导入后将替换当前的 {docs} 篇文档与更正；当前工作区会保留，可用“撤销导入”恢复。",
                        w.name, w.documents, w.corrections,
                        if w.lexicons { "，以及自己的分类表或词典" } else { "" }
                    ),
                    format!(
                        "“{}” holds {} document(s) ({}{more}) and {} correction(s){}. Importing replaces the {docs} document(s) and corrections on screen; they are kept, and “Undo import” brings them back.",
                        w.name, w.documents, w.names.join(", "), w.corrections,
                        if w.lexicons { ", with its own taxonomy or dictionary" } else { "" }
                    ),
                ),
                tr(lang, "导入并替换", "Import and replace").to_string(),
            )
        }
    };
    let onyes = {
        let cb = props.onconfirm.clone();
        let confirm = props.confirm;
        Callback::from(move |_: MouseEvent| cb.emit(confirm))
    };
    let onno = {
        let cb = props.oncancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onkeydown = {
        let cb = props.oncancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(());
            }
        })
    };
    let backdrop_ref = use_node_ref();
    let onbackdrop = {
        let cb = props.oncancel.clone();
        let backdrop_ref = backdrop_ref.clone();
        Callback::from(move |e: MouseEvent| {
            // Yew delegates events: compare the target with the backdrop's own element.
            let on_backdrop = match (e.target(), backdrop_ref.get()) {
                (Some(target), Some(backdrop)) => {
                    let backdrop: &wasm_bindgen::JsValue = backdrop.as_ref();
                    let target: &wasm_bindgen::JsValue = target.as_ref();
                    target == backdrop
                }
                _ => false,
            };
            if on_backdrop {
                cb.emit(());
            }
        })
    };
    html! {
        <div class="dialog-backdrop" ref={backdrop_ref} onclick={onbackdrop}>
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
                 aria-describedby="confirm-body" data-testid="confirm-dialog" {onkeydown}>
                <h2 id="confirm-title">{ title }</h2>
                <p id="confirm-body">{ body }</p>
                <div class="dialog-actions">
                    <button type="button" class="btn btn-secondary" data-testid="confirm-no" ref={cancel_ref} onclick={onno}>
                        { tr(lang, "取消", "Cancel") }
                    </button>
                    <button type="button" class="btn btn-danger" data-testid="confirm-yes" onclick={onyes}>
                        { action }
                    </button>
                </div>
            </div>
        </div>
    }
}
