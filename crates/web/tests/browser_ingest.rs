//! Browser tests of ingestion and the user's lexicons, through the real page: every bad
//! input of the ingestion issue dropped on the real drop zone next to a good document, a
//! document read again in another encoding, a removed line put back, metadata edited, the
//! settings panel (taxonomy, stop words, a bad taxonomy) and a rich paste of `text/html`.
//!
//! The app runs with the in-page backend (the test server has no worker script); the
//! engine, state and components are those of production. Events are real DOM events (a
//! `drop` carrying a `DataTransfer` of `File`s, `change` on selects and inputs, a `paste`
//! `ClipboardEvent`, clicks); nothing sleeps: each wait renders with
//! `yew::scheduler::flush()` and yields event-loop turns (a `MessageChannel` message, no
//! timer) until the page settles, within a bounded number of turns.
//!
//!   CHROMEDRIVER=/usr/bin/chromedriver wasm-pack test --headless --chrome --mode no-install
//!   GECKODRIVER=~/.cargo/bin/geckodriver wasm-pack test --headless --firefox --mode no-install
#![cfg(target_arch = "wasm32")]

use std::io::{Cursor, Write};

use cuoshi_engine::protocol::FileOut;
use cuoshi_web::page::{App, AppProps, Backend};
use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    ClipboardEvent, ClipboardEventInit, DataTransfer, DragEvent, DragEventInit, Element, Event,
    EventInit, File, FilePropertyBag, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement, MessageChannel,
};
use yew::{AppHandle, Callback};

wasm_bindgen_test_configure!(run_in_browser);

const FINANCE: &str = "各地要协调金融机构对受疫情影响的中小微企业延长还款期限，降低融资成本，\
    不得盲目抽贷、断贷、压贷。";
const LABOR: &str = "市政府要求各地落实一企一策，组织点对点包车接回返岗员工，\
    对新招用员工的企业给予每人1000元一次性用工补贴。";
const TRADITIONAL: &str = "市政府協調金融機構出臺延長還款期限、降低融資成本的措施，\
    要求各地落實一企一策，推動企業復工復產。";
const WITH_CREDIT: &str = "市政府召开复工复产工作会议\n责任编辑：张三\n\
    会议要求，各地要落实一企一策，推动企业尽快复工复产。";

/// The mounted app and its host element, removed again when dropped.
struct Page {
    host: Element,
    app: Option<AppHandle<App>>,
    downloads: std::rc::Rc<std::cell::RefCell<Vec<FileOut>>>,
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
    /// Mounts the app (in-page engine, Chinese) and waits until the dictionary is ready.
    async fn mount() -> Page {
        let document = web_sys::window().unwrap().document().unwrap();
        let host = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&host).unwrap();
        let downloads: std::rc::Rc<std::cell::RefCell<Vec<FileOut>>> = Default::default();
        let sink = downloads.clone();
        let app = yew::Renderer::<App>::with_root_and_props(
            host.clone(),
            AppProps {
                backend: Backend::in_page(),
                ondownload: Some(Callback::from(move |f: FileOut| sink.borrow_mut().push(f))),
                lang: Some(cuoshi_web::page::i18n::Lang::Zh),
                ..AppProps::default()
            },
        )
        .render();
        let page = Page {
            host,
            app: Some(app),
            downloads,
        };
        page.settle(|p| p.idle()).await;
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
        self.find(testid)
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    fn status(&self, attribute: &str) -> String {
        self.get("status")
            .get_attribute(attribute)
            .unwrap_or_default()
    }

    fn idle(&self) -> bool {
        self.status("data-busy") == "false"
    }

    fn docs(&self) -> usize {
        self.status("data-docs").parse().unwrap()
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
            "the page did not settle; busy={} docs={} list={}",
            self.status("data-busy"),
            self.docs(),
            self.text("doc-list")
        );
    }

    /// Waits until nothing is under way and `docs` documents are analyzed.
    async fn settle_docs(&self, docs: usize) {
        self.settle(|p| p.idle() && p.docs() == docs).await;
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

    /// Sets a form control's value and dispatches `event` (`change` or `input`) on it.
    fn set(&self, element: &Element, value: &str, event: &str) {
        if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
            input.set_value(value);
        } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
            select.set_value(value);
            assert_eq!(select.value(), value, "the select offers {value}");
        } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(value);
        }
        let init = EventInit::new();
        init.set_bubbles(true);
        element
            .dispatch_event(&Event::new_with_event_init_dict(event, &init).unwrap())
            .unwrap();
    }

    /// Picks `files` in the file input `testid` (a real `change` event).
    fn pick(&self, testid: &str, files: &[File]) {
        let transfer = DataTransfer::new().unwrap();
        for file in files {
            transfer.items().add_with_file(file).unwrap();
        }
        let input: HtmlInputElement = self.get(testid).dyn_into().unwrap();
        input.set_files(transfer.files().as_ref());
        let init = EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
    }

    /// The list entry of document `id`.
    fn item(&self, id: &str) -> Element {
        self.host
            .query_selector(&format!("[data-testid=\"doc-item\"][data-doc=\"{id}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no document {id}"))
    }

    /// Opens document `id`'s details and waits for them.
    async fn open_details(&self, id: &str) {
        let toggle = self
            .item(id)
            .query_selector("[data-testid=\"doc-details-toggle\"]")
            .unwrap()
            .unwrap();
        self.click(&toggle);
        let id = id.to_string();
        self.settle(move |p| {
            p.find("doc-details")
                .is_some_and(|d| d.get_attribute("data-doc").as_deref() == Some(&id))
        })
        .await;
    }

    /// The matrix's category labels.
    fn row_labels(&self) -> Vec<String> {
        self.select(".matrix .cat-label")
            .iter()
            .filter_map(|e| e.text_content())
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

fn bytes_file(name: &str, bytes: &[u8]) -> File {
    let parts = Array::of1(&Uint8Array::from(bytes));
    File::new_with_u8_array_sequence(&parts, name).unwrap()
}

/// Writes one zip entry's content.
type Entry<'a> = (&'a str, &'a dyn Fn(&mut dyn Write));

/// A zip whose entries are written in deflated form.
fn zip_of(entries: &[Entry]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (path, write) in entries {
        w.start_file(*path, options).unwrap();
        write(&mut w);
    }
    w.finish().unwrap().into_inner()
}

/// Drops `bad` next to the good document and waits for one more refusal; returns its
/// message. The good document must still be listed and in the matrix.
async fn refused(page: &Page, bad: File, name: &str, zh: &str, en: &str) {
    let before = page.all("doc-error").len();
    let docs = page.docs();
    page.drop_files(&[bad]);
    page.settle(|p| p.idle() && p.all("doc-error").len() == before + 1)
        .await;
    let refusal = page.all("doc-error").pop().unwrap();
    let error = refusal.text_content().unwrap_or_default();
    assert!(error.contains(name), "{name}: {error}");
    // The page is in Chinese: the message is shown in Chinese (its English text is in
    // the report and in the other language), with its kind.
    let _ = en;
    assert!(
        error.contains(zh),
        "{name}: the message in the language chosen: {error}"
    );
    let kind = refusal
        .query_selector(".doc-message")
        .unwrap()
        .and_then(|m| m.get_attribute("data-kind"))
        .unwrap_or_default();
    assert!(!kind.is_empty(), "{name}: the message has a kind");
    assert_eq!(page.docs(), docs, "{name}: no document added or lost");
    assert!(
        page.text("doc-list").contains("finance.txt"),
        "{name}: the good document survives"
    );
    assert!(
        page.select("[data-testid=\"matrix-cell\"][data-doc=\"d1\"]")
            .len()
            > 5,
        "{name}: still in the matrix"
    );
}

#[wasm_bindgen_test]
async fn every_bad_input_is_refused_in_the_document_list_and_the_good_one_survives() {
    let page = Page::mount().await;
    page.drop_files(&[file("finance.txt", FINANCE)]);
    page.settle_docs(1).await;

    refused(
        &page,
        file("empty.txt", ""),
        "empty.txt",
        "文件为空",
        "The file is empty",
    )
    .await;

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    refused(
        &page,
        bytes_file("photo.txt", &png),
        "photo.txt",
        "二进制",
        "binary data",
    )
    .await;

    let mut broken = b"\xEF\xBB\xBF".to_vec();
    broken.extend(std::iter::repeat_n(b"\xFF\xFE\xC0\xC1\x80".as_slice(), 400).flatten());
    refused(
        &page,
        bytes_file("broken.txt", &broken),
        "broken.txt",
        "无法解码",
        "could not be decoded",
    )
    .await;

    // 21 MB, built in JavaScript (the limit is 20 MB).
    let big = Uint8Array::new_with_length(21 * 1024 * 1024);
    big.fill(b'a', 0, big.length());
    let big = File::new_with_u8_array_sequence(&Array::of1(&big), "big.txt").unwrap();
    refused(&page, big, "big.txt", "文件过大", "File too large").await;

    // One 2 MB line of Chinese without punctuation.
    let han: Vec<char> =
        "复工复产企业政府推动落实服务保障经济发展建设项目资金金融机构人员防控疫情工作"
            .chars()
            .collect();
    let mut seed = 3u64;
    let blob: String = (0..700_000)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            han[(seed >> 33) as usize % han.len()]
        })
        .collect();
    refused(
        &page,
        file("blob.txt", &blob),
        "blob.txt",
        "没有标点",
        "without punctuation",
    )
    .await;

    refused(
        &page,
        bytes_file(
            "corrupt.docx",
            b"PK\x03\x04 this is not really a zip archive",
        ),
        "corrupt.docx",
        "损坏",
        "corrupt",
    )
    .await;

    // A tiny zip whose entry inflates to 21 MB of spaces.
    let bomb = zip_of(&[("bomb.txt", &|w: &mut dyn Write| {
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..21 {
            w.write_all(&chunk).unwrap();
        }
    })]);
    assert!(bomb.len() < 1024 * 1024, "a small file: {}", bomb.len());
    refused(
        &page,
        bytes_file("bomb.zip", &bomb),
        "bomb.zip",
        "文件过大",
        "File too large",
    )
    .await;

    refused(
        &page,
        file("again.txt", FINANCE),
        "again.txt",
        "重复",
        "Duplicate",
    )
    .await;

    // Nesting deeper than the limit: nothing but divs is refused …
    let n = 20_000;
    let divs = format!("{}{}", "<div>".repeat(n), "</div>".repeat(n));
    refused(
        &page,
        file("only-divs.html", &divs),
        "only-divs.html",
        "没有正文",
        "No article text",
    )
    .await;
    // … and an article inside them is read, with a bilingual warning in its list entry.
    let nested = format!(
        "<html><body>{}<p>{LABOR}</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    page.drop_files(&[file("nested.html", &nested)]);
    page.settle_docs(2).await;
    let warning = page
        .item("d2")
        .query_selector("[data-testid=\"doc-warning\"]")
        .unwrap();
    let warning = warning.and_then(|w| w.text_content()).unwrap_or_default();
    assert!(
        warning.contains("嵌套") && warning.contains("nested deeper"),
        "{warning}"
    );
    assert_eq!(
        page.all("doc-error").len(),
        9,
        "every refusal is still listed"
    );
    assert!(page.text("doc-list").contains("finance.txt"));
}

#[wasm_bindgen_test]
async fn a_big5_document_is_read_again_in_another_encoding_under_its_id() {
    let page = Page::mount().await;
    let (big5, _, _) = encoding_rs::BIG5.encode(TRADITIONAL);
    page.drop_files(&[file("finance.txt", FINANCE), bytes_file("big5.txt", &big5)]);
    page.settle_docs(2).await;
    let reading = page.item("d2").text_content().unwrap_or_default();
    assert!(
        reading.contains("Big5") && reading.contains("繁体"),
        "{reading}"
    );

    page.open_details("d2").await;
    assert_eq!(page.text("doc-encoding"), "Big5");
    assert_eq!(page.text("doc-script"), "繁体");
    let select: HtmlSelectElement = page.get("encoding-select").dyn_into().unwrap();
    assert_eq!(select.value(), "auto");
    let offered: Vec<String> = (0..select.length())
        .filter_map(|i| select.item(i))
        .filter_map(|o| o.get_attribute("value"))
        .collect();
    assert_eq!(
        offered.len(),
        cuoshi_core::decode::ENCODINGS.len() + 1,
        "{offered:?}"
    );

    page.set(&page.get("encoding-select"), "gb18030", "change");
    page.settle(|p| p.idle() && p.text("doc-encoding") == "gb18030")
        .await;
    assert_eq!(page.docs(), 2);
    assert_eq!(
        page.get("doc-details").get_attribute("data-doc").as_deref(),
        Some("d2"),
        "same id, still open"
    );
    let select: HtmlSelectElement = page.get("encoding-select").dyn_into().unwrap();
    assert_eq!(select.value(), "gb18030", "the forced encoding is shown");

    page.set(&page.get("encoding-select"), "auto", "change");
    page.settle(|p| p.idle() && p.text("doc-encoding") == "Big5")
        .await;
    let ids: Vec<String> = page
        .all("doc-item")
        .iter()
        .filter_map(|e| e.get_attribute("data-doc"))
        .collect();
    assert_eq!(ids, ["d1", "d2"]);
    let columns: Vec<String> = page
        .all("matrix-cell")
        .iter()
        .filter_map(|c| c.get_attribute("data-doc"))
        .collect();
    assert!(columns.contains(&"d2".to_string()));
}

#[wasm_bindgen_test]
async fn a_removed_line_is_restored_and_the_restore_undone() {
    let page = Page::mount().await;
    page.drop_files(&[
        file("finance.txt", FINANCE),
        file("meeting.txt", WITH_CREDIT),
    ]);
    page.settle_docs(2).await;
    page.open_details("d2").await;
    let removed = |p: &Page| {
        p.all("removed-line")
            .iter()
            .filter_map(|e| e.text_content())
            .collect::<Vec<_>>()
    };
    let line = removed(&page)
        .iter()
        .position(|t| t.contains("责任编辑"))
        .expect("the credit was removed");
    let restore = page.all("removed-line")[line]
        .query_selector("[data-testid=\"restore-line\"]")
        .unwrap()
        .unwrap();
    assert!(page.find("reset-lines").is_none());
    page.click(&restore);
    page.settle(|p| p.idle() && p.find("reset-lines").is_some())
        .await;
    assert!(
        !removed(&page).iter().any(|t| t.contains("责任编辑")),
        "{:?}",
        removed(&page)
    );
    assert_eq!(page.docs(), 2);

    page.click(&page.get("reset-lines"));
    page.settle(|p| p.idle() && p.find("reset-lines").is_none())
        .await;
    assert!(removed(&page).iter().any(|t| t.contains("责任编辑")));
}

#[wasm_bindgen_test]
async fn edited_metadata_shows_in_the_list_and_the_matrix_header() {
    let page = Page::mount().await;
    page.drop_files(&[file("finance.txt", FINANCE), file("labor.txt", LABOR)]);
    page.settle_docs(2).await;
    page.open_details("d1").await;

    // A date the form cannot read: a bilingual message, nothing sent.
    page.set(&page.get("meta-date"), "2020-13-01", "input");
    page.click(&page.get("meta-save"));
    page.settle(|p| p.find("meta-error").is_some()).await;
    let error = page.text("meta-error");
    assert!(
        error.contains("无法识别") && error.contains("not understood"),
        "{error}"
    );
    assert!(page.idle());

    page.set(&page.get("meta-title"), "金融支持中小微企业通知", "input");
    page.set(&page.get("meta-date"), "2020-02-18", "input");
    page.set(&page.get("meta-source"), "人民网", "input");
    page.set(&page.get("meta-place"), "乌海市", "input");
    page.set(&page.get("meta-kind"), "announcement", "change");
    page.set(&page.get("meta-issuer"), "市财政局、市金融办", "input");
    page.set(&page.get("meta-number"), "乌财发〔2020〕7号", "input");
    page.click(&page.get("meta-save"));
    page.settle(|p| {
        p.idle()
            && p.item("d1")
                .text_content()
                .unwrap_or_default()
                .contains("金融支持中小微企业通知")
    })
    .await;
    assert!(page.find("meta-error").is_none());
    let entry = page.item("d1").text_content().unwrap_or_default();
    assert!(
        entry.contains("2020-02-18") && entry.contains("乌海市"),
        "{entry}"
    );
    let item = page.item("d1");
    let fact = |testid: &str| {
        item.query_selector(&format!("[data-testid=\"{testid}\"]"))
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    assert_eq!(fact("doc-kind"), "通知公告");
    assert!(
        fact("doc-issuer").contains("市财政局"),
        "{}",
        fact("doc-issuer")
    );
    assert!(entry.contains("乌财发〔2020〕7号"), "{entry}");
    let header = page
        .select(".matrix thead")
        .pop()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(
        header.contains("乌海市") && header.contains("2020-02-18"),
        "{header}"
    );
    let meta_title: HtmlInputElement = page.get("meta-title").dyn_into().unwrap();
    assert_eq!(meta_title.value(), "金融支持中小微企业通知");

    // A year left out stays unknown; an empty place clears it.
    page.set(&page.get("meta-date"), "03-12", "input");
    page.set(&page.get("meta-place"), "", "input");
    page.click(&page.get("meta-save"));
    page.settle(|p| {
        p.idle()
            && p.item("d1")
                .text_content()
                .unwrap_or_default()
                .contains("????-03-12")
    })
    .await;
    assert!(!page
        .item("d1")
        .text_content()
        .unwrap_or_default()
        .contains("乌海市"));
    assert!(
        page.text("doc-list").contains("labor.txt"),
        "the other document is untouched"
    );
}

#[wasm_bindgen_test]
async fn the_settings_panel_renames_a_category_refuses_bad_json_and_takes_stop_words() {
    let page = Page::mount().await;
    page.drop_files(&[file("finance.txt", FINANCE), file("labor.txt", LABOR)]);
    page.settle_docs(2).await;
    let labels = page.row_labels();
    assert!(labels.len() >= 13, "{labels:?}");

    page.click(&page.get("open-settings"));
    page.settle(|p| p.idle() && !p.all("category-label").is_empty())
        .await;
    let first = page.all("category-row")[0]
        .get_attribute("data-category")
        .unwrap();
    page.set(&page.all("category-label")[0], "我的分类", "change");
    page.settle(|p| {
        p.get("taxonomy-json")
            .dyn_ref::<HtmlTextAreaElement>()
            .unwrap()
            .value()
            .contains("我的分类")
    })
    .await;
    page.click(&page.get("settings-apply"));
    page.settle(|p| p.idle() && p.row_labels().contains(&"我的分类".to_string()))
        .await;
    let renamed = page.row_labels();
    assert_eq!(renamed.len(), labels.len());
    assert!(
        !renamed.contains(&labels[0]) || labels[0] == "我的分类",
        "{renamed:?}"
    );
    assert_eq!(
        page.all("category-row")[0]
            .get_attribute("data-category")
            .as_deref(),
        Some(first.as_str())
    );
    assert_eq!(page.docs(), 2);

    // Exports: the taxonomy as the user edited it.
    page.click(&page.get("taxonomy-export"));
    page.settle(|p| !p.downloads.borrow().is_empty()).await;
    let exported = page.downloads.borrow()[0].clone();
    assert_eq!(exported.name, "taxonomy.json");
    assert!(String::from_utf8(exported.bytes)
        .unwrap()
        .contains("我的分类"));

    // Bad taxonomy JSON: the bilingual refusal in the panel, the matrix unchanged.
    page.set(&page.get("taxonomy-json"), "{ not json", "input");
    page.click(&page.get("settings-apply"));
    page.settle(|p| p.idle() && p.find("settings-error").is_some())
        .await;
    let error = page.text("settings-error");
    assert!(
        error.contains("分类表不是有效的 JSON") && !error.contains("not valid JSON"),
        "in the language chosen: {error}"
    );
    assert_eq!(
        page.get("settings-error")
            .get_attribute("data-kind")
            .as_deref(),
        Some("taxonomy_not_json")
    );
    assert_eq!(page.row_labels(), renamed, "the matrix is unchanged");
    assert_eq!(page.docs(), 2);

    // A stop-word file that is not UTF-8 is refused at once.
    page.pick(
        "stopwords-input",
        &[bytes_file("gbk.txt", b"\xd2\xdf\xc7\xe9\n")],
    );
    page.settle(|p| p.text("settings-error").contains("gbk.txt"))
        .await;

    // Back to a valid taxonomy, with a stop-word file: the keyword disappears.
    page.click(&page.get("settings-close"));
    page.settle(|p| p.find("settings").is_none()).await;
    page.click(&page.get("tab-keywords"));
    page.settle(|p| !p.all("keyword").is_empty()).await;
    let word = page.all("keyword")[0].get_attribute("data-word").unwrap();
    page.click(&page.get("open-settings"));
    page.settle(|p| p.idle() && !p.all("category-label").is_empty())
        .await;
    assert!(
        page.find("settings-error").is_none(),
        "a new opening starts clean"
    );
    page.pick(
        "stopwords-input",
        &[file("stopwords.txt", &format!("# mine\n{word}\n"))],
    );
    page.settle(|p| {
        p.get("stopwords-text")
            .dyn_ref::<HtmlTextAreaElement>()
            .unwrap()
            .value()
            .contains(&word)
    })
    .await;
    page.click(&page.get("settings-apply"));
    let gone = word.clone();
    page.settle(move |p| {
        p.idle()
            && !p
                .all("keyword")
                .iter()
                .any(|k| k.get_attribute("data-word").as_deref() == Some(&gone))
    })
    .await;
    assert!(page.find("settings-error").is_none());
    let stop: HtmlTextAreaElement = page.get("stopwords-text").dyn_into().unwrap();
    assert!(
        stop.value().contains(&word),
        "the panel shows the stop words in force"
    );
    page.click(&page.get("tab-matrix"));
    page.settle(|p| !p.row_labels().is_empty()).await;
    assert!(
        page.row_labels().contains(&"我的分类".to_string()),
        "the renamed label is still in force"
    );
}

#[wasm_bindgen_test]
async fn a_rich_paste_is_cleaned_as_html() {
    let page = Page::mount().await;
    let html = format!(
        "<html><head><title>复工复产通知</title><style>p {{ color: red }}</style></head><body>\
         <nav>首页 &gt; 新闻中心 &gt; 政策</nav><script>var notice = \"{FINANCE}\";</script>\
         <p>{LABOR}</p><div>{FINANCE}</div></body></html>"
    );
    let transfer = DataTransfer::new().unwrap();
    transfer.set_data("text/html", &html).unwrap();
    transfer
        .set_data(
            "text/plain",
            &format!("首页 > 新闻中心 > 政策\n{LABOR}\n{FINANCE}"),
        )
        .unwrap();
    let init = ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&transfer));
    // Firefox takes one type through its own `dataType` / `data` members instead.
    js_sys::Reflect::set(&init, &"dataType".into(), &"text/html".into()).unwrap();
    js_sys::Reflect::set(&init, &"data".into(), &html.as_str().into()).unwrap();
    let paste = ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    let carried = paste.clipboard_data().expect("a paste carries data");
    assert!(carried.get_data("text/html").unwrap().contains("一企一策"));
    let area: HtmlTextAreaElement = page.get("paste-input").dyn_into().unwrap();
    area.focus().unwrap();
    area.dispatch_event(&paste).unwrap();
    page.settle(|p| p.find("paste-rich").is_some()).await;
    assert!(paste.default_prevented(), "the page took the paste over");
    if !carried.get_data("text/plain").unwrap().is_empty() {
        assert!(
            area.value().contains("一企一策"),
            "the box shows the text: {}",
            area.value()
        );
    }

    page.click(&page.get("paste-add"));
    page.settle_docs(1).await;
    assert_eq!(area.value(), "");
    assert!(page.find("paste-rich").is_none());
    let entry = page.item("d1").text_content().unwrap_or_default();
    assert!(entry.contains("粘贴文本1.html"), "{entry}");
    page.open_details("d1").await;
    let details = page.text("doc-details");
    assert!(
        !details.contains("var notice"),
        "the script was dropped: {details}"
    );

    // A plain-text paste (no text/html) goes in as text.
    let transfer = DataTransfer::new().unwrap();
    transfer.set_data("text/plain", "x").unwrap();
    let init = ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&transfer));
    let paste = ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    area.dispatch_event(&paste).unwrap();
    yew::scheduler::flush().await;
    assert!(!paste.default_prevented() && page.find("paste-rich").is_none());
    area.set_value("县里协调金融机构出台延长还款期限、降低融资成本的措施，帮助企业渡过难关。");
    page.click(&page.get("paste-add"));
    page.settle_docs(2).await;
    assert!(page
        .item("d2")
        .text_content()
        .unwrap_or_default()
        .contains("粘贴文本2"));
    assert!(!page
        .item("d2")
        .text_content()
        .unwrap_or_default()
        .contains(".html"));
}
