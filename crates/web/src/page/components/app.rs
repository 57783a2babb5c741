//! The app shell: owns the one state, the connection to the engine, the browser's storage,
//! and the page layout.
//!
//! User gestures become [`Request`]s (files read, text pasted, examples, remove, clear,
//! corrections, exports, a concordance, a workspace file) sent through the backend of
//! [`AppProps::backend`]; the engine's [`Response`]s become [`Action`]s for the reducer.
//! A [`Response::File`] also has an effect outside the state: it is saved (or handed to
//! [`AppProps::ondownload`]). When [`AppProps::storage`] names a database, the page keeps
//! its settings there and, at start, reads them back and asks the engine to resume
//! ([`Request::Resume`]): the store beside the engine restores the saved workspace and keeps
//! it after every change, so the corpus, corrections and settings survive a reload.
//! Everything shown is rendered from the state by the panels and views.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::bench_panel::BenchPanel;
use super::confidence_filter::ConfidenceFilter;
use super::confirm_dialog::ConfirmDialog;
use super::corrections_panel::CorrectionsPanel;
use super::doc_details::DocDetails;
use super::doc_filter::DocFilter;
use super::doc_list::DocList;
use super::doc_pager::DocPager;
use super::drop_zone::DropZone;
use super::evidence::Evidence;
use super::lang_toggle::LangToggle;
use super::messages::Messages;
use super::paste_box::PasteBox;
use super::settings_panel::SettingsPanel;
use super::status_bar::StatusBar;
use super::tab_bar::TabBar;
use super::toolbar::Toolbar;
use super::views::aligned::AlignedView;
use super::views::figures::FiguresView;
use super::views::keywords::KeywordsView;
use super::views::matrix::Matrix;
use super::views::reader::Reader;
use super::views::similarity::SimilarityView;
use super::views::slogans::SlogansView;
use super::views::timeline::TimelineView;
use super::workspace_panel::WorkspacePanel;
use super::{use_dispatch, use_sender};
use crate::host::next_task;
use crate::page::backend::{use_engine, Backend, Stopped};
use crate::page::i18n::{tr, Lang};
use crate::page::state::{Action, Confirm, State, Tab};
use crate::page::{files, platform};
use crate::store;
use cuoshi_core::corpus::MetaEdit;
use cuoshi_core::error::Message;
use cuoshi_core::settings::AnalyzerSettings;
use cuoshi_engine::protocol::{FileOut, FilePayload, Request, Response};

#[derive(Properties, Clone, PartialEq, Default)]
pub struct AppProps {
    /// Where the analysis runs: the web worker (default) or the page itself (tests).
    #[prop_or_default]
    pub backend: Backend,
    /// The IndexedDB database that keeps the workspace across reloads; `None` keeps
    /// everything in memory (browser tests).
    #[prop_or_default]
    pub storage: Option<AttrValue>,
    /// Receives exported files instead of the browser's download (browser tests).
    #[prop_or_default]
    pub ondownload: Option<Callback<FileOut>>,
    /// The interface language; `None` follows the browser.
    #[prop_or_default]
    pub lang: Option<Lang>,
    /// Show the benchmark panel (the page opened with `?bench`).
    #[prop_or_default]
    pub bench: bool,
}

/// The open database, once opened (shared by the loader and the writers).
type Db = Rc<RefCell<Option<web_sys::IdbDatabase>>>;

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let lang = props.lang;
        use_reducer(move || State {
            lang: lang.unwrap_or_else(platform::browser_lang),
            ..State::default()
        })
    };
    let dispatcher = state.dispatcher();
    let db: Db = use_mut_ref(|| None);

    // Two tabs of one workspace: each change this tab's engine keeps is announced on a
    // broadcast channel; a tab told of another's change reloads the kept workspace.
    let channel: Rc<RefCell<Option<platform::Channel>>> = use_mut_ref(|| None);
    let on_response = {
        let dispatcher = dispatcher.clone();
        let ondownload = props.ondownload.clone();
        let channel = channel.clone();
        Callback::from(move |response: Response| {
            if let (Response::Stored(None), Some(channel)) = (&response, &*channel.borrow()) {
                channel.announce();
            }
            if let Response::File(file) = &response {
                match &ondownload {
                    Some(cb) => cb.emit(file.clone()),
                    None => {
                        if !platform::save_file(file) {
                            dispatcher.dispatch(Action::Notice(not_saved(&file.name)));
                        }
                    }
                }
            }
            dispatcher.dispatch(Action::Engine(response));
        })
    };
    let on_stopped = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |stopped: Stopped| dispatcher.dispatch(Action::Stopped(stopped)))
    };
    let link = use_engine(&props.backend, on_response, on_stopped);
    let engine = link.send.clone();
    // Every request is counted in flight until its final answer arrives. The callbacks
    // handed to the panels are made once (use_sender, use_dispatch), so that a status
    // update re-renders the status bar, not every view.
    let send = {
        let dispatcher = dispatcher.clone();
        (*use_memo(engine, move |engine| {
            let engine = engine.clone();
            Callback::from(move |request: Request| {
                dispatcher.dispatch(Action::Sent);
                engine.emit(request);
            })
        }))
        .clone()
    };

    // At start: open the database, read the settings back, and ask the engine to resume
    // the saved workspace (which it keeps from then on).
    {
        let dispatcher = dispatcher.clone();
        let send = send.clone();
        let db = db.clone();
        use_effect_with(props.storage.clone(), move |storage| {
            if let Some(name) = storage.clone() {
                dispatcher.dispatch(Action::Loading(true));
                spawn_local(async move {
                    match load(&name, &db).await {
                        Ok(Some(settings)) => dispatcher.dispatch(Action::Settings(settings)),
                        Ok(None) => {}
                        Err(e) => dispatcher.dispatch(Action::Storage(Some(e.message()))),
                    }
                    send.emit(Request::Resume(name.to_string()));
                    dispatcher.dispatch(Action::Loading(false));
                });
            }
        });
    }
    // Another tab changed the kept workspace: say so and show the newer one.
    {
        let dispatcher = dispatcher.clone();
        let send = send.clone();
        let channel = channel.clone();
        use_effect_with(props.storage.clone(), move |storage| {
            if let Some(name) = storage.clone() {
                let channel_name = format!("cuoshi:{name}");
                let on_other = Callback::from(move |()| {
                    dispatcher.dispatch(Action::Notice(Message::new(
                        "changed_elsewhere",
                        "另一个标签页更改了工作区，本页已载入较新的内容。",
                        "The workspace was changed in another tab: this tab now shows the newer one.",
                    )));
                    send.emit(Request::Resume(name.to_string()));
                });
                *channel.borrow_mut() = platform::Channel::open(&channel_name, on_other);
            }
            move || {
                channel.borrow_mut().take();
            }
        });
    }
    // A change this tab made was refused as stale: the newer workspace is loaded.
    {
        let send = send.clone();
        let stale = state
            .storage
            .as_ref()
            .is_some_and(|m| m.kind == "stale_workspace");
        let storage = props.storage.clone();
        use_effect_with(stale, move |stale| {
            if let (true, Some(name)) = (*stale, storage) {
                send.emit(Request::Resume(name.to_string()));
            }
        });
    }
    // Settings are written whenever they change (once the saved ones were read).
    {
        let db = db.clone();
        let dispatcher = dispatcher.clone();
        let settings = state.settings();
        let ready = props.storage.is_some() && !state.loading;
        use_effect_with((settings, ready), move |(settings, ready)| {
            let db = db.borrow().clone();
            if let (true, Some(db)) = (*ready, db) {
                let text = serde_json::to_string(settings).unwrap_or_default();
                spawn_local(async move {
                    if let Err(e) = store::put_text(&db, store::SETTINGS, &text).await {
                        dispatcher.dispatch(Action::Storage(Some(e.message())));
                    }
                });
            }
        });
    }
    use_effect_with(state.lang, |lang| platform::set_document_lang(*lang));

    let onaction = use_dispatch(&dispatcher, |action: Action| action);
    let onfiles = {
        let dispatcher = dispatcher.clone();
        let send = send.clone();
        Callback::from(move |list: Vec<web_sys::File>| {
            let count = list.len();
            dispatcher.dispatch(Action::ReadStarted(count));
            let dispatcher = dispatcher.clone();
            let send = send.clone();
            spawn_local(async move {
                let (payloads, refused) = files::read_all(list).await;
                if !payloads.is_empty() {
                    send.emit(Request::Add(payloads));
                }
                dispatcher.dispatch(Action::ReadFinished { count, refused });
            });
        })
    };
    let onpaste = {
        let dispatcher = dispatcher.clone();
        let send = send.clone();
        let pasted = state.pasted;
        Callback::from(move |text: String| {
            let name = format!("粘贴文本{}", pasted + 1);
            dispatcher.dispatch(Action::Pasted);
            send.emit(Request::Add(vec![FilePayload::new(
                name,
                text.into_bytes(),
            )]));
        })
    };
    let onexamples = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(Request::AddExamples))
    };
    let onremove = use_sender(&send, |id: AttrValue| Request::Remove(id.to_string()));
    let ondismiss = {
        let dispatcher = dispatcher.clone();
        (*use_memo(send.clone(), move |send| {
            let send = send.clone();
            Callback::from(move |()| {
                dispatcher.dispatch(Action::DismissNotices);
                send.emit(Request::DismissErrors);
            })
        }))
        .clone()
    };
    let onclear = use_dispatch(&dispatcher, |()| Action::Confirm(Some(Confirm::ClearAll)));
    let onconfirm = {
        let send = send.clone();
        let dispatcher = dispatcher.clone();
        let import = state.import.clone();
        Callback::from(move |confirm: Confirm| {
            dispatcher.dispatch(Action::Confirm(None));
            match confirm {
                Confirm::Import => {
                    if let Some(import) = &import {
                        send.emit(Request::Import((*import.file).clone()));
                    }
                }
                Confirm::ClearAll => {
                    dispatcher.dispatch(Action::DismissNotices);
                    dispatcher.dispatch(Action::DismissMessages);
                    dispatcher.dispatch(Action::Deselect);
                    send.emit(Request::Clear);
                }
            }
        })
    };
    let oncancel = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::Confirm(None)))
    };
    let oncorrect = use_sender(&send, Request::Correct);
    let onundo = use_sender(&send, Request::UndoCorrection);
    let onexport = use_sender(&send, Request::Export);
    let onundoimport = use_sender(&send, |()| Request::UndoImport);
    let onlearn = use_sender(&send, |()| Request::Learn);
    let onminconfidence = use_dispatch(&dispatcher, Action::MinConfidence);
    let onfilterdocs = use_dispatch(&dispatcher, |(kind, issuer): (String, String)| {
        Action::FilterDocs(kind, issuer)
    });
    // The engine keeps what the user's filters keep (also those restored at start).
    {
        let send = send.clone();
        let view = state.report_view();
        let key = (
            view.min_confidence.to_bits(),
            view.kind.clone(),
            view.issuer.clone(),
        );
        use_effect_with(key, move |_| send.emit(Request::SetView(view)));
    }
    let onresetmodel = use_sender(&send, |()| Request::ResetModel);
    let onsaveworkspace = {
        let send = send.clone();
        let settings = state.settings();
        Callback::from(move |()| send.emit(Request::SaveWorkspace(settings.clone())))
    };
    let onimport = {
        let send = send.clone();
        let dispatcher = dispatcher.clone();
        Callback::from(move |file: web_sys::File| {
            dispatcher.dispatch(Action::ReadStarted(1));
            let send = send.clone();
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                let (mut payloads, refused) = files::read_all(vec![file]).await;
                if let Some(payload) = payloads.pop() {
                    // Asked before replacing: the engine says what the file holds first.
                    dispatcher.dispatch(Action::ImportChosen(Rc::new(payload.clone())));
                    send.emit(Request::Inspect(payload));
                }
                dispatcher.dispatch(Action::ReadFinished { count: 1, refused });
            });
        })
    };
    let onconcordance = {
        let dispatcher = dispatcher.clone();
        (*use_memo(send.clone(), move |send| {
            let send = send.clone();
            Callback::from(move |term: String| {
                dispatcher.dispatch(Action::AskConcordance(term.clone()));
                send.emit(Request::Concordance(term));
            })
        }))
        .clone()
    };
    let onsegment = use_sender(&send, Request::Segment);
    let onselect = use_dispatch(&dispatcher, Action::Select);
    let onclose = use_dispatch(&dispatcher, |()| Action::Deselect);
    // Rich paste: the web page's HTML, cleaned by the engine as an .html file.
    let onpastehtml = {
        let dispatcher = dispatcher.clone();
        let send = send.clone();
        let pasted = state.pasted;
        Callback::from(move |html: String| {
            let name = format!("粘贴文本{}.html", pasted + 1);
            dispatcher.dispatch(Action::Pasted);
            send.emit(Request::Add(vec![FilePayload::new(
                name,
                html.into_bytes(),
            )]));
        })
    };
    // One document's details: re-decode, restore removed lines, edit metadata.
    let ondetails = use_dispatch(&dispatcher, |id: AttrValue| {
        Action::ShowDetails(Some(id.to_string()))
    });
    let onredecode = {
        let send = send.clone();
        Callback::from(move |(doc, encoding): (AttrValue, Option<String>)| {
            send.emit(Request::Redecode {
                doc: doc.to_string(),
                encoding,
            })
        })
    };
    let onrestoreline = {
        let send = send.clone();
        Callback::from(move |(doc, index): (AttrValue, usize)| {
            send.emit(Request::RestoreLine {
                doc: doc.to_string(),
                index,
            })
        })
    };
    let onresetlines = {
        let send = send.clone();
        Callback::from(move |doc: AttrValue| send.emit(Request::ResetLines(doc.to_string())))
    };
    let onsavemeta = {
        let send = send.clone();
        Callback::from(move |(doc, edit): (AttrValue, MetaEdit)| {
            send.emit(Request::EditMeta {
                doc: doc.to_string(),
                edit,
            })
        })
    };
    let onclosedetails = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::ShowDetails(None)))
    };
    let details_view = match (&state.report, &state.details) {
        (Some(report), Some(id)) => html! {
            <DocDetails report={report.clone()} id={AttrValue::from(id.clone())}
                        choices={state.choices.get(id).cloned().unwrap_or_default()}
                        onredecode={onredecode} onrestore={onrestoreline} onreset={onresetlines}
                        onsave={onsavemeta} onclose={onclosedetails} />
        },
        _ => Html::default(),
    };
    // The settings panel: the engine sends the lexicons in force when it opens.
    let onopensettings = {
        let dispatcher = dispatcher.clone();
        let send = send.clone();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::ShowSettings(true));
            send.emit(Request::Lexicons);
        })
    };
    let onclosesettings = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::ShowSettings(false)))
    };
    let onapplysettings = {
        let dispatcher = dispatcher.clone();
        let send = send.clone();
        Callback::from(move |lexicons: AnalyzerSettings| {
            dispatcher.dispatch(Action::LexiconError(None));
            send.emit(Request::SetLexicons(lexicons));
            send.emit(Request::Lexicons);
        })
    };
    let onsavefile = {
        let dispatcher = dispatcher.clone();
        let ondownload = props.ondownload.clone();
        Callback::from(move |file: FileOut| match &ondownload {
            Some(cb) => cb.emit(file),
            None => {
                if !platform::save_file(&file) {
                    dispatcher.dispatch(Action::Notice(not_saved(&file.name)));
                }
            }
        })
    };

    let onbench = {
        let send = send.clone();
        Callback::from(move |min_ms: f64| send.emit(Request::Benchmark { min_ms }))
    };
    let bench_panel = if props.bench {
        html! {
            <BenchPanel result={state.benchmark.clone()} busy={state.busy()} docs={state.docs()}
                        onrun={onbench} />
        }
    } else {
        Html::default()
    };

    let lang = state.lang;
    // Every panel renders the report of the page of documents shown (the engine keeps the
    // whole one); the pager asks for another page.
    let report = state.report.clone();
    // The document list follows the report one task later: the view and the list are
    // rendered in two tasks of the page, so that neither holds it for long.
    let listed = use_state(|| report.clone());
    {
        let listed = listed.clone();
        use_effect_with(report.clone(), move |report| {
            let report = report.clone();
            spawn_local(async move {
                next_task().await;
                listed.set(report);
            });
        });
    }
    // Busy until the list has caught up with the report too.
    let busy = state.busy() || *listed != report;
    let total = state.docs();
    let onpage = use_sender(&send, Request::ShowPage);
    let pager = |place: &'static str| {
        html! {
            <DocPager {total} page={state.doc_page} place={place} onpage={onpage.clone()} />
        }
    };
    let has_docs = state.docs() > 0;
    let view = match state.tab {
        Tab::Matrix => html! {
            <Matrix report={report.clone()} selection={state.selection.clone()} {onselect}
                    mode={state.matrix_mode} sort={state.matrix_sort.clone()} onaction={onaction.clone()} />
        },
        Tab::Aligned => html! {
            <AlignedView report={report.clone()} filter={state.aligned.clone()} onaction={onaction.clone()} />
        },
        Tab::Slogans => html! { <SlogansView report={report.clone()} /> },
        Tab::Figures => html! { <FiguresView report={report.clone()} /> },
        Tab::Keywords => html! {
            <KeywordsView report={report.clone()} concordance={state.concordance.clone()}
                          {onconcordance} onaction={onaction.clone()} />
        },
        Tab::Similarity => html! {
            <SimilarityView report={report.clone()} basis={state.similarity} onaction={onaction.clone()} />
        },
        Tab::Reader => html! {
            <Reader report={report.clone()} shown={Rc::<[String]>::from(state.reader_shown())}
                    mode={state.reader_mode} segmented={state.segmented.clone()}
                    pending={state.pending.clone()} onaction={onaction.clone()}
                    oncorrect={oncorrect.clone()} {onsegment} />
        },
        Tab::Timeline => html! { <TimelineView report={report.clone()} /> },
    };
    let (zh, en) = state.tab.label();
    let with_evidence = state.tab == Tab::Matrix;

    let refusals: Rc<[_]> = state.refusals().into();
    html! {
        <ContextProvider<Lang> context={lang}>
        <div class="shell" data-tab={state.tab.name()}>
            <header class="masthead">
                <div class="brand">
                    <h1>{ "措施" }<span class="brand-en">{ "Cuoshi" }</span></h1>
                    <p class="tagline">
                        { tr(lang, "比较中国政府政策文章中的政策措施", "Compare the policy measures of Chinese government articles") }
                    </p>
                </div>
                <div class="masthead-tools">
                    <button type="button" class="btn btn-quiet btn-small btn-settings" data-testid="open-settings"
                            onclick={onopensettings} aria-haspopup="dialog" aria-expanded={state.settings_open.to_string()}
                            title={tr(lang, "分类表、词典与停用词", "Taxonomy, dictionary and stop words")}>
                        { tr(lang, "⚙ 分析设置", "⚙ Settings") }
                    </button>
                    <LangToggle lang={lang} onaction={onaction.clone()} />
                    <StatusBar stage={state.stage} {busy} docs={state.docs()}
                               done={state.done} total={state.total} reading={state.reading}
                               oncancel={link.cancel.clone()} />
                </div>
            </header>
            <Messages storage={state.storage.clone()} messages={state.messages.clone()} onaction={onaction.clone()} />
            <main class={classes!("layout", (!with_evidence).then_some("layout-wide"), has_docs.then_some("has-docs"))}>
                <aside class="sidebar">
                    <section class="panel input-panel" aria-labelledby="add-heading">
                        <div class="panel-head">
                            <h2 id="add-heading">{ tr(lang, "添加文档", "Add documents") }</h2>
                        </div>
                        <DropZone {onfiles} />
                        <PasteBox onadd={onpaste} onaddhtml={onpastehtml} />
                        <div class="examples">
                            <button type="button" class="btn btn-secondary btn-block" data-testid="load-examples"
                                    onclick={onexamples}>
                                { tr(lang, "载入示例", "Load examples") }
                            </button>
                            <p class="hint">{ tr(lang, "五篇 2020–2022 年复工复产报道", "Five reference articles on resuming work, 2020–2022") }</p>
                        </div>
                    </section>
                    <DocList report={(*listed).clone()} {total} pager={pager("list")} {refusals} {onremove} {ondismiss} {onclear}
                             details={state.details.clone().map(AttrValue::from)} {ondetails} {details_view} />
                    <CorrectionsPanel report={report.clone()} corrections={state.corrections.clone()} {onundo}
                                      learned={state.learned} {onlearn} onreset={onresetmodel} />
                    <WorkspacePanel onsave={onsaveworkspace} {onimport} previous={state.previous.clone()} onundo={onundoimport} />
                    { bench_panel }
                </aside>
                <section class="panel view-panel" aria-labelledby="view-heading">
                    <div class="view-head">
                        <TabBar tab={state.tab} onaction={onaction.clone()} />
                        <Toolbar {onexport} disabled={!has_docs} exported={state.exported.clone()} />
                        <div class="view-filters">
                            <ConfidenceFilter value={state.min_confidence} onchange={onminconfidence} />
                            <DocFilter kind={AttrValue::from(state.filter_kind.to_string())}
                                       issuer={AttrValue::from(state.filter_issuer.to_string())} onchange={onfilterdocs} />
                        </div>
                    </div>
                    <h2 id="view-heading" class="view-title">{ tr(lang, zh, en) }</h2>
                    { pager("view") }
                    <div class="view-body" role="tabpanel" id="view-panel" data-testid={format!("view-{}", state.tab.name())}
                         aria-labelledby={format!("tab-{}", state.tab.name())}>
                        { view }
                    </div>
                </section>
                if with_evidence {
                    <Evidence report={report.clone()} selection={state.selection.clone()} {onclose}
                              oncorrect={oncorrect.clone()} />
                }
            </main>
            <footer class="footnote">
                { tr(lang, "全部分析在本机浏览器中完成，文件不会上传。", "Everything runs in your browser; no file leaves this computer.") }
            </footer>
            if let Some(confirm) = state.confirm {
                <ConfirmDialog {confirm} {onconfirm} {oncancel} docs={state.docs()}
                               import={state.import.as_ref().and_then(|i| i.summary.clone())} />
            }
            if state.settings_open {
                <SettingsPanel lexicons={state.lexicons.clone()} error={state.lexicon_error.clone()} busy={state.busy()}
                               onapply={onapplysettings} onsave={onsavefile} onclose={onclosesettings} />
            }
        </div>
        </ContextProvider<Lang>>
    }
}

/// Opens the database and reads the saved settings.
async fn load(name: &str, db: &Db) -> Result<Option<BTreeMap<String, String>>, store::StoreError> {
    let opened = store::open(name).await?;
    let settings = store::get_text(&opened, store::SETTINGS)
        .await?
        .and_then(|text| serde_json::from_str(&text).ok());
    *db.borrow_mut() = Some(opened);
    Ok(settings)
}

/// The browser would not save the file `name`.
fn not_saved(name: &str) -> Message {
    Message::new(
        "not_saved",
        format!("浏览器未能保存文件“{name}”"),
        format!("The browser could not save “{name}”"),
    )
}
