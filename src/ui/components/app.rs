//! The app shell: owns the one state, the connection to the engine, and the page layout.
//!
//! User gestures become [`Request`]s (files read, text pasted, examples, remove, clear) sent
//! through the backend of [`AppProps::backend`]; the engine's [`Response`]s become
//! [`Action`]s for the reducer. Everything shown is rendered from the state by the panels.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::doc_list::DocList;
use super::drop_zone::DropZone;
use super::evidence::Evidence;
use super::matrix::Matrix;
use super::paste_box::PasteBox;
use super::status_bar::StatusBar;
use crate::ui::backend::{use_engine, Backend};
use crate::ui::files;
use crate::ui::protocol::{FilePayload, Request, Response};
use crate::ui::state::{Action, Selection, State};

#[derive(Properties, Clone, PartialEq, Default)]
pub struct AppProps {
    /// Where the analysis runs: the web worker (default) or the page itself (tests).
    #[prop_or_default]
    pub backend: Backend,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(State::default);
    let dispatcher = state.dispatcher();

    let engine = {
        let dispatcher = dispatcher.clone();
        use_engine(
            &props.backend,
            Callback::from(move |r: Response| dispatcher.dispatch(Action::from(r))),
        )
    };
    // Every request is counted in flight until its report arrives.
    let send = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |request: Request| {
            dispatcher.dispatch(Action::Sent);
            engine.emit(request);
        })
    };

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
    let onremove = {
        let send = send.clone();
        Callback::from(move |id: AttrValue| send.emit(Request::Remove(id.to_string())))
    };
    let ondismiss = {
        let send = send.clone();
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::DismissNotices);
            send.emit(Request::DismissErrors);
        })
    };
    let onclear = {
        let send = send.clone();
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::DismissNotices);
            send.emit(Request::Clear);
        })
    };
    let onselect = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |sel: Selection| dispatcher.dispatch(Action::Select(sel)))
    };
    let onclose = Callback::from(move |()| dispatcher.dispatch(Action::Deselect));

    let refusals: Rc<[_]> = state.refusals().into();
    html! {
        <div class="shell">
            <header class="masthead">
                <div class="brand">
                    <h1>{ "措施" }<span class="brand-en">{ "Cuoshi" }</span></h1>
                    <p class="tagline">
                        { "比较中国政府政策文章中的政策措施" }
                        <span class="en">{ "Compare the policy measures of Chinese government articles" }</span>
                    </p>
                </div>
                <StatusBar stage={state.stage} busy={state.busy()} docs={state.docs()}
                           done={state.done} total={state.total} reading={state.reading} />
            </header>
            <main class="layout">
                <aside class="sidebar">
                    <section class="panel input-panel" aria-labelledby="add-heading">
                        <div class="panel-head">
                            <h2 id="add-heading">{ "添加文档" }<span class="en">{ "Add documents" }</span></h2>
                        </div>
                        <DropZone {onfiles} />
                        <PasteBox onadd={onpaste} />
                        <div class="examples">
                            <button type="button" class="btn btn-secondary btn-block" data-testid="load-examples"
                                    onclick={onexamples}>
                                { "载入示例" }<span class="en">{ "Load examples" }</span>
                            </button>
                            <p class="hint">{ "五篇 2020–2022 年复工复产报道" }
                                <span class="en">{ "five reference articles" }</span></p>
                        </div>
                    </section>
                    <DocList report={state.report.clone()} {refusals} {onremove} {ondismiss} {onclear} />
                </aside>
                <section class="panel matrix-panel" aria-labelledby="matrix-heading">
                    <div class="panel-head">
                        <h2 id="matrix-heading">{ "措施矩阵" }
                            <span class="en">{ "Measures by category × document" }</span></h2>
                    </div>
                    <Matrix report={state.report.clone()} selection={state.selection.clone()} {onselect} />
                </section>
                <Evidence report={state.report.clone()} selection={state.selection.clone()} {onclose} />
            </main>
            <footer class="footnote">
                { "全部分析在本机浏览器中完成，文件不会上传。" }
                <span class="en">{ "Everything runs in your browser; no file leaves this computer." }</span>
            </footer>
        </div>
    }
}
