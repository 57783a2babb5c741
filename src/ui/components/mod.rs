//! The page's components, one per file: the app shell, the panels it lays out, and under
//! [`views`] the eight tabs that look at the corpus.
//!
//! Each takes cheap-to-clone props (`AttrValue`, `Rc`, the shared report) and reports what
//! the user did through `on<verb>` callbacks; none analyzes or keeps application state —
//! the app shell owns the one [`crate::ui::state::State`] and the connection to the engine.
//! The interface language arrives through a Yew context ([`crate::ui::i18n::Lang`]).

pub mod app;
pub mod bench_panel;
pub mod confirm_dialog;
pub mod corrections_panel;
pub mod doc_details;
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

use crate::ui::i18n::Lang;

/// The interface language from the app's context (Chinese outside an app).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
