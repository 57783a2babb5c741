//! The drop zone: takes several files at once, dragged in or chosen with a file picker.
//!
//! It only collects `File` objects and hands them up through `onfiles`; reading them and
//! refusing what cannot be analyzed happen elsewhere. The zone itself is a button for the
//! keyboard: Enter or Space opens the file picker. The highlight while a drag hovers is the
//! one piece of state kept here, since it is pure presentation.

use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use super::use_lang;
use crate::page::files;
use crate::page::i18n::tr;

#[derive(Properties, Clone, PartialEq)]
pub struct DropZoneProps {
    /// Called with the dropped or picked files (never empty).
    pub onfiles: Callback<Vec<web_sys::File>>,
}

#[component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    let lang = use_lang();
    let hovering = use_state_eq(|| false);
    let input_ref = use_node_ref();

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
    let zone_ref = use_node_ref();
    let onkeydown = {
        let input_ref = input_ref.clone();
        let zone_ref = zone_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            // Only the zone itself: keys on the inner button or input keep their own meaning.
            // (Yew delegates events, so compare with the zone's element, not currentTarget.)
            let on_zone = match (e.target(), zone_ref.get()) {
                (Some(target), Some(zone)) => {
                    let zone: &wasm_bindgen::JsValue = zone.as_ref();
                    let target: &wasm_bindgen::JsValue = target.as_ref();
                    target == zone
                }
                _ => false,
            };
            if !on_zone {
                return;
            }
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    input.click();
                }
            }
        })
    };

    html! {
        <div class={classes!("dropzone", (*hovering).then_some("is-hovering"))}
             data-testid="dropzone" tabindex="0" role="button" ref={zone_ref}
             aria-label={tr(lang, "拖放文件到此处，或按回车键选择文件", "Drop files here, or press Enter to choose files")}
             {ondragover} {ondragleave} {ondrop} {onkeydown}>
            <div class="dropzone-icon" aria-hidden="true"></div>
            <p class="dropzone-title">{ tr(lang, "拖放文件到此处", "Drop files here") }</p>
            <p class="dropzone-hint">
                { tr(lang, "可一次多个：.txt .md .html .docx .zip .json", "Several at once: .txt .md .html .docx .zip .json") }
            </p>
            <input id="file-input" ref={input_ref} class="visually-hidden" type="file" multiple=true
                   data-testid="file-input" tabindex="-1" {onchange} />
            <label class="btn btn-secondary" for="file-input">
                { tr(lang, "选择文件", "Choose files") }
            </label>
        </div>
    }
}
