//! One document's details, opened from its entry in the document list: how its input was
//! read and cleaned, and the metadata the user can correct.
//!
//! It shows the encoding the bytes were decoded with and the script of the text, with a
//! select that decodes the document again in another encoding (or by detection again); the
//! warnings of the cleaner; every line the cleaner removed, each with a button that puts it
//! back when it can be put back, and a reset that undoes every restore; and a form for the
//! title, date, source, place, kind, issuer and document number. Each change goes to the engine, which analyzes the
//! document again under the same id (so every view and export follows) and keeps the change
//! in the saved workspace. The form reads the date with [`crate::page::forms::parse_date`] and
//! refuses what it cannot read with a bilingual message, sending nothing; only the fields
//! the user changed are sent, so the others keep following the analysis.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::use_lang;
use crate::page::forms;
use crate::page::i18n::{tr, trs};
use crate::page::state::SharedReport;
use crate::page::view;
use cuoshi_core::corpus::MetaEdit;
use cuoshi_core::decode::ENCODINGS;
use cuoshi_core::structure::DocKind;
use cuoshi_engine::protocol::DocChoices;

/// How many characters of a removed line are shown (the whole line is its tooltip).
const REMOVED_PREVIEW: usize = 140;

#[derive(Properties, Clone, PartialEq)]
pub struct DocDetailsProps {
    pub report: SharedReport,
    /// The document shown.
    pub id: AttrValue,
    /// What the user chose for its input (forced encoding, restored lines).
    #[prop_or_default]
    pub choices: DocChoices,
    /// Called with the document and an encoding label (`None`: detect again).
    pub onredecode: Callback<(AttrValue, Option<String>)>,
    /// Called with the document and the index of the removed line to put back.
    pub onrestore: Callback<(AttrValue, usize)>,
    /// Called to undo every restored line of the document.
    pub onreset: Callback<AttrValue>,
    /// Called with the document and the metadata fields the user changed.
    pub onsave: Callback<(AttrValue, MetaEdit)>,
    /// Called to close the details.
    pub onclose: Callback<()>,
}

#[component]
pub fn DocDetails(props: &DocDetailsProps) -> Html {
    let lang = use_lang();
    let error = use_state_eq(|| None::<String>);
    let title_ref = use_node_ref();
    let date_ref = use_node_ref();
    let source_ref = use_node_ref();
    let place_ref = use_node_ref();
    let kind_ref = use_node_ref();
    let issuer_ref = use_node_ref();
    let number_ref = use_node_ref();
    let Some(doc) = props
        .report
        .documents
        .iter()
        .find(|d| d.id == props.id.as_str())
    else {
        return Html::default();
    };
    let id = props.id.clone();
    let field_id = |name: &str| format!("{name}-{id}");

    let onencoding = {
        let cb = props.onredecode.clone();
        let id = id.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            cb.emit((id.clone(), Some(value).filter(|v| v != "auto")));
        })
    };
    let chosen = props
        .choices
        .encoding
        .clone()
        .unwrap_or_else(|| "auto".into());
    let options = ENCODINGS.iter().map(|(label, name)| {
        html! { <option value={*label} selected={chosen == *label}>{ *name }</option> }
    });
    let script = if doc.script == "traditional" {
        tr(lang, "繁体", "Traditional")
    } else {
        tr(lang, "简体", "Simplified")
    };

    let removed = doc.removed.iter().enumerate().map(|(i, line)| {
        let restorable = doc.removed_lines.get(i).copied().flatten().is_some();
        let onclick = {
            let cb = props.onrestore.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| cb.emit((id.clone(), i)))
        };
        let preview = view::truncate(line, REMOVED_PREVIEW);
        html! {
            <li class="removed-line" data-testid="removed-line" key={i}>
                <span class="removed-text" title={line.clone()}>{ preview.clone() }</span>
                if restorable {
                    <button type="button" class="btn btn-quiet btn-small" data-testid="restore-line" {onclick}
                            aria-label={format!("{}：{}", tr(lang, "恢复此行", "Restore this line"), view::truncate(line, 40))}>
                        { tr(lang, "恢复", "Restore") }
                    </button>
                } else {
                    <span class="removed-fixed" title={tr(lang, "前言、分页标记等无法恢复", "Front matter and page markers cannot be restored")}>
                        { tr(lang, "不可恢复", "Fixed") }
                    </span>
                }
            </li>
        }
    });
    let onreset = {
        let cb = props.onreset.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
    };

    let meta = &doc.meta;
    let current = [
        meta.title.clone().unwrap_or_default(),
        forms::format_date(&meta.date),
        meta.source.clone().unwrap_or_default(),
        meta.place.clone().unwrap_or_default(),
        meta.kind.clone().unwrap_or_default(),
        meta.issuer.join("、"),
        meta.doc_number.clone().unwrap_or_default(),
    ];
    let onsubmit = {
        let cb = props.onsave.clone();
        let id = id.clone();
        let error = error.clone();
        let refs = [
            title_ref.clone(),
            date_ref.clone(),
            source_ref.clone(),
            place_ref.clone(),
            kind_ref.clone(),
            issuer_ref.clone(),
            number_ref.clone(),
        ];
        let current = current.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let values: Vec<String> = refs
                .iter()
                .map(|r| {
                    (r.cast::<HtmlInputElement>().map(|i| i.value()))
                        .or_else(|| r.cast::<HtmlSelectElement>().map(|s| s.value()))
                        .unwrap_or_default()
                })
                .collect();
            let changed =
                |i: usize| Some(values[i].trim().to_string()).filter(|v| *v != current[i].trim());
            let date = match changed(1).map(|d| forms::parse_date(&d)).transpose() {
                Ok(date) => date,
                Err(message) => return error.set(Some(message)),
            };
            error.set(None);
            let edit = MetaEdit {
                title: changed(0),
                date,
                source: changed(2),
                place: changed(3),
                kind: changed(4),
                issuer: changed(5),
                doc_number: changed(6),
            };
            if edit != MetaEdit::default() {
                cb.emit((id.clone(), edit));
            }
        })
    };
    let onclose = {
        let cb = props.onclose.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let text_field = |name: &'static str,
                      zh: &'static str,
                      en: &'static str,
                      value: &String,
                      node: &NodeRef,
                      hint: &'static str| {
        let fid = field_id(name);
        html! {
            <div class="meta-field">
                <label for={fid.clone()}>{ tr(lang, zh, en) }</label>
                <input id={fid} type="text" class="input" data-testid={name} ref={node.clone()}
                       value={value.clone()} placeholder={hint} autocomplete="off" />
            </div>
        }
    };
    let date_hint = tr(lang, "2020-03-12 或 03-12", "2020-03-12 or 03-12");
    let kinds = DocKind::ALL.into_iter().map(|k| {
        let (zh, en) = k.names();
        html! { <option value={k.as_str()} selected={current[4] == k.as_str()}>{ tr(lang, zh, en) }</option> }
    });

    html! {
        <div class="doc-details" data-testid="doc-details" data-doc={id.clone()} id={field_id("details")}
             role="region" aria-label={format!("{}：{}", tr(lang, "文档详情", "Document details"), view::doc_title(doc))}>
            <div class="details-head">
                <dl class="detail-facts">
                    <div><dt>{ tr(lang, "编码", "Encoding") }</dt><dd data-testid="doc-encoding">{ &doc.encoding }</dd></div>
                    <div><dt>{ tr(lang, "文字", "Script") }</dt><dd data-testid="doc-script">{ script }</dd></div>
                    <div><dt>{ tr(lang, "正文", "Text") }</dt>
                        <dd>{ trs(lang, format!("{} 字", doc.text.chars().count()), format!("{} chars", doc.text.chars().count())) }</dd></div>
                </dl>
                <button type="button" class="btn btn-quiet btn-small" data-testid="details-close" onclick={onclose}
                        aria-label={tr(lang, "收起详情", "Close the details")}>
                    { tr(lang, "收起", "Close") }
                </button>
            </div>

            <div class="details-row">
                <label class="field-label" for={field_id("encoding")}>
                    { tr(lang, "以其他编码重新读取", "Read again in another encoding") }
                </label>
                <select id={field_id("encoding")} class="select select-small" data-testid="encoding-select" onchange={onencoding}>
                    <option value="auto" selected={chosen == "auto"}>
                        { tr(lang, "自动识别", "Detect automatically") }
                    </option>
                    { for options }
                </select>
            </div>

            if !doc.warnings.is_empty() {
                <h3 class="details-title">{ tr(lang, "提示", "Warnings") }</h3>
                <ul class="details-warnings">
                    { for doc.warnings.iter().map(|w| html! { <li data-testid="detail-warning">{ w }</li> }) }
                </ul>
            }

            <h3 class="details-title">
                { tr(lang, "清理时删除的行", "Lines removed by cleaning") }
                <span class="count">{ doc.removed.len() }</span>
            </h3>
            if doc.removed.is_empty() {
                <p class="hint">{ tr(lang, "没有删除任何行", "Nothing was removed") }</p>
            } else {
                <ol class="removed-list">{ for removed }</ol>
            }
            if props.choices.restored > 0 {
                <div class="row-end">
                    <button type="button" class="btn btn-quiet btn-small" data-testid="reset-lines" onclick={onreset}>
                        { trs(lang, format!("撤销恢复（{} 行）", props.choices.restored),
                              format!("Undo restores ({} lines)", props.choices.restored)) }
                    </button>
                </div>
            }

            <form class="meta-form" {onsubmit} data-testid="meta-form">
                <fieldset>
                    <legend class="details-title">{ tr(lang, "元数据", "Metadata") }</legend>
                    { text_field("meta-title", "标题", "Title", &current[0], &title_ref, "") }
                    { text_field("meta-date", "日期", "Date", &current[1], &date_ref, date_hint) }
                    { text_field("meta-source", "来源", "Source", &current[2], &source_ref, "") }
                    { text_field("meta-place", "地区", "Place", &current[3], &place_ref, "") }
                    <div class="meta-field">
                        <label for={field_id("meta-kind")}>{ tr(lang, "类型", "Kind") }</label>
                        <select id={field_id("meta-kind")} class="select select-small" data-testid="meta-kind" ref={kind_ref.clone()}>
                            <option value="" selected={current[4].is_empty()}>{ tr(lang, "未知", "Unknown") }</option>
                            { for kinds }
                        </select>
                    </div>
                    { text_field("meta-issuer", "发文机关", "Issuer", &current[5], &issuer_ref, "") }
                    { text_field("meta-number", "文号", "Document number", &current[6], &number_ref, "") }
                    <p class="hint">{ tr(lang, "留空即清除该项；年份不详可写 03-12。", "Leave a field empty to clear it; write 03-12 when the year is unknown.") }</p>
                    if let Some(message) = &*error {
                        <p class="form-error" role="alert" data-testid="meta-error">{ message }</p>
                    }
                    <div class="row-end">
                        <button type="submit" class="btn btn-primary btn-small" data-testid="meta-save">
                            { tr(lang, "保存元数据", "Save metadata") }
                        </button>
                    </div>
                </fieldset>
            </form>
        </div>
    }
}
