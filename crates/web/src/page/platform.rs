//! The few things the page asks of the browser itself: the user's language, saving a file,
//! the service worker, the page's `lang` attribute, and the text the user selected.
//!
//! Each is a small function that never panics: when the browser lacks something (no
//! service worker in a private window, no selection), the page simply goes on without it.
//! Files are saved the standard way — a `Blob`, an object URL and a click on an
//! `<a download>` — so nothing leaves the page except the file the user asked for.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::i18n::Lang;
use super::view;
use cuoshi_engine::protocol::FileOut;

/// The language the browser prefers (`navigator.language`), Chinese when unknown.
pub fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map_or(Lang::Zh, |tag| Lang::from_tag(&tag))
}

/// True when the page was opened as the bench page (`?bench` in its URL).
pub fn bench_requested() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| {
            q.trim_start_matches('?')
                .split('&')
                .any(|p| p == "bench" || p.starts_with("bench="))
        })
}

/// Sets `<html lang>` so that screen readers and fonts follow the interface language.
pub fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// Offers `file` to the user as a download. Returns false when the browser refused.
pub fn save_file(file: &FileOut) -> bool {
    let attempt = || -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let document = window.document().ok_or(JsValue::NULL)?;
        let bytes = Uint8Array::from(file.bytes.as_slice());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(&file.mime);
        let blob =
            web_sys::Blob::new_with_u8_array_sequence_and_options(&Array::of1(&bytes), &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        anchor.set_href(&url);
        anchor.set_download(&file.name);
        anchor.set_attribute("hidden", "")?;
        let body = document.body().ok_or(JsValue::NULL)?;
        body.append_child(&anchor)?;
        anchor.click();
        anchor.remove();
        // Revoke once the click has been handled (the download keeps its own reference).
        let revoke = Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
        Ok(())
    };
    attempt().is_ok()
}

/// Registers the service worker `sw.js` next to the page (relative to the document's base
/// URL, so the scope is the site's own sub-path such as `/cuoshi/`). Failure is silent: the
/// app works online without it.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Browsers without service workers (or with them disabled) have no `serviceWorker`.
    let has =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !has {
        return;
    }
    let container = navigator.service_worker();
    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    let promise = container.register_with_options("sw.js", &options);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// The text the user selected inside `container`, as char offsets into the text the
/// container shows. Each piece of text must sit in an element carrying `data-at` (the char
/// offset where its text starts). `None` when nothing, or something outside, is selected.
pub fn selection_in(container: &web_sys::Element) -> Option<(usize, usize)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let start = offset_of(
        container,
        &range.start_container().ok()?,
        range.start_offset().ok()?,
    )?;
    let end = offset_of(
        container,
        &range.end_container().ok()?,
        range.end_offset().ok()?,
    )?;
    (end > start).then_some((start, end))
}

/// The char offset of a DOM position (a text node and a UTF-16 offset in it).
fn offset_of(container: &web_sys::Element, node: &web_sys::Node, units: u32) -> Option<usize> {
    if !container.contains(Some(node)) {
        return None;
    }
    let (text_node, units) = if node.node_type() == web_sys::Node::TEXT_NODE {
        (node.clone(), units as usize)
    } else {
        // An element position: the start of its `units`-th child, or the end of the last.
        let children = node.child_nodes();
        match children.item(units) {
            Some(child) => (first_text(&child)?, 0),
            None => {
                let last = children.item(children.length().checked_sub(1)?)?;
                let text = last_text(&last)?;
                let len = text
                    .text_content()
                    .unwrap_or_default()
                    .encode_utf16()
                    .count();
                (text, len)
            }
        }
    };
    let text = text_node.text_content().unwrap_or_default();
    let piece = text_node.parent_element()?.closest("[data-at]").ok()??;
    let at: usize = piece.get_attribute("data-at")?.parse().ok()?;
    Some(at + view::utf16_to_chars(&text, units))
}

fn first_text(node: &web_sys::Node) -> Option<web_sys::Node> {
    if node.node_type() == web_sys::Node::TEXT_NODE {
        return Some(node.clone());
    }
    let children = node.child_nodes();
    (0..children.length()).find_map(|i| children.item(i).and_then(|c| first_text(&c)))
}

fn last_text(node: &web_sys::Node) -> Option<web_sys::Node> {
    if node.node_type() == web_sys::Node::TEXT_NODE {
        return Some(node.clone());
    }
    let children = node.child_nodes();
    (0..children.length())
        .rev()
        .find_map(|i| children.item(i).and_then(|c| last_text(&c)))
}

/// Drops the page's text selection (after it became a measure).
pub fn clear_selection() {
    if let Some(Ok(Some(selection))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = selection.remove_all_ranges();
    }
}

/// A broadcast channel between the tabs of one site (`BroadcastChannel`): [`Channel::announce`]
/// tells the others; what they announce calls `on_other`. Closed when dropped. `None` where
/// the browser has no broadcast channels (each tab then finds out at its next write, which
/// the storage refuses when another tab wrote since).
pub struct Channel {
    channel: web_sys::BroadcastChannel,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Channel {
    /// Joins the channel `name`.
    pub fn open(name: &str, on_other: yew::Callback<()>) -> Option<Channel> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| {
                on_other.emit(())
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Channel {
            channel,
            _on_message: on_message,
        })
    }

    /// Tells the other tabs that the kept workspace changed.
    pub fn announce(&self) {
        let _ = self.channel.post_message(&JsValue::from_str("changed"));
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
