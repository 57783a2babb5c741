//! The language toggle: one button that switches the interface between 中文 and English.
//!
//! It shows the language it switches *to*, written in that language, so a reader who does
//! not know the current one still finds it.

use yew::prelude::*;

use crate::page::i18n::Lang;
use crate::page::state::Action;

#[derive(Properties, Clone, PartialEq)]
pub struct LangToggleProps {
    pub lang: Lang,
    pub onaction: Callback<Action>,
}

#[component]
pub fn LangToggle(props: &LangToggleProps) -> Html {
    let other = props.lang.other();
    let onclick = {
        let onaction = props.onaction.clone();
        Callback::from(move |_: MouseEvent| onaction.emit(Action::SetLang(other)))
    };
    let (label, title) = match other {
        Lang::Zh => ("中文", "切换到中文界面 / Switch to Chinese"),
        Lang::En => ("English", "Switch to English / 切换到英文界面"),
    };
    html! {
        <button type="button" class="btn btn-secondary lang-toggle" data-testid="lang-toggle"
                lang={other.tag()} title={title} aria-label={title} {onclick}>
            { label }
        </button>
    }
}
