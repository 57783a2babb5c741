//! The settings panel: the user's own lexicons — the measure taxonomy, words added to the
//! segmentation dictionary, and stop words — edited, loaded from files, saved as files and
//! applied to the whole corpus.
//!
//! The panel is a modal dialog opened from the masthead. It starts from the lexicons in
//! force, which the engine sends when the panel opens, and edits drafts of the three texts:
//! the taxonomy as a list of categories (rename one, edit its `word:weight` cues, remove it,
//! add one with its id, label and instrument type — each edit rewrites the taxonomy JSON
//! through [`crate::page::forms::edit_taxonomy`]) or as raw JSON, the dictionary
//! (`word freq tag` lines) and the stop words (one a line) as text. Each of the three loads
//! from a file and saves to `taxonomy.json`, `dict.txt`, `stopwords.txt`. "Apply" sends the
//! drafts to the engine, which validates all three before it changes anything and analyzes
//! every document again; a refusal comes back as a bilingual message shown here, and the
//! drafts stay as typed so the user can fix them. Local mistakes (a cue weight that is not a
//! number, a file that is not UTF-8 text) are refused at once with their own message.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_lang;
use crate::page::forms::{self, TaxonomyEdit};
use crate::page::i18n::{tr, Lang};
use crate::page::{files, view};
use cuoshi_core::error::Message;
use cuoshi_core::settings::{
    default_taxonomy_json, AnalyzerSettings, DICTIONARY_FILE, STOPWORDS_FILE, TAXONOMY_FILE,
};
use cuoshi_core::taxonomy::INSTRUMENTS;
use cuoshi_engine::protocol::FileOut;

#[derive(Properties, Clone, PartialEq)]
pub struct SettingsPanelProps {
    /// The lexicons in force (`None` until the engine sends them).
    pub lexicons: Option<Rc<AnalyzerSettings>>,
    /// Why the last lexicons applied were refused (bilingual).
    pub error: Option<Message>,
    /// True while the engine works: "apply" waits.
    pub busy: bool,
    /// Called with the lexicons to apply.
    pub onapply: Callback<AnalyzerSettings>,
    /// Called with a file to save (taxonomy, dictionary or stop words).
    pub onsave: Callback<FileOut>,
    /// Called to close the panel.
    pub onclose: Callback<()>,
}

/// Which of the three lexicons a file or an export is.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Taxonomy,
    Dictionary,
    StopWords,
}

impl Part {
    fn file(self) -> (&'static str, &'static str) {
        match self {
            Part::Taxonomy => (TAXONOMY_FILE, "application/json"),
            Part::Dictionary => (DICTIONARY_FILE, "text/plain;charset=utf-8"),
            Part::StopWords => (STOPWORDS_FILE, "text/plain;charset=utf-8"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Part::Taxonomy => "taxonomy",
            Part::Dictionary => "dict",
            Part::StopWords => "stopwords",
        }
    }
}

/// The three drafts being edited.
#[derive(Clone, Default, PartialEq)]
struct Drafts {
    taxonomy: String,
    dictionary: String,
    stopwords: String,
}

impl Drafts {
    fn from(lexicons: &AnalyzerSettings) -> Drafts {
        Drafts {
            taxonomy: lexicons
                .taxonomy
                .clone()
                .unwrap_or_else(default_taxonomy_json),
            dictionary: lexicons.dictionary.clone(),
            stopwords: lexicons.stopwords.clone(),
        }
    }

    fn get(&self, part: Part) -> &String {
        match part {
            Part::Taxonomy => &self.taxonomy,
            Part::Dictionary => &self.dictionary,
            Part::StopWords => &self.stopwords,
        }
    }

    fn with(&self, part: Part, text: String) -> Drafts {
        let mut next = self.clone();
        match part {
            Part::Taxonomy => next.taxonomy = text,
            Part::Dictionary => next.dictionary = text,
            Part::StopWords => next.stopwords = text,
        }
        next
    }
}

fn instrument_name(lang: Lang, instrument: &str) -> &'static str {
    let (zh, en) = view::instrument_label(instrument);
    if zh.is_empty() {
        return "—";
    }
    tr(lang, zh, en)
}

#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let lang = use_lang();
    let drafts = use_state(Drafts::default);
    let local_error = use_state_eq(|| None::<Message>);
    let dialog_ref = use_node_ref();
    let new_id = use_node_ref();
    let new_label = use_node_ref();
    let new_instrument = use_node_ref();

    // The drafts start from the lexicons in force, and follow them when they change (a
    // refused "apply" leaves them as they were, and so keeps what the user typed).
    {
        let drafts = drafts.clone();
        use_effect_with(props.lexicons.clone(), move |lexicons| {
            if let Some(l) = lexicons {
                drafts.set(Drafts::from(l));
            }
        });
    }
    {
        let dialog_ref = dialog_ref.clone();
        use_effect_with((), move |_| {
            if let Some(d) = dialog_ref.cast::<HtmlElement>() {
                let _ = d.focus();
            }
        });
    }

    let edit = {
        let drafts = drafts.clone();
        let local_error = local_error.clone();
        Callback::from(move |edit: TaxonomyEdit| {
            match forms::edit_taxonomy(&drafts.taxonomy, edit) {
                Ok(json) => {
                    local_error.set(None);
                    drafts.set(drafts.with(Part::Taxonomy, json));
                }
                Err(e) => local_error.set(Some(Message::split("settings_form", &e))),
            }
        })
    };
    let set_text = |part: Part| {
        let drafts = drafts.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            drafts.set(drafts.with(part, area.value()));
        })
    };
    let load = |part: Part| {
        let drafts = drafts.clone();
        let local_error = local_error.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let picked = files::from_list(input.files());
            input.set_value("");
            let Some(file) = picked.into_iter().next() else {
                return;
            };
            let drafts = drafts.clone();
            let local_error = local_error.clone();
            spawn_local(async move {
                let (payloads, refused) = files::read_all(vec![file]).await;
                if let Some(e) = refused.into_iter().next() {
                    return local_error.set(Some(e.text.about(&e.name)));
                }
                let Some(payload) = payloads.into_iter().next() else {
                    return;
                };
                match forms::read_text_file(&payload.name, &payload.bytes) {
                    Ok(text) => {
                        local_error.set(None);
                        drafts.set(drafts.with(part, text));
                    }
                    Err(e) => local_error.set(Some(Message::split("settings_form", &e))),
                }
            });
        })
    };
    let export = |part: Part| {
        let drafts = drafts.clone();
        let onsave = props.onsave.clone();
        Callback::from(move |_: MouseEvent| {
            let (name, mime) = part.file();
            onsave.emit(FileOut {
                name: name.into(),
                mime: mime.into(),
                bytes: drafts.get(part).clone().into_bytes(),
            });
        })
    };
    let file_tools = |part: Part, accept: &'static str| {
        let id = format!("{}-input", part.name());
        html! {
            <div class="settings-tools">
                <input id={id.clone()} class="visually-hidden" type="file" accept={accept}
                       data-testid={id.clone()} onchange={load(part)} />
                <label class="btn btn-secondary btn-small" for={id}>{ tr(lang, "载入文件", "Load a file") }</label>
                <button type="button" class="btn btn-secondary btn-small" data-testid={format!("{}-export", part.name())}
                        onclick={export(part)}>
                    { format!("{} {}", tr(lang, "导出", "Export"), part.file().0) }
                </button>
            </div>
        }
    };

    // The taxonomy as a list of categories, when its JSON can be read.
    let parsed = forms::read_taxonomy(&drafts.taxonomy);
    let categories = match &parsed {
        Ok(t) => {
            let rows = t.categories.iter().enumerate().map(|(index, c)| {
                let onlabel = {
                    let edit = edit.clone();
                    Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        edit.emit(TaxonomyEdit::Rename { index, label: input.value() });
                    })
                };
                let oncues = {
                    let edit = edit.clone();
                    Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        edit.emit(TaxonomyEdit::Cues { index, cues: input.value() });
                    })
                };
                let onremove = {
                    let edit = edit.clone();
                    Callback::from(move |_: MouseEvent| edit.emit(TaxonomyEdit::Remove(index)))
                };
                let label_id = format!("cat-label-{index}");
                let cues_id = format!("cat-cues-{index}");
                html! {
                    <li class="category-row" data-testid="category-row" data-category={c.id.clone()} key={c.id.clone()}>
                        <div class="category-head">
                            <code class="category-id">{ &c.id }</code>
                            <span class={classes!("tag", format!("tag-{}", c.instrument))}>{ instrument_name(lang, &c.instrument) }</span>
                            <button type="button" class="btn btn-quiet btn-small category-remove" data-testid="category-remove"
                                    onclick={onremove} aria-label={format!("{} {}", tr(lang, "删除分类", "Remove category"), c.label)}>
                                { tr(lang, "删除", "Remove") }
                            </button>
                        </div>
                        <label class="field-label" for={label_id.clone()}>{ tr(lang, "名称", "Label") }</label>
                        <input id={label_id} type="text" class="input" data-testid="category-label"
                               value={c.label.clone()} onchange={onlabel} />
                        <label class="field-label" for={cues_id.clone()}>
                            { tr(lang, "线索词（词:权重，逗号分隔）", "Cues (word:weight, comma separated)") }
                        </label>
                        <input id={cues_id} type="text" class="input input-cues" data-testid="category-cues"
                               value={forms::format_cues(&c.cues)} onchange={oncues} />
                    </li>
                }
            });
            html! { <ol class="category-list">{ for rows }</ol> }
        }
        Err(e) => html! {
            <p class="form-error" role="alert">
                { tr(lang, "无法以列表编辑，请在下方 JSON 中修正：", "Cannot be edited as a list; fix the JSON below: ") }{ e }
            </p>
        },
    };
    let onadd = {
        let edit = edit.clone();
        let refs = (new_id.clone(), new_label.clone(), new_instrument.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let id = refs.0.cast::<HtmlInputElement>();
            let label = refs.1.cast::<HtmlInputElement>();
            let instrument = refs
                .2
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let (Some(id), Some(label)) = (id, label) else {
                return;
            };
            edit.emit(TaxonomyEdit::Add {
                id: id.value(),
                label: label.value(),
                instrument,
            });
            id.set_value("");
            label.set_value("");
        })
    };
    let ondefault = {
        let drafts = drafts.clone();
        Callback::from(move |_: MouseEvent| {
            drafts.set(drafts.with(Part::Taxonomy, default_taxonomy_json()))
        })
    };
    let onapply = {
        let drafts = drafts.clone();
        let onapply = props.onapply.clone();
        let local_error = local_error.clone();
        Callback::from(move |_: MouseEvent| {
            local_error.set(None);
            onapply.emit(AnalyzerSettings {
                taxonomy: Some(drafts.taxonomy.clone()),
                dictionary: drafts.dictionary.clone(),
                stopwords: drafts.stopwords.clone(),
            });
        })
    };
    let onclose = {
        let cb = props.onclose.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onkeydown = {
        let cb = props.onclose.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cb.emit(());
            }
        })
    };
    let applied = props.lexicons.as_deref().map(Drafts::from);
    let changed = applied.as_ref() != Some(&*drafts);
    let error = (*local_error).clone().or_else(|| props.error.clone());
    let count = parsed.as_ref().map_or(0, |t| t.categories.len());

    html! {
        <div class="dialog-backdrop settings-backdrop">
            <section class="dialog settings-panel" role="dialog" aria-modal="true" aria-labelledby="settings-title"
                     data-testid="settings" tabindex="-1" ref={dialog_ref} {onkeydown}>
                <header class="settings-head">
                    <div>
                        <h2 id="settings-title">{ tr(lang, "分析设置", "Analysis settings") }</h2>
                        <p class="hint">{ tr(lang, "分类表、自定义词典与停用词；应用后将重新分析全部文档。",
                                             "Taxonomy, dictionary and stop words; applying them analyzes every document again.") }</p>
                    </div>
                    <button type="button" class="btn btn-icon" data-testid="settings-close" onclick={onclose.clone()}
                            title={tr(lang, "关闭", "Close")} aria-label={tr(lang, "关闭设置", "Close the settings")}>
                        { "✕" }
                    </button>
                </header>
                if props.lexicons.is_none() {
                    <p class="hint settings-loading">{ tr(lang, "正在读取当前设置…", "Reading the settings in force…") }</p>
                }
                <div class="settings-body">
                    <section class="settings-section" aria-labelledby="taxonomy-heading">
                        <div class="settings-section-head">
                            <h3 id="taxonomy-heading">{ tr(lang, "分类表", "Taxonomy") }<span class="count">{ count }</span></h3>
                            { file_tools(Part::Taxonomy, ".json,application/json") }
                        </div>
                        { categories }
                        <form class="category-add" onsubmit={onadd} aria-label={tr(lang, "新增分类", "Add a category")}>
                            <div class="meta-field">
                                <label for="new-cat-id">{ tr(lang, "新分类 id", "New category id") }</label>
                                <input id="new-cat-id" type="text" class="input" data-testid="category-new-id" ref={new_id}
                                       placeholder="digital" autocomplete="off" />
                            </div>
                            <div class="meta-field">
                                <label for="new-cat-label">{ tr(lang, "名称", "Label") }</label>
                                <input id="new-cat-label" type="text" class="input" data-testid="category-new-label" ref={new_label}
                                       placeholder={tr(lang, "数字政务", "Digital government")} autocomplete="off" />
                            </div>
                            <div class="meta-field">
                                <label for="new-cat-instrument">{ tr(lang, "政策工具", "Instrument") }</label>
                                <select id="new-cat-instrument" class="select" data-testid="category-new-instrument" ref={new_instrument}>
                                    { for INSTRUMENTS.iter().map(|i| html! { <option value={*i}>{ instrument_name(lang, i) }</option> }) }
                                </select>
                            </div>
                            <button type="submit" class="btn btn-secondary btn-small" data-testid="category-add">
                                { tr(lang, "新增分类", "Add category") }
                            </button>
                        </form>
                        <details class="settings-json" open={parsed.is_err()}>
                            <summary>{ tr(lang, "以 JSON 编辑", "Edit as JSON") }</summary>
                            <label class="visually-hidden" for="taxonomy-json">{ tr(lang, "分类表 JSON", "Taxonomy JSON") }</label>
                            <textarea id="taxonomy-json" class="mono" rows="10" data-testid="taxonomy-json" spellcheck="false"
                                      value={drafts.taxonomy.clone()} oninput={set_text(Part::Taxonomy)} />
                            <div class="row-end">
                                <button type="button" class="btn btn-quiet btn-small" data-testid="taxonomy-default" onclick={ondefault}>
                                    { tr(lang, "恢复默认分类表", "Back to the default taxonomy") }
                                </button>
                            </div>
                        </details>
                    </section>

                    <section class="settings-section" aria-labelledby="dict-heading">
                        <div class="settings-section-head">
                            <h3 id="dict-heading">{ tr(lang, "自定义词典", "User dictionary") }</h3>
                            { file_tools(Part::Dictionary, ".txt,.dict,text/plain") }
                        </div>
                        <label class="field-label" for="dict-text">
                            { tr(lang, "每行一个词：词语 [词频] [词性]，# 开头为注释", "One word a line: word [freq] [tag]; # starts a comment") }
                        </label>
                        <textarea id="dict-text" class="mono" rows="5" data-testid="dict-text" spellcheck="false"
                                  placeholder="复工复产 20 n" value={drafts.dictionary.clone()} oninput={set_text(Part::Dictionary)} />
                    </section>

                    <section class="settings-section" aria-labelledby="stopwords-heading">
                        <div class="settings-section-head">
                            <h3 id="stopwords-heading">{ tr(lang, "停用词", "Stop words") }</h3>
                            { file_tools(Part::StopWords, ".txt,text/plain") }
                        </div>
                        <label class="field-label" for="stopwords-text">
                            { tr(lang, "每行一个词，关键词统计将略去这些词", "One word a line; keywords leave them out") }
                        </label>
                        <textarea id="stopwords-text" class="mono" rows="5" data-testid="stopwords-text" spellcheck="false"
                                  placeholder="疫情" value={drafts.stopwords.clone()} oninput={set_text(Part::StopWords)} />
                    </section>
                </div>
                <footer class="settings-foot">
                    if let Some(message) = &error {
                        <p class="form-error" role="alert" data-testid="settings-error" data-kind={message.kind.clone()}>{ message.text(lang == Lang::Zh) }</p>
                    }
                    <div class="dialog-actions">
                        <button type="button" class="btn btn-secondary" onclick={onclose}>{ tr(lang, "关闭", "Close") }</button>
                        <button type="button" class="btn btn-primary" data-testid="settings-apply" onclick={onapply}
                                disabled={props.busy || props.lexicons.is_none()}
                                title={if changed { tr(lang, "应用并重新分析", "Apply and analyze again") } else { tr(lang, "没有改动", "Nothing changed") }}>
                            { tr(lang, "应用并重新分析", "Apply and analyze again") }
                        </button>
                    </div>
                </footer>
            </section>
        </div>
    }
}
