//! The page's components, one per file: the app shell and the panels it lays out.
//!
//! Each takes cheap-to-clone props (`AttrValue`, `Rc`, the shared report) and reports what
//! the user did through `on<verb>` callbacks; none analyzes or keeps application state —
//! the app shell owns the one [`crate::ui::state::State`] and the connection to the engine.

pub mod app;
pub mod doc_list;
pub mod drop_zone;
pub mod evidence;
pub mod matrix;
pub mod paste_box;
pub mod status_bar;
