//! The paste area: a text box and an add button for an article copied from a web page.
//!
//! The text is read from the box when the button is pressed (so no keystroke re-renders
//! the page), handed up through `onadd`, and the box is emptied. Blank text is ignored.
//!
//! Rich paste: when text copied from a web page is pasted into the empty box and the
//! clipboard carries `text/html`, the box shows the plain text but keeps the HTML, and
//! "add" hands the HTML up through `onaddhtml` so the engine's HTML cleaner reads the page's
//! structure (paragraphs, navigation, tables) instead of flattened text. Editing the box, or
//! choosing "plain text", drops the HTML and the box's own text is sent as usual.

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlTextAreaElement};
use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::tr;

#[derive(Properties, Clone, PartialEq)]
pub struct PasteBoxProps {
    /// Called with the pasted text (never blank).
    pub onadd: Callback<String>,
    /// Called with the HTML of a rich paste (a web page's `text/html`); without it, pastes
    /// are plain text.
    #[prop_or_default]
    pub onaddhtml: Option<Callback<String>>,
}

#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let lang = use_lang();
    let area = use_node_ref();
    // The HTML of a rich paste, while the box still shows its text unedited.
    let rich = use_state_eq(|| None::<String>);
    let onpaste = {
        let area = area.clone();
        let rich = rich.clone();
        let enabled = props.onaddhtml.is_some();
        Callback::from(move |e: Event| {
            let Some(data) = e
                .dyn_ref::<ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
            else {
                return;
            };
            let html = data.get_data("text/html").unwrap_or_default();
            let Some(area) = area.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let whole = area.value().is_empty()
                || (area.selection_start().ok().flatten() == Some(0)
                    && area.selection_end().ok().flatten()
                        == Some(area.value().encode_utf16().count() as u32));
            if !enabled || html.trim().is_empty() || !whole {
                rich.set(None);
                return; // the browser pastes the plain text
            }
            e.prevent_default();
            area.set_value(&data.get_data("text/plain").unwrap_or_default());
            rich.set(Some(html));
        })
    };
    let oninput = {
        let rich = rich.clone();
        Callback::from(move |_: InputEvent| rich.set(None))
    };
    let onplain = {
        let rich = rich.clone();
        Callback::from(move |_: MouseEvent| rich.set(None))
    };
    let onclick = {
        let area = area.clone();
        let onadd = props.onadd.clone();
        let onaddhtml = props.onaddhtml.clone();
        let rich = rich.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = area.cast::<HtmlTextAreaElement>() else {
                return;
            };
            if let (Some(html), Some(cb)) = ((*rich).clone(), &onaddhtml) {
                area.set_value("");
                rich.set(None);
                cb.emit(html);
                return;
            }
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            area.set_value("");
            onadd.emit(text);
        })
    };
    html! {
        <div class="paste-box">
            <label class="field-label" for="paste-input">
                { tr(lang, "粘贴文章", "Paste an article") }
            </label>
            <textarea id="paste-input" ref={area} data-testid="paste-input" rows="5" {onpaste} {oninput}
                      aria-describedby={rich.is_some().then_some("paste-rich")}
                      placeholder={tr(lang, "在此粘贴政策文章全文…", "Paste the full text of a policy article…")} />
            if rich.is_some() {
                <p class="paste-rich" id="paste-rich" data-testid="paste-rich" aria-live="polite">
                    <span>{ tr(lang, "网页格式：将按 HTML 清理", "Web page formatting: cleaned as HTML") }</span>
                    <button type="button" class="btn btn-quiet btn-small" data-testid="paste-plain" onclick={onplain}>
                        { tr(lang, "改用纯文本", "Use plain text") }
                    </button>
                </p>
            }
            <div class="row-end">
                <button type="button" class="btn btn-primary" data-testid="paste-add" {onclick}>
                    { tr(lang, "添加", "Add") }
                </button>
            </div>
        </div>
    }
}
