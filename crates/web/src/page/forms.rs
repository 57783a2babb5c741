//! What the user types into the page's forms, read into the core's types — and back.
//!
//! The document details form takes a date as one line of text (`2020-03-12`, `2020-03`,
//! `2020`, `03-12` or `????-03-12` when the year is unknown, `2020年3月12日`, `3月12日`) and
//! the settings panel takes a category's cues as `word:weight` items separated by commas
//! (`贷款:2, 融资:1.5, 减税`; a word without a weight weighs 1), loads dictionary and
//! stop-word files as UTF-8 (or UTF-16 with a byte-order mark) text, and edits the taxonomy
//! (rename, add, remove a category, set its cues) as the JSON text the engine receives. Each
//! reader refuses bad input with a bilingual message naming what is wrong, so the form can
//! show it and send nothing; nothing here panics. Plain Rust, tested natively.

use std::collections::BTreeMap;

use cuoshi_core::model::Date;
use cuoshi_core::settings::export_taxonomy;
use cuoshi_core::taxonomy::{Category, Taxonomy, INSTRUMENTS};

/// Reads a date typed by the user ([`Date::parse`]); an empty line is "no date" (clears it).
pub fn parse_date(text: &str) -> Result<Date, String> {
    let s = text.trim();
    if s.is_empty() {
        return Ok(Date::default());
    }
    Date::parse(s).ok_or_else(|| {
        format!(
            "无法识别日期“{s}”，请写成 2020-03-12、2020-03、2020 或 03-12（年份不详） / \
             The date “{s}” is not understood: write 2020-03-12, 2020-03, 2020 or 03-12 (year unknown)"
        )
    })
}

/// A date as the form shows it (what [`parse_date`] reads back).
pub fn format_date(date: &Date) -> String {
    date.display()
}

/// Reads a cue list: `word:weight` items separated by commas, semicolons, `、` or line
/// breaks; `：` works as the colon; a word alone weighs 1.
pub fn parse_cues(text: &str) -> Result<BTreeMap<String, f32>, String> {
    let mut out = BTreeMap::new();
    for item in text.split([',', '，', ';', '；', '、', '\n']) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let (word, weight) = match item.rsplit_once([':', '：']) {
            Some((word, weight)) => {
                let w = weight
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|w| w.is_finite() && *w >= 0.0);
                match w {
                    Some(w) => (word.trim(), w),
                    None => {
                        return Err(format!(
                            "线索“{item}”的权重须为非负数 / The cue “{item}” needs a weight that is a number ≥ 0"
                        ))
                    }
                }
            }
            None => (item, 1.0),
        };
        if word.is_empty() {
            return Err(format!(
                "线索“{item}”缺少词语 / The cue “{item}” has no word"
            ));
        }
        if word.chars().any(char::is_whitespace) {
            return Err(format!(
                "线索“{word}”含空格，请用逗号分隔 / The cue “{word}” holds a space: separate cues with commas"
            ));
        }
        out.insert(word.to_string(), weight);
    }
    Ok(out)
}

/// A cue list as the form shows it (what [`parse_cues`] reads back).
pub fn format_cues(cues: &BTreeMap<String, f32>) -> String {
    cues.iter()
        .map(|(word, weight)| format!("{word}:{weight}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The taxonomy being edited, read from its JSON text (not yet validated: the engine does
/// that when the settings are applied).
pub fn read_taxonomy(json: &str) -> Result<Taxonomy, String> {
    serde_json::from_str(json)
        .map_err(|e| format!("分类表不是有效的 JSON：{e} / The taxonomy is not valid JSON: {e}"))
}

/// One edit of the taxonomy in the settings panel.
#[derive(Clone, Debug, PartialEq)]
pub enum TaxonomyEdit {
    /// Give category `index` a new label.
    Rename { index: usize, label: String },
    /// Give category `index` new cues (the text of a cue list).
    Cues { index: usize, cues: String },
    /// Add a category at the end.
    Add {
        id: String,
        label: String,
        instrument: String,
    },
    /// Remove category `index`.
    Remove(usize),
}

/// Applies `edit` to the taxonomy JSON `json`; the new JSON, or why the edit was refused.
pub fn edit_taxonomy(json: &str, edit: TaxonomyEdit) -> Result<String, String> {
    let mut t = read_taxonomy(json)?;
    let missing = |i: usize| format!("没有第 {} 个分类 / There is no category {}", i + 1, i + 1);
    match edit {
        TaxonomyEdit::Rename { index, label } => {
            let label = label.trim();
            if label.is_empty() {
                return Err("分类名称不能为空 / A category needs a label".into());
            }
            t.categories
                .get_mut(index)
                .ok_or_else(|| missing(index))?
                .label = label.to_string();
        }
        TaxonomyEdit::Cues { index, cues } => {
            let cues = parse_cues(&cues)?;
            t.categories
                .get_mut(index)
                .ok_or_else(|| missing(index))?
                .cues = cues;
        }
        TaxonomyEdit::Add {
            id,
            label,
            instrument,
        } => {
            let (id, label) = (id.trim(), label.trim());
            if id.is_empty() || id.chars().any(char::is_whitespace) {
                return Err(
                    "分类 id 不能为空或含空格 / A category id must be one word, not empty".into(),
                );
            }
            if t.categories.iter().any(|c| c.id == id) {
                return Err(format!(
                    "分类 id “{id}” 已存在 / The category id “{id}” is taken"
                ));
            }
            if label.is_empty() {
                return Err("分类名称不能为空 / A category needs a label".into());
            }
            if !INSTRUMENTS.contains(&instrument.as_str()) {
                return Err(format!(
                    "政策工具“{instrument}”须为 supply、demand 或 environment / The instrument must be supply, demand or environment"
                ));
            }
            t.categories.push(Category {
                id: id.to_string(),
                label: label.to_string(),
                instrument,
                cues: BTreeMap::new(),
            });
        }
        TaxonomyEdit::Remove(index) => {
            if index >= t.categories.len() {
                return Err(missing(index));
            }
            if t.categories.len() == 1 {
                return Err("至少保留一个分类 / Keep at least one category".into());
            }
            t.categories.remove(index);
        }
    }
    Ok(export_taxonomy(&t))
}

/// Reads a dictionary or stop-word file the user loaded: UTF-8 (a BOM is dropped) or
/// UTF-16 with its BOM. Anything else is refused, naming the file.
pub fn read_text_file(name: &str, bytes: &[u8]) -> Result<String, String> {
    let utf16 = |bytes: &[u8], le: bool| {
        let units = bytes.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest).ok().map(String::from)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, true)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, false)
    } else {
        std::str::from_utf8(bytes).ok().map(String::from)
    };
    match text {
        Some(t) if !t.contains('\0') => Ok(t),
        _ => Err(format!(
            "“{name}”不是 UTF-8 文本，请另存为 UTF-8 后再载入 / “{name}” is not UTF-8 text: save it as UTF-8 and load it again"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuoshi_core::settings::default_taxonomy_json;

    fn date(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> Date {
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn dates_in_every_common_shape() {
        assert_eq!(
            parse_date("2020-03-12"),
            Ok(date(Some(2020), Some(3), Some(12)))
        );
        assert_eq!(
            parse_date(" 2020/3/12 "),
            Ok(date(Some(2020), Some(3), Some(12)))
        );
        assert_eq!(parse_date("2020-03"), Ok(date(Some(2020), Some(3), None)));
        assert_eq!(parse_date("2020"), Ok(date(Some(2020), None, None)));
        assert_eq!(parse_date("02-18"), Ok(date(None, Some(2), Some(18))));
        assert_eq!(parse_date("????-02-18"), Ok(date(None, Some(2), Some(18))));
        assert_eq!(
            parse_date("2020年2月12日"),
            Ok(date(Some(2020), Some(2), Some(12)))
        );
        assert_eq!(parse_date("2月18日"), Ok(date(None, Some(2), Some(18))));
        assert_eq!(
            parse_date("２０２０年３月"),
            Ok(date(Some(2020), Some(3), None))
        );
        assert_eq!(parse_date(""), Ok(Date::default()));
        for d in [
            date(Some(2020), Some(3), Some(12)),
            date(None, Some(2), Some(18)),
            date(Some(2022), None, None),
        ] {
            assert_eq!(parse_date(&format_date(&d)), Ok(d));
        }
    }

    #[test]
    fn bad_dates_are_refused_in_both_languages() {
        for bad in [
            "2020-13-01",
            "2020-02-32",
            "yesterday",
            "12",
            "1-2-3-4",
            "2020年十月",
            "99999-01",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert!(
                e.contains("无法识别") && e.contains("not understood") && e.contains(bad),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn cues_read_and_print() {
        let cues = parse_cues("贷款:2, 融资：1.5，减税\n 降费 ;").unwrap();
        assert_eq!(cues["贷款"], 2.0);
        assert_eq!(cues["融资"], 1.5);
        assert_eq!(cues["减税"], 1.0);
        assert_eq!(cues["降费"], 1.0);
        assert_eq!(parse_cues(&format_cues(&cues)).unwrap(), cues);
        assert!(parse_cues("").unwrap().is_empty());
        for bad in ["贷款:-1", "贷款:x", ":2", "两 个:1"] {
            let e = parse_cues(bad).unwrap_err();
            assert!(e.contains(" / "), "bilingual: {e}");
        }
    }

    #[test]
    fn taxonomy_edits_give_json_the_core_accepts() {
        let json = default_taxonomy_json();
        let n = read_taxonomy(&json).unwrap().categories.len();
        let json = edit_taxonomy(
            &json,
            TaxonomyEdit::Rename {
                index: 0,
                label: "防疫措施".into(),
            },
        )
        .unwrap();
        let json = edit_taxonomy(
            &json,
            TaxonomyEdit::Add {
                id: "digital".into(),
                label: "数字政务".into(),
                instrument: "environment".into(),
            },
        )
        .unwrap();
        let json = edit_taxonomy(
            &json,
            TaxonomyEdit::Cues {
                index: n,
                cues: "一网通办:2, 健康码".into(),
            },
        )
        .unwrap();
        let json = edit_taxonomy(&json, TaxonomyEdit::Remove(1)).unwrap();
        let t = Taxonomy::from_json(&json).expect("valid for the core");
        assert_eq!(t.categories.len(), n);
        assert_eq!(t.categories[0].label, "防疫措施");
        let digital = t.get("digital").unwrap();
        assert_eq!(digital.cues["一网通办"], 2.0);
        // Refusals change nothing and say why.
        assert!(edit_taxonomy(
            &json,
            TaxonomyEdit::Rename {
                index: 0,
                label: " ".into()
            }
        )
        .is_err());
        assert!(edit_taxonomy(
            &json,
            TaxonomyEdit::Rename {
                index: 99,
                label: "x".into()
            }
        )
        .is_err());
        let taken = TaxonomyEdit::Add {
            id: "digital".into(),
            label: "x".into(),
            instrument: "supply".into(),
        };
        assert!(edit_taxonomy(&json, taken).unwrap_err().contains("digital"));
        let instrument = TaxonomyEdit::Add {
            id: "x".into(),
            label: "x".into(),
            instrument: "magic".into(),
        };
        assert!(edit_taxonomy(&json, instrument).is_err());
        assert!(edit_taxonomy(
            &json,
            TaxonomyEdit::Cues {
                index: 0,
                cues: "a:-2".into()
            }
        )
        .is_err());
        assert!(edit_taxonomy("{not json", TaxonomyEdit::Remove(0))
            .unwrap_err()
            .contains("JSON"));
        let one = r#"[{"id":"a","label":"甲","instrument":"supply"}]"#;
        assert!(edit_taxonomy(one, TaxonomyEdit::Remove(0)).is_err());
    }

    #[test]
    fn text_files_are_utf8_or_utf16_with_a_bom() {
        assert_eq!(
            read_text_file("d.txt", "复工复产 3 n\n".as_bytes()).unwrap(),
            "复工复产 3 n\n"
        );
        assert_eq!(read_text_file("d.txt", b"\xEF\xBB\xBFab").unwrap(), "ab");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("疫情".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read_text_file("s.txt", &utf16).unwrap(), "疫情");
        let gbk = b"\xd2\xdf\xc7\xe9";
        let e = read_text_file("gbk.txt", gbk).unwrap_err();
        assert!(e.contains("gbk.txt") && e.contains("UTF-8"), "{e}");
        assert!(read_text_file("png.txt", b"\x89PNG\r\n\x1a\n\0\0").is_err());
    }
}
