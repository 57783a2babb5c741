//! The message banner: what the browser's storage refused, and what the engine could not do
//! (a correction it refused, an export that failed, a workspace file it could not read).
//!
//! Each message carries both languages (from the engine or the storage layer); the banner
//! shows the one the user chose. Messages stay until dismissed; nothing else on the page is lost because of them.

use std::rc::Rc;

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::{tr, Lang};
use crate::page::state::Action;
use cuoshi_core::error::Message;

#[derive(Properties, Clone, PartialEq)]
pub struct MessagesProps {
    pub storage: Option<Message>,
    pub messages: Rc<[Message]>,
    pub onaction: Callback<Action>,
}

#[component]
pub fn Messages(props: &MessagesProps) -> Html {
    let lang = use_lang();
    let zh = lang == Lang::Zh;
    if props.storage.is_none() && props.messages.is_empty() {
        return html! {};
    }
    let ondismiss = {
        let onaction = props.onaction.clone();
        Callback::from(move |_: MouseEvent| {
            onaction.emit(Action::DismissMessages);
            onaction.emit(Action::Storage(None));
        })
    };
    html! {
        <div class="messages" role="alert" data-testid="messages">
            if let Some(storage) = &props.storage {
                <p class="message message-storage" data-testid="storage-message" data-kind={storage.kind.clone()}>{ storage.text(zh) }</p>
            }
            { for props.messages.iter().map(|m| html! { <p class="message" data-kind={m.kind.clone()}>{ m.text(zh) }</p> }) }
            <button type="button" class="btn btn-quiet" onclick={ondismiss}>
                { tr(lang, "知道了", "Dismiss") }
            </button>
        </div>
    }
}
