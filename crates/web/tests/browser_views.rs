//! Browser tests of the comparison views, corrections, exports and persistence: the app is
//! mounted with the in-page engine, the five built-in examples are loaded with a real click,
//! and each view, correction and export is driven through real DOM events (clicks, `change`
//! on selects and file inputs, a real text selection and `mouseup`, key presses) and read
//! back through `data-testid` hooks.
//!
//! Nothing sleeps: each wait renders with `yew::scheduler::flush()` and yields one
//! event-loop turn (a `MessageChannel` message, no timer) until the page settles. Exports
//! are captured through `AppProps::ondownload` instead of the browser's download; the
//! persistence test uses a real IndexedDB database of its own.
//!
//!   CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome --mode no-install
//!   GECKODRIVER=~/.cargo/bin/geckodriver wasm-pack test --headless --firefox --mode no-install
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use cuoshi_engine::protocol::FileOut;
use cuoshi_web::page::i18n::Lang;
use cuoshi_web::page::{App, AppProps, Backend};
use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    DataTransfer, Element, Event, EventInit, File, FilePropertyBag, HtmlElement, HtmlInputElement,
    HtmlSelectElement, KeyboardEvent, KeyboardEventInit, MessageChannel, MouseEvent,
};
use yew::{AppHandle, Callback};

wasm_bindgen_test_configure!(run_in_browser);

/// The mounted app, its host element, and the files it exported.
struct Page {
    host: Element,
    app: Option<AppHandle<App>>,
    files: Rc<RefCell<Vec<FileOut>>>,
}

impl Drop for Page {
    fn drop(&mut self) {
        self.unmount();
    }
}

impl Page {
    /// Mounts the app (in-page engine, English) and waits until it is idle.
    async fn mount(storage: Option<&str>) -> Page {
        Page::mount_with(storage, false).await
    }

    /// Mounts the app, as the bench page (`?bench`) when `bench`.
    async fn mount_with(storage: Option<&str>, bench: bool) -> Page {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let files: Rc<RefCell<Vec<FileOut>>> = Rc::default();
        let sink = files.clone();
        let app = yew::Renderer::<App>::with_root_and_props(
            host.clone(),
            AppProps {
                backend: Backend::in_page(),
                storage: storage.map(|s| s.to_string().into()),
                ondownload: Some(Callback::from(move |f: FileOut| sink.borrow_mut().push(f))),
                lang: Some(Lang::En),
                bench,
            },
        )
        .render();
        let page = Page {
            host,
            app: Some(app),
            files,
        };
        page.settle(|p| p.status("data-busy") == "false").await;
        page
    }

    fn unmount(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.host.remove();
    }

    fn find(&self, testid: &str) -> Option<Element> {
        self.host
            .query_selector(&format!("[data-testid=\"{testid}\"]"))
            .unwrap()
    }

    fn get(&self, testid: &str) -> Element {
        self.find(testid)
            .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
    }

    fn all(&self, testid: &str) -> Vec<Element> {
        self.select(&format!("[data-testid=\"{testid}\"]"))
    }

    fn select(&self, selector: &str) -> Vec<Element> {
        let list = self.host.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into().ok())
            .collect()
    }

    fn text(&self, testid: &str) -> String {
        self.get(testid).text_content().unwrap_or_default()
    }

    fn status(&self, attribute: &str) -> String {
        self.get("status")
            .get_attribute(attribute)
            .unwrap_or_default()
    }

    fn docs(&self) -> usize {
        self.status("data-docs").parse().unwrap()
    }

    fn idle(&self) -> bool {
        self.status("data-busy") == "false"
    }

    /// Renders and turns the event loop until `done` holds (or gives up after 4,000 turns).
    async fn settle(&self, done: impl Fn(&Page) -> bool) {
        for _ in 0..4000 {
            yew::scheduler::flush().await;
            if done(self) {
                return;
            }
            next_task().await;
        }
        panic!(
            "the page did not settle; status busy={} docs={}",
            self.status("data-busy"),
            self.docs()
        );
    }

    async fn settle_docs(&self, docs: usize) {
        self.settle(|p| p.idle() && p.docs() == docs).await;
    }

    fn click(&self, element: &Element) {
        element.dyn_ref::<HtmlElement>().unwrap().click();
    }

    fn click_id(&self, testid: &str) {
        self.click(&self.get(testid));
    }

    async fn tab(&self, name: &str) {
        self.click_id(&format!("tab-{name}"));
        let view = format!("view-{name}");
        self.settle(|p| p.find(&view).is_some()).await;
    }

    async fn load_examples(&self) {
        self.click_id("load-examples");
        self.settle_docs(5).await;
    }

    /// Chooses `value` in a `<select>` and fires `change`.
    fn choose(&self, select: &Element, value: &str) {
        let select: &HtmlSelectElement = select.dyn_ref().unwrap();
        select.set_value(value);
        let init = EventInit::new();
        init.set_bubbles(true);
        select
            .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
    }

    /// Sets the value of the input `testid` and fires `event`.
    fn set_value(&self, testid: &str, value: &str, event: &str) {
        let input: HtmlInputElement = self.get(testid).dyn_into().unwrap();
        input.set_value(value);
        let init = EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&Event::new_with_event_init_dict(event, &init).unwrap())
            .unwrap();
    }

    /// The files exported so far whose name ends with `suffix`.
    fn exported(&self, suffix: &str) -> Vec<FileOut> {
        self.files
            .borrow()
            .iter()
            .filter(|f| f.name.ends_with(suffix))
            .cloned()
            .collect()
    }
}

/// One turn of the event loop, without a timer: resolves when a posted message arrives.
async fn next_task() {
    let promise = Promise::new(&mut |resolve, _reject| {
        let channel = MessageChannel::new().unwrap();
        channel.port1().set_onmessage(Some(&resolve));
        channel.port2().post_message(&JsValue::NULL).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn number(element: &Element) -> f64 {
    element
        .text_content()
        .unwrap_or_default()
        .trim()
        .parse()
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn the_bench_page_times_segmentation_of_the_loaded_documents() {
    let page = Page::mount(None).await;
    assert!(
        page.find("bench-panel").is_none(),
        "only the bench page has the panel"
    );
    drop(page);

    let page = Page::mount_with(None, true).await;
    let run = page.get("bench-run");
    assert!(
        run.has_attribute("disabled"),
        "nothing loaded: nothing to time"
    );
    page.load_examples().await;
    assert!(!page.get("bench-run").has_attribute("disabled"));
    page.click_id("bench-run");
    page.settle(|p| !p.text("bench-result").is_empty() && p.status("data-busy") == "false")
        .await;
    let result: serde_json::Value = serde_json::from_str(&page.text("bench-result")).unwrap();
    let seg = &result["segmentation"];
    assert_eq!(seg["documents"], 5);
    assert!(seg["bytes"].as_u64().unwrap() > 10_000, "{seg}");
    assert!(seg["elapsed_ms"].as_f64().unwrap() >= 2900.0, "{seg}");
    assert!(seg["mb_per_s"].as_f64().unwrap() > 0.0, "{seg}");
    assert!(
        result["memory_bytes"].as_u64().unwrap() > 1 << 20,
        "{result}"
    );
    assert!(page.text("bench-summary").contains("MB/s"));
}

#[wasm_bindgen_test]
async fn every_view_shows_the_examples() {
    let page = Page::mount(None).await;
    page.load_examples().await;

    // Matrix: counts by default, then per 10,000 characters; sorting by a column.
    assert_eq!(
        page.get("matrix").get_attribute("data-mode").as_deref(),
        Some("counts")
    );
    page.click_id("matrix-mode-per10k");
    page.settle(|p| p.get("matrix").get_attribute("data-mode").as_deref() == Some("per10k"))
        .await;
    assert!(page
        .all("matrix-cell")
        .iter()
        .any(|c| c.text_content().unwrap_or_default().contains('.')));
    page.click_id("matrix-mode-counts");
    page.settle(|p| p.get("matrix").get_attribute("data-mode").as_deref() == Some("counts"))
        .await;
    let sort = page.all("sort-col").into_iter().next().unwrap();
    let doc = sort.get_attribute("data-key").unwrap();
    page.click(&sort);
    page.settle(|p| p.find("sort-col").is_some()).await;
    let column: Vec<f64> = page
        .select(&format!(
            "[data-testid=\"matrix-cell\"][data-doc=\"{doc}\"]"
        ))
        .iter()
        .map(number)
        .collect();
    assert!(
        column.windows(2).all(|w| w[0] >= w[1]),
        "sorted descending: {column:?}"
    );
    let totals = page.select(".matrix tfoot td.total");
    assert_eq!(totals.len(), 6, "five column totals and the grand total");

    // Aligned: groups with each document's wording; filters narrow them.
    page.tab("aligned").await;
    assert!(
        !page.all("aligned-row").is_empty(),
        "shared groups by default"
    );
    assert!(page
        .all("aligned-row")
        .iter()
        .all(|r| r.get_attribute("data-shared").unwrap() != "1"));
    page.choose(&page.get("aligned-share"), "all");
    page.settle(|p| {
        p.all("aligned-row")
            .iter()
            .any(|r| r.get_attribute("data-shared").unwrap() == "1")
    })
    .await;
    let rows = page.all("aligned-row");
    page.choose(&page.get("aligned-share"), "shared");
    page.settle(|p| {
        p.all("aligned-row")
            .iter()
            .all(|r| r.get_attribute("data-shared").unwrap() != "1")
    })
    .await;
    let shared = page.all("aligned-row").len();
    page.choose(&page.get("aligned-share"), "unique");
    page.settle(|p| {
        p.all("aligned-row")
            .iter()
            .all(|r| r.get_attribute("data-shared").unwrap() == "1")
    })
    .await;
    assert_eq!(shared + page.all("aligned-row").len(), rows.len());
    page.choose(&page.get("aligned-share"), "all");
    page.choose(&page.get("aligned-instrument"), "demand");
    page.settle(|p| {
        p.all("aligned-row")
            .iter()
            .all(|r| r.get_attribute("data-instrument").unwrap() == "demand")
    })
    .await;

    // Slogans with their items.
    page.tab("slogans").await;
    assert!(!page.all("slogan").is_empty());
    assert!(!page.all("slogan-item").is_empty());

    // Figures: a table per document and at least one same-unit chart with bars.
    page.tab("figures").await;
    assert!(!page.all("figure-row").is_empty());
    let charts = page.all("figure-chart");
    assert!(!charts.is_empty(), "each unit is charted");
    assert!(charts[0]
        .query_selector("svg [data-testid=\"bar\"]")
        .unwrap()
        .is_some());

    // Keywords side by side; a click asks for the concordance across documents.
    page.tab("keywords").await;
    let keywords = page.all("keyword");
    assert!(keywords.len() >= 25);
    let word = keywords[0].get_attribute("data-word").unwrap();
    page.click(&keywords[0]);
    page.settle(|p| p.idle() && !p.all("kwic-line").is_empty())
        .await;
    assert_eq!(
        page.get("kwic").get_attribute("data-term").as_deref(),
        Some(word.as_str())
    );
    let line = page.all("kwic-line")[0].text_content().unwrap_or_default();
    assert!(line.contains(&word), "{line}");

    // Similarity: a 5 × 5 heatmap and the extreme pairs named.
    page.tab("similarity").await;
    assert_eq!(page.all("similarity-cell").len(), 25);
    assert!(page.text("pair-most").contains("d"));
    page.click_id("similarity-terms");
    page.settle(|p| {
        p.get("similarity-terms")
            .get_attribute("aria-pressed")
            .as_deref()
            == Some("true")
    })
    .await;
    assert_eq!(page.all("similarity-cell").len(), 25);

    // Reader: two documents side by side with highlighted measures; a third added; words.
    page.tab("reader").await;
    assert_eq!(page.all("reader-doc").len(), 2);
    let marks = page.all("reader-measure");
    assert!(marks.len() > 10);
    assert!(marks[0].get_attribute("class").unwrap().contains("hl-c"));
    assert!(
        !marks[0]
            .get_attribute("data-label")
            .unwrap_or_default()
            .is_empty(),
        "hover shows the category"
    );
    let third = page
        .all("reader-doc-toggle")
        .into_iter()
        .find(|t| t.get_attribute("aria-pressed").as_deref() == Some("false"))
        .unwrap();
    page.click(&third);
    page.settle(|p| p.all("reader-doc").len() == 3).await;
    page.click_id("reader-mode-words");
    page.settle(|p| p.idle() && p.all("reader-words").len() == 3)
        .await;
    assert!(page.select(".word").len() > 100);
    page.click_id("reader-mode-original");
    page.settle(|p| p.find("reader-original-note").is_some())
        .await;

    // Timeline: dated documents on the axis, the unknown year listed as such.
    page.tab("timeline").await;
    assert_eq!(
        page.all("timeline-item").len() + page.all("timeline-unknown").len(),
        5
    );
    assert!(!page.all("timeline-unknown").is_empty());
    assert!(page.text("timeline").contains("unknown"));
}

#[wasm_bindgen_test]
async fn corrections_change_every_view_and_can_be_undone() {
    let page = Page::mount(None).await;
    page.load_examples().await;

    // Open the fullest cell and re-categorize its first measure.
    let cell = page
        .all("matrix-cell")
        .into_iter()
        .max_by_key(|c| number(c) as u32)
        .unwrap();
    let count = number(&cell) as usize;
    let category = cell.get_attribute("data-category").unwrap();
    let doc = cell.get_attribute("data-doc").unwrap();
    page.click(&cell);
    page.settle(|p| p.find("evidence").is_some()).await;
    let select = page.all("recategorize").into_iter().next().unwrap();
    let measure = select.get_attribute("data-measure").unwrap();
    let target = if category == "finance" {
        "labor"
    } else {
        "finance"
    };
    let target_cell =
        format!("[data-testid=\"matrix-cell\"][data-category=\"{target}\"][data-doc=\"{doc}\"]");
    let before_target = number(&page.select(&target_cell)[0]);
    page.choose(&select, target);
    page.settle(|p| p.idle() && p.all("correction").len() == 1)
        .await;

    let cell_now =
        format!("[data-testid=\"matrix-cell\"][data-category=\"{category}\"][data-doc=\"{doc}\"]");
    assert_eq!(
        number(&page.select(&cell_now)[0]) as usize,
        count - 1,
        "the matrix follows"
    );
    assert_eq!(number(&page.select(&target_cell)[0]), before_target + 1.0);
    assert_eq!(
        page.select("li.measure").len(),
        count - 1,
        "the evidence follows"
    );

    // The moved measure is marked as corrected where it now is.
    page.click(&page.select(&target_cell)[0]);
    page.settle(|p| {
        p.find("evidence")
            .and_then(|e| e.get_attribute("data-category"))
            .as_deref()
            == Some(target)
    })
    .await;
    let marked = page.select(&format!(
        "li.measure[data-measure=\"{measure}\"] [data-testid=\"corrected\"]"
    ));
    assert_eq!(marked.len(), 1);

    // Delete it: one fewer measure in the document.
    let items_before = page.get("doc-list").text_content().unwrap_or_default();
    let delete = page
        .select(&format!(
            "[data-testid=\"delete-measure\"][data-measure=\"{measure}\"]"
        ))
        .remove(0);
    page.click(&delete);
    page.settle(|p| p.idle() && p.all("correction").len() == 2)
        .await;
    assert_eq!(number(&page.select(&target_cell)[0]), before_target);
    assert_ne!(
        page.get("doc-list").text_content().unwrap_or_default(),
        items_before
    );

    // Undo both, newest first: the matrix is as it was.
    page.click(&page.all("undo-correction")[1]);
    page.settle(|p| p.idle() && p.all("correction").len() == 1)
        .await;
    page.click(&page.all("undo-correction")[0]);
    page.settle(|p| p.idle() && p.find("correction").is_none())
        .await;
    assert_eq!(number(&page.select(&cell_now)[0]) as usize, count);
}

#[wasm_bindgen_test]
async fn selecting_text_in_the_reader_adds_a_measure() {
    let page = Page::mount(None).await;
    page.load_examples().await;
    page.tab("reader").await;

    // Select the first plain piece of text of the first document (as a user's drag would).
    let text = page.all("reader-text").remove(0);
    let doc = text.get_attribute("data-doc").unwrap();
    let plain = page
        .select(&format!(
            "[data-testid=\"reader-text\"][data-doc=\"{doc}\"] span[data-at]"
        ))
        .into_iter()
        .find(|s| s.text_content().unwrap_or_default().chars().count() > 12)
        .unwrap();
    let at: usize = plain.get_attribute("data-at").unwrap().parse().unwrap();
    let node = plain.first_child().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let range = document.create_range().unwrap();
    range.set_start(&node, 2).unwrap();
    range.set_end(&node, 10).unwrap();
    let selection = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(&range).unwrap();
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    text.dispatch_event(&MouseEvent::new_with_mouse_event_init_dict("mouseup", &init).unwrap())
        .unwrap();
    page.settle(|p| p.find("pending-measure").is_some()).await;
    let selected: String = plain
        .text_content()
        .unwrap()
        .chars()
        .skip(2)
        .take(8)
        .collect();
    assert!(page.text("pending-measure").contains(&selected));

    page.choose(&page.get("pending-category"), "finance");
    page.click_id("add-measure");
    page.settle(|p| p.idle() && p.all("correction").len() == 1)
        .await;
    assert!(page.find("pending-measure").is_none());
    let added = page
        .select(&format!(
            "[data-testid=\"reader-measure\"][data-at=\"{}\"]",
            at + 2
        ))
        .remove(0);
    assert_eq!(
        added.get_attribute("data-category").as_deref(),
        Some("finance")
    );
    assert!(added
        .get_attribute("class")
        .unwrap()
        .contains("is-corrected"));
    assert_eq!(added.text_content().unwrap(), selected);

    // Its correction tools open on click, marked as added by hand.
    page.click(&added);
    page.settle(|p| p.find("reader-tools").is_some()).await;
    let mark = page
        .get("reader-tools")
        .query_selector("[data-testid=\"corrected\"]")
        .unwrap()
        .unwrap();
    assert_eq!(mark.get_attribute("data-kind").as_deref(), Some("added"));
}

#[wasm_bindgen_test]
async fn exports_and_a_workspace_file_round_trip() {
    let page = Page::mount(None).await;
    page.load_examples().await;

    page.click_id("export-csv");
    page.settle(|p| p.idle() && !p.exported(".csv").is_empty())
        .await;
    let csv = page.exported(".csv").remove(0);
    assert_eq!(&csv.bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with BOM");
    assert!(csv.mime.starts_with("text/csv"));
    let text = String::from_utf8(csv.bytes[3..].to_vec()).unwrap();
    page.tab("matrix").await;
    assert!(
        text.contains("d1") && text.lines().count() > 50,
        "{}",
        &text[..200.min(text.len())]
    );

    page.click_id("export-xlsx");
    page.settle(|p| p.idle() && !p.exported(".xlsx").is_empty())
        .await;
    let xlsx = page.exported(".xlsx").remove(0);
    assert_eq!(&xlsx.bytes[..2], b"PK", "a zip");

    page.click_id("export-json");
    page.settle(|p| p.idle() && !p.exported(".json").is_empty())
        .await;
    let json: serde_json::Value =
        serde_json::from_slice(&page.exported("report.json").remove(0).bytes).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 5);

    // A correction, then the workspace file.
    let cell = page
        .all("matrix-cell")
        .into_iter()
        .find(|c| number(c) > 0.0)
        .unwrap();
    page.click(&cell);
    page.settle(|p| p.find("evidence").is_some()).await;
    page.click(&page.all("delete-measure")[0]);
    page.settle(|p| p.idle() && p.all("correction").len() == 1)
        .await;
    page.click_id("workspace-export");
    page.settle(|p| p.idle() && !p.exported("workspace.json").is_empty())
        .await;
    let workspace = page.exported("workspace.json").remove(0);

    // Clear all asks first; "cancel" keeps everything.
    page.click_id("clear-all");
    page.settle(|p| p.find("confirm-dialog").is_some()).await;
    page.click_id("confirm-no");
    page.settle(|p| p.find("confirm-dialog").is_none()).await;
    assert_eq!(page.docs(), 5);
    page.click_id("clear-all");
    page.settle(|p| p.find("confirm-dialog").is_some()).await;
    page.click_id("confirm-yes");
    page.settle_docs(0).await;
    assert!(page.find("correction").is_none());

    // Import the workspace file: documents and the correction are back.
    import_file(&page, &workspace);
    // It asks first, saying what the file holds.
    page.settle(|p| p.idle() && p.find("confirm-dialog").is_some())
        .await;
    let question = page.text("confirm-dialog");
    assert!(
        question.contains(&workspace.name) && question.contains("5 document"),
        "{question}"
    );
    page.click_id("confirm-yes");
    page.settle(|p| p.idle() && p.docs() == 5 && p.all("correction").len() == 1)
        .await;

    // A file that is not a workspace is refused with a message; nothing is lost.
    import_file(
        &page,
        &FileOut {
            name: "bad.json".into(),
            mime: "application/json".into(),
            bytes: b"not a workspace".to_vec(),
        },
    );
    page.settle(|p| p.idle() && p.find("messages").is_some())
        .await;
    assert_eq!(page.docs(), 5);
    assert!(page.text("messages").contains("bad.json"));
}

#[wasm_bindgen_test]
async fn the_language_toggles_and_the_drop_zone_opens_the_picker_from_the_keyboard() {
    let page = Page::mount(None).await;
    assert_eq!(page.text("tab-matrix"), "Matrix");
    page.click_id("lang-toggle");
    page.settle(|p| p.text("tab-matrix") == "措施矩阵").await;
    assert!(page.text("load-examples").contains("载入示例"));

    // Enter on the focused drop zone clicks the hidden file input.
    let clicked = Rc::new(RefCell::new(0));
    let counter = clicked.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        e.prevent_default(); // no real picker in a test
        *counter.borrow_mut() += 1;
    });
    page.get("file-input")
        .add_event_listener_with_callback("click", listener.as_ref().unchecked_ref())
        .unwrap();
    let zone = page.get("dropzone");
    assert_eq!(zone.get_attribute("tabindex").as_deref(), Some("0"));
    for key in ["Enter", " "] {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        zone.dispatch_event(
            &KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    }
    assert_eq!(*clicked.borrow(), 2);

    // Arrow keys move between tabs.
    let init = KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    page.get("tab-matrix")
        .dispatch_event(
            &KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
    page.settle(|p| p.find("view-aligned").is_some()).await;
}

#[wasm_bindgen_test]
async fn the_corpus_a_correction_and_settings_survive_a_reload() {
    let name = format!("cuoshi-test-{}", js_sys::Math::random().to_bits());
    let mut page = Page::mount(Some(&name)).await;
    page.load_examples().await;
    let cell = page
        .all("matrix-cell")
        .into_iter()
        .find(|c| number(c) > 0.0)
        .unwrap();
    page.click(&cell);
    page.settle(|p| p.find("evidence").is_some()).await;
    page.click(&page.all("delete-measure")[0]);
    page.settle(|p| p.idle() && p.all("correction").len() == 1)
        .await;
    page.tab("timeline").await;
    // Let the last writes reach IndexedDB.
    for _ in 0..50 {
        next_task().await;
    }
    page.unmount();

    let page = Page::mount(Some(&name)).await;
    page.settle(|p| p.idle() && p.docs() == 5).await;
    assert_eq!(page.all("correction").len(), 1, "the correction survives");
    assert!(page.find("view-timeline").is_some(), "the tab survives");
    drop(page);
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = factory.delete_database(&name);
}

/// Picks `file` in the workspace import of `page`.
fn import_file(page: &Page, file: &FileOut) {
    let import: HtmlInputElement = page.get("workspace-import").dyn_into().unwrap();
    let transfer = DataTransfer::new().unwrap();
    let parts = Array::of1(&js_sys::Uint8Array::from(file.bytes.as_slice()));
    let options = FilePropertyBag::new();
    options.set_type("application/json");
    let picked =
        File::new_with_u8_array_sequence_and_options(&parts, &file.name, &options).unwrap();
    transfer.items().add_with_file(&picked).unwrap();
    import.set_files(transfer.files().as_ref());
    let init = EventInit::new();
    init.set_bubbles(true);
    import
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn an_import_can_be_declined_or_undone_even_after_a_reload() {
    let name = format!("cuoshi-test-{}", js_sys::Math::random().to_bits());
    let mut page = Page::mount(Some(&name)).await;
    let area: web_sys::HtmlTextAreaElement = page.get("paste-input").dyn_into().unwrap();
    area.set_value("市政府要求各地加大财政补贴力度，对小微企业给予贷款贴息。");
    page.click_id("paste-add");
    page.settle_docs(1).await;
    page.click_id("workspace-export");
    page.settle(|p| p.idle() && !p.exported("workspace.json").is_empty())
        .await;
    let one = page.exported("workspace.json").remove(0);
    page.click_id("load-examples");
    page.settle_docs(6).await;

    // Declined: nothing changes.
    import_file(&page, &one);
    page.settle(|p| p.idle() && p.find("confirm-dialog").is_some())
        .await;
    page.click_id("confirm-no");
    page.settle(|p| p.find("confirm-dialog").is_none()).await;
    assert_eq!(page.docs(), 6);
    assert!(page.find("undo-import").is_none());

    // Accepted: one document, and the six can come back.
    import_file(&page, &one);
    page.settle(|p| p.idle() && p.find("confirm-dialog").is_some())
        .await;
    page.click_id("confirm-yes");
    page.settle(|p| p.idle() && p.docs() == 1).await;
    page.settle(|p| p.find("undo-import").is_some()).await;
    assert!(page.text("undo-import").contains('6'));
    for _ in 0..50 {
        next_task().await;
    }
    page.unmount();

    // After a reload the undo is still there.
    let page = Page::mount(Some(&name)).await;
    page.settle(|p| p.idle() && p.docs() == 1 && p.find("undo-import").is_some())
        .await;
    page.click_id("undo-import");
    page.settle(|p| p.idle() && p.docs() == 6 && p.find("undo-import").is_none())
        .await;
    drop(page);
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = factory.delete_database(&name);
}

#[wasm_bindgen_test]
async fn two_tabs_of_one_workspace_never_overwrite_each_other() {
    let name = format!("cuoshi-test-{}", js_sys::Math::random().to_bits());
    let first = Page::mount(Some(&name)).await;
    let second = Page::mount(Some(&name)).await;
    // A change in the first tab reaches the second.
    first.load_examples().await;
    second
        .settle(|p| p.idle() && p.docs() == 5 && p.find("messages").is_some())
        .await;
    assert!(second.text("messages").contains("another tab"));

    // The second tab, its state made stale behind its back (another writer that did not
    // announce itself), does not overwrite the newer workspace: it is told and reloads.
    let db = cuoshi_web::store::open(&name).await.unwrap();
    let version = cuoshi_web::store::get(&db, cuoshi_web::store::VERSION)
        .await
        .unwrap()
        .and_then(|v| v.as_f64())
        .unwrap();
    cuoshi_web::store::put(
        &db,
        cuoshi_web::store::VERSION,
        &JsValue::from_f64(version + 1.0),
    )
    .await
    .unwrap();
    second.click_id("clear-all");
    second.settle(|p| p.find("confirm-dialog").is_some()).await;
    second.click_id("confirm-yes");
    second
        .settle(|p| p.idle() && p.find("storage-message").is_some() && p.docs() == 5)
        .await;
    let said = second.text("storage-message");
    assert!(said.contains("Another tab"), "{said}");
    db.close();
    drop(first);
    drop(second);
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = factory.delete_database(&name);
}

/// The marks of document `doc` in the reader whose text holds `needle`: (measure, category).
fn marks(page: &Page, doc: &str, needle: &str) -> Vec<(String, String)> {
    page.select(&format!(
        "[data-testid=\"reader-text\"][data-doc=\"{doc}\"] [data-testid=\"reader-measure\"]"
    ))
    .into_iter()
    .filter(|m| m.text_content().unwrap_or_default().contains(needle))
    .map(|m| {
        (
            m.get_attribute("data-measure").unwrap_or_default(),
            m.get_attribute("data-category").unwrap_or_default(),
        )
    })
    .collect()
}

#[wasm_bindgen_test]
async fn corrections_teach_the_model_a_new_category_which_a_reload_keeps_and_reset_undoes() {
    let name = format!("cuoshi-test-{}", js_sys::Math::random().to_bits());
    let mut page = Page::mount(Some(&name)).await;
    // A category of the user's own, with one cue the fourth measure does not hold.
    let mut taxonomy: serde_json::Value =
        serde_json::from_str(&cuoshi_core::settings::default_taxonomy_json()).unwrap();
    let mut power = taxonomy[0].clone();
    power["id"] = "power".into();
    power["label"] = "电力保障".into();
    power["cues"] = serde_json::json!({ "电价": 1.0 });
    taxonomy.as_array_mut().unwrap().push(power);
    page.click_id("open-settings");
    page.settle(|p| p.idle() && p.find("taxonomy-json").is_some())
        .await;
    let area: web_sys::HtmlTextAreaElement = page.get("taxonomy-json").dyn_into().unwrap();
    area.set_value(&taxonomy.to_string());
    let init = EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    page.click_id("settings-apply");
    page.settle(|p| {
        p.idle()
            && p.get("settings-apply").get_attribute("title").as_deref() == Some("Nothing changed")
    })
    .await;
    page.click_id("settings-close");
    page.settle(|p| p.find("settings").is_none()).await;

    for text in [
        "一、保障企业生产。要优先保障重点企业电网检修和用电负荷需求，电力企业要开辟用电报装绿色通道。\
         二、对用电量大的工业企业实行电价优惠，阶段性降低企业用电成本。\
         三、供电部门要做好迎峰度夏电网运行调度，确保居民和企业用电不断供。\
         四、加大对小微企业的贷款投放，降低融资成本。",
        "县供电公司要加强电网巡检，保障园区企业用电稳定，实行“不停电”检修。同时要加大稳岗返还力度。",
    ] {
        let docs = page.docs();
        let area: web_sys::HtmlTextAreaElement = page.get("paste-input").dyn_into().unwrap();
        area.set_value(text);
        page.click_id("paste-add");
        page.settle_docs(docs + 1).await;
    }
    page.tab("reader").await;
    let fourth = |p: &Page| marks(p, "d2", "电网巡检").first().map(|m| m.1.clone());
    assert_ne!(fourth(&page).as_deref(), Some("power"));

    // Three measures of d1 about electricity, re-categorized as "power".
    let power: Vec<String> = marks(&page, "d1", "电")
        .into_iter()
        .map(|m| m.0)
        .take(3)
        .collect();
    assert_eq!(power.len(), 3, "{:?}", marks(&page, "d1", ""));
    for (k, id) in power.iter().enumerate() {
        let mark = page
            .select(&format!(
                "[data-testid=\"reader-measure\"][data-measure=\"{id}\"]"
            ))
            .into_iter()
            .find(|m| m.closest("[data-doc=\"d1\"]").ok().flatten().is_some())
            .unwrap();
        page.click(&mark);
        page.settle(|p| p.find("reader-tools").is_some()).await;
        page.choose(&page.get("recategorize"), "power");
        page.settle(|p| p.idle() && p.all("correction").len() == k + 1)
            .await;
    }
    page.click_id("learn");
    page.settle(|p| {
        p.idle()
            && p.get("model-state")
                .get_attribute("data-learned")
                .as_deref()
                == Some("3")
    })
    .await;
    assert_eq!(
        fourth(&page).as_deref(),
        Some("power"),
        "the fourth is suggested"
    );
    assert_eq!(page.all("correction").len(), 3, "the corrections stay");
    for _ in 0..50 {
        next_task().await;
    }
    page.unmount();

    // A reload keeps what was learned; the reset goes back to the shipped model.
    let page = Page::mount(Some(&name)).await;
    page.settle(|p| p.idle() && p.docs() == 2).await;
    page.tab("reader").await;
    assert_eq!(
        page.get("model-state")
            .get_attribute("data-learned")
            .as_deref(),
        Some("3")
    );
    assert_eq!(fourth(&page).as_deref(), Some("power"));
    page.click_id("reset-model");
    page.settle(|p| {
        p.idle()
            && p.get("model-state")
                .get_attribute("data-learned")
                .as_deref()
                == Some("0")
    })
    .await;
    assert_ne!(fourth(&page).as_deref(), Some("power"));
    drop(page);
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = factory.delete_database(&name);
}

#[wasm_bindgen_test]
async fn measures_below_the_confidence_set_leave_every_view() {
    let page = Page::mount(None).await;
    page.load_examples().await;
    let total = |p: &Page| -> f64 { p.all("matrix-cell").iter().map(number).sum() };
    let before = total(&page);
    assert_eq!(page.text("confidence-shown"), "showing all");
    let range: HtmlInputElement = page.get("confidence-min").dyn_into().unwrap();
    range.set_value("0.9");
    let init = EventInit::new();
    init.set_bubbles(true);
    range
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    page.settle(|p| p.idle() && total(p) < before).await;
    assert_eq!(page.text("confidence-shown"), "showing ≥ 0.90");
    // Back to every measure.
    range.set_value("0");
    range
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    page.settle(|p| p.idle() && total(p) == before).await;
    // Documents by issuer and kind: every view shows the same documents.
    page.set_value("filter-issuer", "没有这个机关", "change");
    page.settle(|p| p.idle() && p.docs() == 0).await;
    page.set_value("filter-issuer", "", "change");
    page.settle(|p| p.idle() && p.docs() == 5).await;
    let kinds: Vec<String> = (page.all("doc-kind").iter())
        .filter_map(|k| k.get_attribute("data-kind"))
        .collect();
    let kind = kinds[0].clone();
    let of_kind = kinds.iter().filter(|k| **k == kind).count();
    page.choose(&page.get("filter-kind"), &kind);
    page.settle(|p| p.idle() && p.docs() == of_kind).await;
    assert_eq!(
        page.all("matrix-cell")
            .iter()
            .filter_map(|c| c.get_attribute("data-doc"))
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        of_kind,
        "the matrix shows the same documents"
    );
    page.choose(&page.get("filter-kind"), "");
    page.settle(|p| p.idle() && p.docs() == 5).await;
    // The reader marks the measures the model is unsure of.
    page.tab("reader").await;
    let marks = page.all("reader-measure");
    assert!(marks.iter().all(|m| {
        let p: f64 = m.get_attribute("data-confidence").unwrap().parse().unwrap();
        let unsure = m
            .get_attribute("class")
            .unwrap_or_default()
            .contains("is-unsure");
        (p - 0.6).abs() < 0.01 || unsure == (p < 0.6)
    }));
}

#[wasm_bindgen_test]
async fn the_reader_shows_a_documents_parts_and_fields() {
    let page = Page::mount(None).await;
    let area: web_sys::HtmlTextAreaElement = page.get("paste-input").dyn_into().unwrap();
    area.set_value(
        "某某市人民政府办公室文件\n某府办发〔2020〕5号\n\
         某某市人民政府办公室关于支持中小企业发展的通知\n\
         各区、县人民政府，市政府各部门：\n\
         一、对受疫情影响的中小企业给予贷款贴息，贴息比例为50%。\n\
         二、减免中小企业房租三个月。\n\
         某某市人民政府办公室\n2020年2月11日\n\
         抄送：市委办公室。",
    );
    page.click_id("paste-add");
    page.settle_docs(1).await;
    page.tab("reader").await;
    assert_eq!(page.text("reader-number"), "某府办发〔2020〕5号");
    let parts: Vec<String> = (page.all("reader-part").iter())
        .filter_map(|p| p.get_attribute("data-part"))
        .collect();
    for part in ["DocNumber", "Addressee", "CopyTo"] {
        assert!(parts.iter().any(|p| p == part), "{part} in {parts:?}");
    }
}

#[wasm_bindgen_test]
async fn the_reader_shows_a_traditional_article_in_its_own_script() {
    let page = Page::mount(None).await;
    let area: web_sys::HtmlTextAreaElement = page.get("paste-input").dyn_into().unwrap();
    area.set_value("市政府要求各地落實一企一策，組織點對點包車接回返崗員工，推動企業復工復產。");
    page.click_id("paste-add");
    page.settle_docs(1).await;
    page.tab("reader").await;
    let simplified = page.get("reader-text").text_content().unwrap_or_default();
    assert!(simplified.contains("落实"), "{simplified}");
    page.click_id("reader-mode-original");
    page.settle(|p| {
        p.get("reader-text").get_attribute("data-script").as_deref() == Some("original")
    })
    .await;
    let original = page.get("reader-text").text_content().unwrap_or_default();
    assert!(original.contains("落實"), "{original}");
    assert_eq!(original.chars().count(), simplified.chars().count());
    assert!(
        !page.all("reader-measure").is_empty(),
        "measures are highlighted in the original too"
    );
}
