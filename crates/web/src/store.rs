//! The browser's memory of the workspace: one IndexedDB database, one object store.
//!
//! Records are kept under fixed keys: [`WORKSPACE`] (the engine's snapshot — the input
//! files' bytes, the corrections and the taxonomy, as a workspace file), its [`VERSION`],
//! [`PREVIOUS`] (the workspace an import replaced) and [`SETTINGS`] (the page's choices as
//! JSON), so a reload loses nothing. Two tabs share the records: a write checks, in the
//! same transaction, that the version is still the one this tab read, so a stale tab
//! never overwrites a newer workspace ([`StoreError::Stale`]). The page keeps its settings
//! itself; the workspace is kept by the engine's serve loop through [`IdbStorage`] — in the
//! analysis worker — which restores it when the page starts (`Request::Resume`) and writes
//! each change, so the corpus's bytes never cross to the page's thread.
//! Everything goes through web-sys's `Idb*` bindings wrapped in promises; every failure
//! becomes a [`StoreError`] whose message, in 中文 and English, tells the user what it means
//! for their work — storage full (quota) or storage refused (a private window, a blocked
//! site) — and the page goes on in memory.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

use cuoshi_core::error::Message;
use cuoshi_engine::Storage;

/// The object store's name.
const STORE: &str = "workspace";
/// The key of the engine's workspace snapshot (bytes).
pub const WORKSPACE: &str = "workspace";
/// The key of the page's settings (JSON text).
pub const SETTINGS: &str = "settings";
/// The key of the workspace's version: counted up by each write, so that a tab whose
/// workspace is older than the one kept does not overwrite it.
pub const VERSION: &str = "version";
/// The key of the workspace an import replaced (bytes), for one step of undo.
pub const PREVIOUS: &str = "previous";

/// Why the browser's storage failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The quota is used up.
    Full,
    /// Storage is unavailable or refused (private mode, blocked, no IndexedDB).
    Refused(String),
    /// Another tab kept a newer workspace since this one read it: not overwritten.
    Stale,
}

impl StoreError {
    /// What the user reads.
    pub fn message(&self) -> Message {
        match self {
            StoreError::Full => Message::new(
                "storage_full",
                "浏览器存储空间已满，最近的更改未能保存，刷新后会丢失。请导出工作区文件，或移除一些文档。",
                "The browser's storage is full: the latest changes were not saved and would be lost on reload. \
                 Export a workspace file, or remove some documents.",
            ),
            StoreError::Stale => Message::new(
                "stale_workspace",
                "另一个标签页已更改保存的工作区，本页最近的更改未保存；已载入较新的工作区，请在其上重做该更改。",
                "Another tab changed the saved workspace: this tab's latest change was not saved. \
                 The newer workspace is loaded; make the change again on it.",
            ),
            StoreError::Refused(why) => Message::new(
                "storage_refused",
                format!(
                    "浏览器拒绝在本机保存数据（{why}），刷新后文档与更正会丢失；请导出工作区文件保存。"
                ),
                format!(
                    "The browser refused to keep data on this computer ({why}): documents and corrections \
                     will be lost on reload. Export a workspace file to keep them."
                ),
            ),
        }
    }

    fn from_js(value: &JsValue) -> StoreError {
        let name = value
            .dyn_ref::<web_sys::DomException>()
            .map(|e| (e.name(), e.message()))
            .or_else(|| {
                value
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| (String::from(e.name()), String::from(e.message())))
            });
        match name {
            Some((name, _)) if name == "QuotaExceededError" => StoreError::Full,
            Some((name, message)) if message.is_empty() => StoreError::Refused(name),
            Some((name, message)) => StoreError::Refused(format!("{name}: {message}")),
            None => StoreError::Refused(value.as_string().unwrap_or_else(|| "IndexedDB".into())),
        }
    }
}

/// Resolves when `request` succeeds (with its result), rejects with its error.
async fn finish(request: &IdbRequest) -> Result<JsValue, StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let _ = resolve.call1(
                    &JsValue::NULL,
                    &request.result().unwrap_or(JsValue::UNDEFINED),
                );
            })
        };
        let failed = {
            let request = request.clone();
            Closure::once_into_js(move || {
                let error = request
                    .error()
                    .ok()
                    .flatten()
                    .map_or(JsValue::from_str("IndexedDB"), JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map_err(|e| StoreError::from_js(&e))
}

/// Opens (creating on first use) the database `name`, from a page or a worker.
pub async fn open(name: &str) -> Result<IdbDatabase, StoreError> {
    // `indexedDB` of the global scope: the window's, or the worker's.
    let factory: IdbFactory = js_sys::Reflect::get(&js_sys::global(), &"indexedDB".into())
        .map_err(|e| StoreError::from_js(&e))?
        .dyn_into()
        .map_err(|_| StoreError::Refused("IndexedDB".into()))?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(name, 1)
        .map_err(|e| StoreError::from_js(&e))?;
    let upgrade = {
        let request = request.clone();
        Closure::once_into_js(move || {
            if let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                // Version 1 is the first: the store cannot exist yet (and if it did, the
                // error would leave it as it is).
                let _ = db.create_object_store(STORE);
            }
        })
    };
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = finish(&request).await?;
    db.dyn_into::<IdbDatabase>()
        .map_err(|_| StoreError::Refused("IndexedDB".into()))
}

/// A transaction on the store, and the store in it.
fn transaction(
    db: &IdbDatabase,
    mode: IdbTransactionMode,
) -> Result<(web_sys::IdbTransaction, web_sys::IdbObjectStore), StoreError> {
    let tx = db
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(|e| StoreError::from_js(&e))?;
    let store = tx
        .object_store(STORE)
        .map_err(|e| StoreError::from_js(&e))?;
    Ok((tx, store))
}

/// Reads the value under `key` (`None` when nothing was stored).
pub async fn get(db: &IdbDatabase, key: &str) -> Result<Option<JsValue>, StoreError> {
    let (_tx, store) = transaction(db, IdbTransactionMode::Readonly)?;
    let request = store
        .get(&JsValue::from_str(key))
        .map_err(|e| StoreError::from_js(&e))?;
    let value = finish(&request).await?;
    Ok((!value.is_undefined() && !value.is_null()).then_some(value))
}

/// Writes `value` under `key`; resolves once the transaction is committed (a full quota
/// shows up as the transaction's abort).
pub async fn put(db: &IdbDatabase, key: &str, value: &JsValue) -> Result<(), StoreError> {
    let (tx, store) = transaction(db, IdbTransactionMode::Readwrite)?;
    store
        .put_with_key(value, &JsValue::from_str(key))
        .map_err(|e| StoreError::from_js(&e))?;
    committed(&tx).await
}

/// Resolves once `tx` is committed; rejects with its error when it fails or is aborted.
async fn committed(tx: &web_sys::IdbTransaction) -> Result<(), StoreError> {
    let tx = tx.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = {
            let tx = tx.clone();
            let reject = reject.clone();
            Closure::once_into_js(move || {
                let error = tx
                    .error()
                    .map_or(JsValue::from_str("IndexedDB"), JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        let aborted = {
            let tx = tx.clone();
            Closure::once_into_js(move || {
                let error = tx
                    .error()
                    .map_or(JsValue::from_str("IndexedDB"), JsValue::from);
                let _ = reject.call1(&JsValue::NULL, &error);
            })
        };
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
        tx.set_onabort(Some(aborted.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| StoreError::from_js(&e))
}

/// Writes `bytes` under [`WORKSPACE`] if the version kept under [`VERSION`] is still
/// `expected` (the one this tab read or wrote last), and counts it up; the new version.
/// The check and the writes are one transaction, so two tabs cannot both pass it.
pub async fn put_versioned(
    db: &IdbDatabase,
    bytes: &[u8],
    expected: f64,
) -> Result<f64, StoreError> {
    let (tx, store) = transaction(db, IdbTransactionMode::Readwrite)?;
    let read = store
        .get(&JsValue::from_str(VERSION))
        .map_err(|e| StoreError::from_js(&e))?;
    let stale = std::rc::Rc::new(std::cell::Cell::new(false));
    let value: JsValue = Uint8Array::from(bytes).into();
    let next = expected + 1.0;
    let on_read = {
        let (tx, read, stale) = (tx.clone(), read.clone(), stale.clone());
        // Runs inside the read's success event, while the transaction is active.
        Closure::once_into_js(move || {
            let found = read.result().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            if found != expected {
                stale.set(true);
                let _ = tx.abort();
                return;
            }
            let _ = store.put_with_key(&value, &JsValue::from_str(WORKSPACE));
            let _ = store.put_with_key(&JsValue::from_f64(next), &JsValue::from_str(VERSION));
        })
    };
    read.set_onsuccess(Some(on_read.unchecked_ref()));
    let outcome = committed(&tx).await;
    if stale.get() {
        return Err(StoreError::Stale);
    }
    outcome.map(|()| next)
}

/// Removes the value under `key`.
pub async fn delete(db: &IdbDatabase, key: &str) -> Result<(), StoreError> {
    let (tx, store) = transaction(db, IdbTransactionMode::Readwrite)?;
    store
        .delete(&JsValue::from_str(key))
        .map_err(|e| StoreError::from_js(&e))?;
    committed(&tx).await
}

/// Stores bytes under `key`.
pub async fn put_bytes(db: &IdbDatabase, key: &str, bytes: &[u8]) -> Result<(), StoreError> {
    put(db, key, &Uint8Array::from(bytes).into()).await
}

/// Reads bytes stored with [`put_bytes`].
pub async fn get_bytes(db: &IdbDatabase, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(get(db, key)
        .await?
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        .map(|a| a.to_vec()))
}

/// Stores text under `key`.
pub async fn put_text(db: &IdbDatabase, key: &str, text: &str) -> Result<(), StoreError> {
    put(db, key, &JsValue::from_str(text)).await
}

/// Reads text stored with [`put_text`].
pub async fn get_text(db: &IdbDatabase, key: &str) -> Result<Option<String>, StoreError> {
    Ok(get(db, key).await?.and_then(|v| v.as_string()))
}

/// The engine's workspace in IndexedDB: the [`Storage`] of the serve loop in the analysis
/// worker (and of the in-page engine of browser tests). Until the page asks to keep its
/// work ([`cuoshi_engine::Request::Resume`]) nothing is open and nothing is written.
#[derive(Default)]
pub struct IdbStorage {
    db: Option<IdbDatabase>,
    /// The version of the workspace this engine holds (read or written last).
    version: f64,
}

impl Storage for IdbStorage {
    async fn open(&mut self, name: &str) -> Result<Option<Vec<u8>>, Message> {
        if let Some(db) = self.db.take() {
            db.close();
        }
        let db = open(name).await.map_err(|e| e.message())?;
        let saved = get_bytes(&db, WORKSPACE).await;
        let version = get(&db, VERSION).await;
        self.version = version
            .ok()
            .flatten()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        self.db = Some(db);
        saved.map_err(|e| e.message())
    }

    fn keeps(&self) -> bool {
        self.db.is_some()
    }

    async fn save(&mut self, bytes: Vec<u8>) -> Result<(), Message> {
        let Some(db) = &self.db else { return Ok(()) };
        self.version = put_versioned(db, &bytes, self.version)
            .await
            .map_err(|e| e.message())?;
        Ok(())
    }

    async fn keep_previous(&mut self, bytes: Option<Vec<u8>>) -> Result<(), Message> {
        let Some(db) = &self.db else { return Ok(()) };
        match bytes {
            Some(bytes) => put_bytes(db, PREVIOUS, &bytes).await,
            None => delete(db, PREVIOUS).await,
        }
        .map_err(|e| e.message())
    }

    async fn previous(&mut self) -> Option<Vec<u8>> {
        get_bytes(self.db.as_ref()?, PREVIOUS).await.ok().flatten()
    }
}
