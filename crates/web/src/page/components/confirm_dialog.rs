//! The page's own confirmation dialog (not `window.confirm`, which tests cannot drive and
//! which blocks the page): a modal question with a safe default.
//!
//! Focus starts on "cancel", Escape cancels, and the dialog is an `alertdialog` labelled
//! by its question, so keyboard and screen-reader users meet it as they expect.

use web_sys::HtmlElement;
use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::tr;
use crate::page::state::Confirm;

#[derive(Properties, Clone, PartialEq)]
pub struct ConfirmDialogProps {
    pub confirm: Confirm,
    /// Called when the user confirms.
    pub onconfirm: Callback<Confirm>,
    /// Called when the user declines (button, Escape, or a click outside).
    pub oncancel: Callback<()>,
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
            ),
            tr(lang, "全部清除", "Clear all"),
        ),
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
