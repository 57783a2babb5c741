//! Raw article text → the cleaned, simplified text the analysis runs on.
//!
//! STUB — owned by the ingestion work; see the signature contract below.

/// The script an input was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Simplified,
    Traditional,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// The result of cleaning one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Cleaned {
    /// Cleaned, simplified article text (paragraphs separated by `\n`).
    pub text: String,
    pub script: Script,
    /// Lines removed as boilerplate, simplified.
    pub removed: Vec<String>,
    pub warnings: Vec<String>,
    /// Front-matter keys and values (Jekyll `---` block), if any.
    pub front_matter: Vec<(String, String)>,
    /// Every line of the document after HTML/pinyin removal and conversion, before
    /// boilerplate removal, in order: metadata is read from these.
    pub all_lines: Vec<String>,
}

/// Cleans one decoded document.
pub fn clean(raw: &str) -> Cleaned {
    let lines: Vec<String> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    Cleaned {
        text: lines.join("\n"),
        script: Script::Simplified,
        removed: Vec::new(),
        warnings: Vec::new(),
        front_matter: Vec::new(),
        all_lines: lines,
    }
}
