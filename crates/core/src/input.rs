//! What the analysis takes in: one article as the user gave it ([`Input`]: a name and its
//! bytes, with what the user chose for it) and the largest one accepted. Its own module so
//! that containers, workspaces and the pipeline all use it without depending on each other.

/// The largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// Metadata an input carries from outside its text (a JSON corpus's `title`, `date`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetaHint {
    pub title: Option<String>,
    /// `2020-03-12`, `2020/3/12` or `2020年3月12日`; parts may be missing.
    pub date: Option<String>,
}

/// One article to analyze: a name (file name, or a label for pasted text) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub hint: MetaHint,
    /// An encoding the user chose (an `encoding_rs` label such as `gbk`, `big5`,
    /// `utf-16le`); `None` detects it. See [`crate::decode::decode_as`].
    pub encoding: Option<String>,
    /// Indices (into the cleaner's `all_lines`) of lines the user restored: kept even where
    /// a boilerplate rule would remove them. See [`crate::clean::clean_with`].
    pub keep_lines: Vec<usize>,
}

impl Input {
    /// The article `name` with these bytes, nothing chosen for it.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Input {
            name: name.into(),
            bytes: bytes.into(),
            hint: MetaHint::default(),
            encoding: None,
            keep_lines: Vec::new(),
        }
    }
}
