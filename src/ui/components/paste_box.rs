//! The paste area: a text box and an add button for an article copied from a web page.
//!
//! The text is read from the box when the button is pressed (so no keystroke re-renders
//! the page), handed up through `onadd`, and the box is emptied. Blank text is ignored.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, Clone, PartialEq)]
pub struct PasteBoxProps {
    /// Called with the pasted text (never blank).
    pub onadd: Callback<String>,
}

#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let area = use_node_ref();
    let onclick = {
        let area = area.clone();
        let onadd = props.onadd.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = area.cast::<HtmlTextAreaElement>() else {
                return;
            };
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
                { "粘贴文章" }<span class="en">{ "Paste an article" }</span>
            </label>
            <textarea id="paste-input" ref={area} data-testid="paste-input" rows="5"
                      placeholder="在此粘贴政策文章全文…  /  Paste the full text of a policy article…" />
            <div class="row-end">
                <button type="button" class="btn btn-primary" data-testid="paste-add" {onclick}>
                    { "添加" }<span class="en">{ "Add" }</span>
                </button>
            </div>
        </div>
    }
}
