//! The interface's two languages: 中文 and English.
//!
//! Every label the page shows is written in both languages side by side in the code
//! (`tr(lang, "中文", "English")`), so a missing translation cannot happen and no lookup table
//! can drift. The starting language follows the browser (`navigator.language`: anything
//! beginning with `zh` is Chinese, the rest English); the toggle in the masthead switches it
//! and the choice is saved with the other settings. Messages that come from the engine
//! (why a file was refused) carry both languages and a kind (`cuoshi_core::error::Message`);
//! the page shows the one chosen.

use serde::{Deserialize, Serialize};

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language for a BCP 47 tag such as `zh-CN`, `zh-Hant-TW` or `en-US`.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The other language (what the toggle switches to).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The `lang` attribute of the page in this language.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::En => "en",
        }
    }

    /// The setting's stored value (`zh` / `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Reads a stored setting; unknown values give `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the text of this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// `zh` or `en`, whichever `lang` is.
pub fn tr<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    lang.pick(zh, en)
}

/// Picks between two owned texts (for labels with numbers in them).
pub fn trs(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_choose_the_language() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("ZH-hant-tw"), Lang::Zh);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag(""), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
    }

    #[test]
    fn codes_round_trip_and_pick() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(tr(Lang::Zh, "矩阵", "Matrix"), "矩阵");
        assert_eq!(tr(Lang::En, "矩阵", "Matrix"), "Matrix");
        assert_eq!(trs(Lang::En, "一".into(), "one".into()), "one");
    }
}
