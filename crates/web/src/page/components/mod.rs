//! The page's components, one per file: the app shell, the panels it lays out, and under
//! [`views`] the eight tabs that look at the corpus.
//!
//! Each takes cheap-to-clone props (`AttrValue`, `Rc`, the shared report) and reports what
//! the user did through `on<verb>` callbacks; none analyzes or keeps application state —
//! the app shell owns the one [`crate::page::state::State`] and the connection to the engine.
//! The interface language arrives through a Yew context ([`crate::page::i18n::Lang`]).

pub mod app;
pub mod bench_panel;
pub mod confidence_filter;
pub mod confirm_dialog;
pub mod corrections_panel;
pub mod doc_details;
pub mod doc_filter;
pub mod doc_list;
pub mod doc_pager;
pub mod drop_zone;
pub mod evidence;
pub mod lang_toggle;
pub mod measure_tools;
pub mod messages;
pub mod paste_box;
pub mod settings_panel;
pub mod status_bar;
pub mod tab_bar;
pub mod toolbar;
pub mod views;
pub mod workspace_panel;

use yew::prelude::*;

use crate::page::i18n::Lang;

/// The interface language from the app's context (Chinese outside an app).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// A callback that sends `make(x)` through `send`, made once per `send`. A closure made
/// anew at every render is a new callback, and a new callback in a child's props re-renders
/// that child: a status update would redraw every view.
#[hook]
pub fn use_sender<T: 'static>(
    send: &Callback<cuoshi_engine::protocol::Request>,
    make: fn(T) -> cuoshi_engine::protocol::Request,
) -> Callback<T> {
    let made = use_memo(send.clone(), move |send| {
        let send = send.clone();
        Callback::from(move |x: T| send.emit(make(x)))
    });
    (*made).clone()
}

/// A callback that dispatches `make(x)`, made once (see [`use_sender`]).
#[hook]
pub fn use_dispatch<T: 'static>(
    dispatcher: &UseReducerDispatcher<crate::page::state::State>,
    make: fn(T) -> crate::page::state::Action,
) -> Callback<T> {
    let made = use_memo(dispatcher.clone(), move |dispatcher| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |x: T| dispatcher.dispatch(make(x)))
    });
    (*made).clone()
}
