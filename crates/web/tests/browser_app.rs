//! Browser tests of the web app: mount it into a div, dispatch real DOM events (a `drop`
//! carrying a real `DataTransfer` of `File`s, a file picker's `change`, clicks), and read
//! the rendered page through its `data-testid` hooks.
//!
//! The app runs here with the in-page backend (the test server has no worker script); the
//! engine, state and components are those of production. Nothing sleeps: each wait renders
//! with `yew::scheduler::flush()` and yields one event-loop turn (a `MessageChannel`
//! message, no timer) until the page settles, within a bounded number of turns.
//!
//!   CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome --mode no-install
//!   GECKODRIVER=~/.cargo/bin/geckodriver wasm-pack test --headless --firefox --mode no-install
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeSet;

use cuoshi_web::page::{App, AppProps, Backend};
use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    DataTransfer, DragEvent, DragEventInit, Element, Event, EventInit, File, FilePropertyBag,
    HtmlElement, HtmlInputElement, HtmlTextAreaElement, MessageChannel,
};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

const FINANCE: &str = "各地要协调金融机构对受疫情影响的中小微企业延长还款期限，降低融资成本，\
    不得盲目抽贷、断贷、压贷。";
const LABOR: &str = "市政府要求各地落实一企一策，组织点对点包车接回返岗员工，\
    对新招用员工的企业给予每人1000元一次性用工补贴。";

/// The mounted app and its host element, removed again when dropped.
struct Page {
    host: Element,
    app: Option<AppHandle<App>>,
}

impl Drop for Page {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.host.remove();
    }
}

impl Page {
    /// Mounts the app (in-page engine) and waits until the dictionary is ready.
    async fn mount() -> Page {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let app = yew::Renderer::<App>::with_root_and_props(
            host.clone(),
            AppProps {
                backend: Backend::in_page(),
                ..AppProps::default()
            },
        )
        .render();
        let page = Page {
            host,
            app: Some(app),
        };
        page.settle(|p| p.status("data-busy") == "false").await;
        page
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
        let list = self
            .host
            .query_selector_all(&format!("[data-testid=\"{testid}\"]"))
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into().ok())
            .collect()
    }

    fn status(&self, attribute: &str) -> String {
        self.get("status")
            .get_attribute(attribute)
            .unwrap_or_default()
    }

    fn docs(&self) -> usize {
        self.status("data-docs").parse().unwrap()
    }

    /// Renders and turns the event loop until `done` holds (or gives up after 2,000 turns).
    async fn settle(&self, done: impl Fn(&Page) -> bool) {
        for _ in 0..2000 {
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

    /// Waits until nothing is under way and `docs` documents are analyzed.
    async fn settle_docs(&self, docs: usize) {
        self.settle(|p| p.status("data-busy") == "false" && p.docs() == docs)
            .await;
    }

    /// Dispatches a real `drop` event carrying `files` on the drop zone.
    fn drop_files(&self, files: &[File]) {
        let transfer = DataTransfer::new().unwrap();
        for file in files {
            transfer.items().add_with_file(file).unwrap();
        }
        let init = DragEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_data_transfer(Some(&transfer));
        let event = DragEvent::new_with_event_init_dict("drop", &init).unwrap();
        self.get("dropzone").dispatch_event(&event).unwrap();
    }

    fn click(&self, element: &Element) {
        element.dyn_ref::<HtmlElement>().unwrap().click();
    }

    /// The document ids of the matrix's columns.
    fn matrix_docs(&self) -> BTreeSet<String> {
        self.all("matrix-cell")
            .iter()
            .filter_map(|c| c.get_attribute("data-doc"))
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

fn file(name: &str, text: &str) -> File {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = FilePropertyBag::new();
    options.set_type("text/plain");
    File::new_with_str_sequence_and_options(&parts, name, &options).unwrap()
}

#[wasm_bindgen_test]
async fn dropping_two_files_shows_two_document_columns() {
    let page = Page::mount().await;
    assert_eq!(page.docs(), 0);
    assert!(
        page.find("matrix").is_none(),
        "no matrix before any document"
    );

    page.drop_files(&[file("finance.txt", FINANCE), file("labor.txt", LABOR)]);
    page.settle_docs(2).await;

    let columns = page.matrix_docs();
    assert_eq!(columns.into_iter().collect::<Vec<_>>(), ["d1", "d2"]);
    assert_eq!(page.all("doc-item").len(), 2);
    let list = page.get("doc-list").text_content().unwrap_or_default();
    assert!(
        list.contains("finance.txt") && list.contains("labor.txt"),
        "{list}"
    );
    // Every category has a row with a cell per document.
    let cells = page.all("matrix-cell");
    let rows: BTreeSet<String> = cells
        .iter()
        .filter_map(|c| c.get_attribute("data-category"))
        .collect();
    assert_eq!(cells.len(), rows.len() * 2);
    assert!(rows.len() >= 13, "{rows:?}");
    assert!(page.find("progress").is_none(), "no progress once idle");
}

#[wasm_bindgen_test]
async fn pasting_text_and_clicking_add_analyzes_it() {
    let page = Page::mount().await;
    let area: HtmlTextAreaElement = page.get("paste-input").dyn_into().unwrap();
    area.set_value(LABOR);
    page.click(&page.get("paste-add"));
    page.settle_docs(1).await;

    assert_eq!(area.value(), "", "the box is emptied once added");
    let items = page.all("doc-item");
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .text_content()
        .unwrap_or_default()
        .contains("粘贴文本1"));
    assert_eq!(page.matrix_docs().len(), 1);

    // Blank text adds nothing.
    area.set_value("   \n ");
    page.click(&page.get("paste-add"));
    page.settle_docs(1).await;
    assert_eq!(page.all("doc-item").len(), 1);
}

#[wasm_bindgen_test]
async fn a_pdf_is_refused_with_a_message_and_the_others_survive() {
    let page = Page::mount().await;
    page.drop_files(&[file("finance.txt", FINANCE)]);
    page.settle_docs(1).await;

    page.drop_files(&[
        file("scan.pdf", "%PDF-1.4 not an article"),
        file("empty.txt", ""),
        file("labor.txt", LABOR),
    ]);
    page.settle_docs(2).await;

    let errors = page.all("doc-error");
    assert_eq!(errors.len(), 2, "the pdf and the empty file are refused");
    let pdf = errors[0].text_content().unwrap_or_default();
    assert!(pdf.contains("scan.pdf") && pdf.contains("pdf"), "{pdf}");
    assert!(
        pdf.contains("不支持") != pdf.contains("Unsupported"),
        "one language, the one chosen: {pdf}"
    );
    let kind = errors[0]
        .query_selector(".doc-message")
        .unwrap()
        .and_then(|m| m.get_attribute("data-kind"));
    assert_eq!(kind.as_deref(), Some("unsupported_type"));
    let empty = errors[1].text_content().unwrap_or_default();
    assert!(empty.contains("empty.txt"), "{empty}");
    // Both good documents are still there.
    let list = page.get("doc-list").text_content().unwrap_or_default();
    assert!(
        list.contains("finance.txt") && list.contains("labor.txt"),
        "{list}"
    );
    assert_eq!(page.matrix_docs().len(), 2);

    // A duplicate is refused too, and loses nothing.
    page.drop_files(&[file("again.txt", FINANCE)]);
    page.settle(|p| p.status("data-busy") == "false" && p.all("doc-error").len() == 3)
        .await;
    assert_eq!(page.docs(), 2);
    assert!(page
        .get("doc-list")
        .text_content()
        .unwrap_or_default()
        .contains("again.txt"));

    // Removing a document keeps the other.
    let remove = page.all("doc-remove");
    page.click(&remove[0]);
    page.settle_docs(1).await;
    assert_eq!(page.matrix_docs().into_iter().collect::<Vec<_>>(), ["d2"]);
}

#[wasm_bindgen_test]
async fn the_file_picker_takes_several_files() {
    let page = Page::mount().await;
    let transfer = DataTransfer::new().unwrap();
    transfer
        .items()
        .add_with_file(&file("a.txt", FINANCE))
        .unwrap();
    transfer
        .items()
        .add_with_file(&file("b.md", LABOR))
        .unwrap();
    let input: HtmlInputElement = page.get("file-input").dyn_into().unwrap();
    input.set_files(transfer.files().as_ref());
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    page.settle_docs(2).await;
    assert_eq!(page.matrix_docs().len(), 2);
}

#[wasm_bindgen_test]
async fn clicking_a_matrix_cell_shows_its_measures_with_sentences() {
    let page = Page::mount().await;
    page.drop_files(&[file("finance.txt", FINANCE), file("labor.txt", LABOR)]);
    page.settle_docs(2).await;
    assert!(page.find("evidence").is_none());

    let cell = page
        .all("matrix-cell")
        .into_iter()
        .max_by_key(|c| {
            c.text_content()
                .unwrap_or_default()
                .trim()
                .parse::<u32>()
                .unwrap_or(0)
        })
        .unwrap();
    let count: usize = cell
        .text_content()
        .unwrap_or_default()
        .trim()
        .parse()
        .unwrap();
    assert!(count > 0, "some measure was found");
    let category = cell.get_attribute("data-category").unwrap();
    let doc = cell.get_attribute("data-doc").unwrap();
    page.click(&cell);
    page.settle(|p| p.find("evidence").is_some()).await;

    let evidence = page.get("evidence");
    assert_eq!(
        evidence.get_attribute("data-category").as_deref(),
        Some(category.as_str())
    );
    assert_eq!(
        evidence.get_attribute("data-doc").as_deref(),
        Some(doc.as_str())
    );
    let measures = evidence.query_selector_all("li.measure").unwrap();
    assert_eq!(measures.length() as usize, count);
    let sentences = evidence.query_selector_all(".sentence").unwrap();
    assert_eq!(
        sentences.length() as usize,
        count,
        "each measure with its sentence"
    );
    let source = if doc == "d1" { FINANCE } else { LABOR };
    // The first sentence shown is read from the clicked document.
    let sentence = sentences
        .item(0)
        .unwrap()
        .text_content()
        .unwrap_or_default();
    let opening: String = sentence.chars().take(6).collect();
    assert!(
        opening.chars().count() == 6 && source.contains(&opening),
        "{sentence}"
    );
    assert!(
        evidence.query_selector(".sentence mark").unwrap().is_some(),
        "the measure is marked in its sentence"
    );

    // Clicking the same cell again closes the evidence.
    page.click(
        &page
            .all("matrix-cell")
            .into_iter()
            .find(|c| {
                c.get_attribute("data-category").as_deref() == Some(&category)
                    && c.get_attribute("data-doc").as_deref() == Some(&doc)
            })
            .unwrap(),
    );
    page.settle(|p| p.find("evidence").is_none()).await;
}

/// Markup an article or a file name might carry, each piece trying to run code.
const HOSTILE: &str = "<script>window.__cuoshiXss = 1</script>\
    <img src=x onerror=\"window.__cuoshiXss = 2\">\
    <svg onload=\"window.__cuoshiXss = 3\"></svg>\
    <a href=\"javascript:window.__cuoshiXss = 4\">点此办理</a>\
    </textarea><img src=x onerror=window.__cuoshiXss=5>";

/// Elements or attributes that would mean markup from an article reached the page as HTML.
const INJECTED: &str = "script, [onerror], [onload], a[href^=\"javascript:\"], img[src=\"x\"]";

#[wasm_bindgen_test]
async fn hostile_markup_in_articles_and_names_renders_as_text_in_every_view() {
    let page = Page::mount().await;
    let text = format!("{LABOR}{HOSTILE}\n{FINANCE}“{HOSTILE}”要求企业复工复产。");
    let name = "<img src=x onerror=\"window.__cuoshiXss=9\">.txt";
    page.drop_files(&[
        file(name, &text),
        file(
            "<svg onload=alert(1)>.html",
            &format!("<p>{FINANCE}</p>{HOSTILE}"),
        ),
    ]);
    page.settle_docs(2).await;
    // Pasted text takes the same way (the paste box is a <textarea>: `</textarea>` in it
    // must not close it).
    let area: HtmlTextAreaElement = page.get("paste-input").dyn_into().unwrap();
    area.set_value(&format!("{HOSTILE}{LABOR}各地要组织企业开展线上招聘。"));
    page.click(&page.get("paste-add"));
    page.settle_docs(3).await;

    let names: String = page
        .all("doc-item")
        .iter()
        .filter_map(|d| d.text_content())
        .collect();
    assert!(
        names.contains("<img src=x onerror="),
        "the file name shows as text: {names}"
    );
    for tab in [
        "matrix",
        "aligned",
        "slogans",
        "figures",
        "keywords",
        "similarity",
        "reader",
        "timeline",
    ] {
        page.click(&page.get(&format!("tab-{tab}")));
        page.settle(|p| p.find(&format!("view-{tab}")).is_some())
            .await;
        if tab == "matrix" {
            if let Some(cell) = page.all("matrix-cell").into_iter().find(|c| {
                c.get_attribute("data-doc").as_deref() == Some("d1")
                    && c.text_content().unwrap_or_default().trim() != "0"
            }) {
                page.click(&cell);
                page.settle(|p| p.find("evidence").is_some()).await;
            }
        }
        if tab == "reader" {
            // The cleaner kept the link's words and dropped its markup: shown as text.
            let reader = page.get("view-reader").text_content().unwrap_or_default();
            assert!(reader.contains("点此办理"), "{reader}");
        }
        let injected = page.host.query_selector_all(INJECTED).unwrap().length();
        assert_eq!(injected, 0, "markup from an article became HTML in {tab}");
        let ran =
            js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("__cuoshiXss")).unwrap();
        assert!(ran.is_undefined(), "article code ran in {tab}: {ran:?}");
    }
}

#[wasm_bindgen_test]
async fn more_than_a_page_of_documents_is_shown_a_page_at_a_time() {
    use cuoshi_engine::window::PAGE;
    let total = PAGE + 3;
    let page = Page::mount().await;
    let files: Vec<File> = (1..=total)
        .map(|i| {
            file(
                &format!("notice-{i}.txt"),
                &format!("第{i}号通知：市政府要求各地落实一企一策，推动第{i}批企业复工复产。"),
            )
        })
        .collect();
    page.drop_files(&files);
    page.settle_docs(total).await;

    // One page in the list and the matrix; both pagers say where we are.
    let id = |i: usize| format!("d{i}");
    assert_eq!(page.all("doc-item").len(), PAGE);
    assert_eq!(page.matrix_docs().len(), PAGE);
    assert!(page.matrix_docs().contains(&id(PAGE)) && !page.matrix_docs().contains(&id(PAGE + 1)));
    for place in ["list", "view"] {
        let pager = page.get(&format!("doc-pager-{place}"));
        let text = pager.text_content().unwrap_or_default();
        assert!(
            text.contains(&total.to_string()) && text.contains(&PAGE.to_string()),
            "{text}"
        );
        assert!(page
            .get(&format!("doc-pager-{place}-prev"))
            .has_attribute("disabled"));
    }
    let count = page
        .host
        .query_selector(".doc-panel .count")
        .unwrap()
        .unwrap();
    assert_eq!(
        count.text_content(),
        Some(total.to_string()),
        "the list counts them all"
    );

    page.click(&page.get("doc-pager-view-next"));
    page.settle(|p| p.all("doc-item").len() == 3).await;
    assert_eq!(
        page.matrix_docs(),
        BTreeSet::from([id(PAGE + 1), id(PAGE + 2), id(PAGE + 3)])
    );
    assert!(page.get("doc-pager-list-next").has_attribute("disabled"));
    // Every view renders the page.
    page.click(&page.get("tab-similarity"));
    page.settle(|p| p.find("view-similarity").is_some()).await;
    assert_eq!(page.all("similarity-cell").len(), 9);

    page.click(&page.get("doc-pager-list-prev"));
    page.settle(|p| p.all("doc-item").len() == PAGE).await;
    assert_eq!(page.all("similarity-cell").len(), PAGE * PAGE);
}
