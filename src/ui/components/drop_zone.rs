//! The drop zone: takes several files at once, dragged in or chosen with a file picker.
//!
//! It only collects `File` objects and hands them up through `onfiles`; reading them and
//! refusing what cannot be analyzed happen elsewhere. The highlight while a drag hovers is
//! the one piece of state kept here, since it is pure presentation.

use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::ui::files;

#[derive(Properties, Clone, PartialEq)]
pub struct DropZoneProps {
    /// Called with the dropped or picked files (never empty).
    pub onfiles: Callback<Vec<web_sys::File>>,
}

#[component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    let hovering = use_state_eq(|| false);

    let emit = {
        let onfiles = props.onfiles.clone();
        move |list: Option<web_sys::FileList>| {
            let files = files::from_list(list);
            if !files.is_empty() {
                onfiles.emit(files);
            }
        }
    };
    let ondragover = {
        let hovering = hovering.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
            hovering.set(true);
        })
    };
    let ondragleave = {
        let hovering = hovering.clone();
        Callback::from(move |_: DragEvent| hovering.set(false))
    };
    let ondrop = {
        let hovering = hovering.clone();
        let emit = emit.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            hovering.set(false);
            emit(e.data_transfer().and_then(|dt| dt.files()));
        })
    };
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        emit(input.files());
        // Let the same file be picked again.
        input.set_value("");
    });

    html! {
        <div class={classes!("dropzone", (*hovering).then_some("is-hovering"))}
             data-testid="dropzone" {ondragover} {ondragleave} {ondrop}>
            <div class="dropzone-icon" aria-hidden="true"></div>
            <p class="dropzone-title">
                { "拖放文件到此处" }<span class="en">{ "Drop files here" }</span>
            </p>
            <p class="dropzone-hint">
                { "可一次多个：.txt .md .html .docx .zip .json" }
                <span class="en">{ "several at once" }</span>
            </p>
            <label class="btn btn-secondary" for="file-input">
                { "选择文件" }<span class="en">{ "Choose files" }</span>
            </label>
            <input id="file-input" class="visually-hidden" type="file" multiple=true
                   data-testid="file-input" {onchange} />
        </div>
    }
}
