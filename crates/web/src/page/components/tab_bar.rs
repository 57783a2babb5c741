//! The tab bar: the eight views of the corpus, as an ARIA tablist.
//!
//! Each tab is a button `data-testid="tab-<name>"`; Left/Right (and Home/End) move between
//! tabs, as users of tablists expect.

use yew::prelude::*;

use super::use_lang;
use crate::page::i18n::tr;
use crate::page::state::{Action, Tab};

#[derive(Properties, Clone, PartialEq)]
pub struct TabBarProps {
    pub tab: Tab,
    pub onaction: Callback<Action>,
}

#[component]
pub fn TabBar(props: &TabBarProps) -> Html {
    let lang = use_lang();
    let current = props.tab;
    let onkeydown = {
        let onaction = props.onaction.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = Tab::ALL.iter().position(|t| *t == current).unwrap_or(0);
            let n = Tab::ALL.len();
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % n,
                "ArrowLeft" => (i + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            onaction.emit(Action::SetTab(Tab::ALL[next]));
            // Move focus with the selection.
            if let Some(button) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&format!("tab-{}", Tab::ALL[next].name())))
            {
                use wasm_bindgen::JsCast;
                if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let tabs = Tab::ALL.iter().map(|&tab| {
        let selected = tab == current;
        let onclick = {
            let onaction = props.onaction.clone();
            Callback::from(move |_: MouseEvent| onaction.emit(Action::SetTab(tab)))
        };
        let (zh, en) = tab.label();
        html! {
            <button type="button" role="tab" id={format!("tab-{}", tab.name())}
                    class={classes!("tab", selected.then_some("is-active"))}
                    data-testid={format!("tab-{}", tab.name())}
                    aria-selected={selected.to_string()} aria-controls="view-panel"
                    tabindex={if selected { "0" } else { "-1" }} {onclick}>
                { tr(lang, zh, en) }
            </button>
        }
    });
    html! {
        <div class="tabs" role="tablist" aria-label={tr(lang, "视图", "Views")} {onkeydown}>
            { for tabs }
        </div>
    }
}
