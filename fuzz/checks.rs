// The fuzz targets' entry points and the invariants they check, shared word for word by
// `fuzz/fuzz_targets/*.rs` and `crates/core/tests/fuzz_regressions.rs` (both `include!` this file), so a
// crashing input kept in `tests/fixtures/fuzz/` replays exactly what the fuzzer ran.
//
// Each entry point must never panic, and what it returns must be consistent: offsets inside
// the text, every measure inside its sentence, every original span mapping back over it.

use cuoshi_core::pipeline::{Analyzer, Input};
use cuoshi_core::{clean, decode, meta, offsets, sentence};

/// `decode` target: detection, then each override label an interface offers.
pub fn fuzz_decode(data: &[u8]) {
    if let Ok(d) = decode::decode(data) {
        assert!(!d.encoding.is_empty());
    }
    let (label, _) = decode::ENCODINGS[data.first().map_or(0, |b| *b as usize) % decode::ENCODINGS.len()];
    let _ = decode::decode_as(data, label);
}

/// `clean` target: the cleaner and the metadata reader over any text, keeping a line or two.
pub fn fuzz_clean(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let keep: Vec<usize> = data.iter().take(2).map(|b| *b as usize % 8).collect();
    let cleaned = clean::clean_with(&raw, &keep);
    assert_eq!(cleaned.removed.len(), cleaned.removed_lines.len());
    assert_eq!(cleaned.all_lines.len(), cleaned.line_kinds.len());
    let n = cleaned.text.chars().count();
    let o = cleaned.original.chars().count();
    check_map(&cleaned.original_map, n, o);
    let _ = meta::extract(&cleaned);
}

/// The map's stretches are sorted, disjoint and inside both texts; both sides advance
/// together between them, so the texts' lengths agree after the last.
fn check_map(map: &[offsets::Stretch], simplified_len: usize, original_len: usize) {
    let (mut s, mut o) = (0usize, 0usize);
    for st in map {
        assert!(st[0] >= s && st[1] >= o && st[0] - s == st[1] - o, "map out of order: {map:?}");
        s = st[0] + st[2];
        o = st[1] + st[3];
    }
    assert!(s <= simplified_len && o <= original_len, "map past the texts: {map:?}");
    assert_eq!(simplified_len - s, original_len - o, "texts disagree after the map: {map:?}");
}

/// `extract` target: the whole `Analyzer::analyze_document` on any bytes (a Word document
/// when they start like a zip), then the report's invariants.
pub fn fuzz_extract(analyzer: &Analyzer, data: &[u8]) {
    let name = if data.starts_with(b"PK") { "fuzz.docx" } else { "fuzz.txt" };
    let Ok(doc) = analyzer.analyze_document("d1", &Input::new(name, data)) else { return };
    let chars: Vec<char> = doc.text.chars().collect();
    let n = chars.len();
    let slice = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
    let original_len = doc.original_text().chars().count();
    if !doc.original.is_empty() {
        check_map(&doc.original_map, n, original_len);
    }
    let sentences = sentence::split(&doc.text);
    for m in &doc.measures {
        assert!(m.start < m.end && m.end <= n, "measure {}..{} outside {n} chars", m.start, m.end);
        assert_eq!(m.text, slice(m.start, m.end), "measure text is not its span");
        assert!(
            sentences.iter().any(|s| s.text == m.sentence && s.start <= m.start && m.end <= s.end),
            "measure {:?} at {}..{} is not inside its sentence {:?}",
            m.text,
            m.start,
            m.end,
            m.sentence
        );
        let (os, oe) = doc.original_span(m.start, m.end);
        assert!(os <= oe && oe <= original_len, "original span {os}..{oe} outside {original_len}");
        let (ts, te) = doc.text_span(os, oe);
        assert!(ts <= m.start && m.end <= te, "original span {os}..{oe} maps back to {ts}..{te}, not over {}..{}", m.start, m.end);
        if doc.original_map.is_empty() {
            assert_eq!(doc.original_slice(m.start, m.end).chars().count(), m.end - m.start);
        }
    }
    for s in &doc.slogans {
        assert!(s.start < s.end && s.end <= n, "slogan {}..{} outside {n} chars", s.start, s.end);
    }
    for f in &doc.figures {
        assert!(f.start < f.end && f.end <= n, "figure {}..{} outside {n} chars", f.start, f.end);
    }
}

/// `containers` target: the bytes as a zip, a Word document, a JSON or a JSONL corpus (the
/// first byte picks which), expanded through the public API within a small budget. No
/// panic; every refusal is named and bilingual; what is yielded stays within the budget.
pub fn fuzz_containers(data: &[u8]) {
    use cuoshi_core::container::{self, Budget, Limits};
    let kinds = ["zip", "docx", "json", "jsonl"];
    let kind = kinds[data.first().map_or(0, |b| *b as usize) % kinds.len()];
    let body = data.get(1..).unwrap_or_default();
    let limits = Limits { bytes: 8 << 20, entries: 64, depth: 2, chars: 1 << 20 };
    let budget = Budget::with_limits(limits);
    let name = format!("fuzz.{kind}");
    let out = container::expand_within(&Input::new(name.clone(), body), &budget);
    let mut chars = 0usize;
    for article in &out {
        match article {
            Ok(input) => {
                chars += std::str::from_utf8(&input.bytes).map_or(input.bytes.len(), |s| s.chars().count());
                // Zip entries and docx keep the container's name as their prefix; JSON
                // records may name themselves.
                if matches!(kind, "zip" | "docx") {
                    assert!(input.name.starts_with(&name), "{:?}", input.name);
                }
            }
            Err((refused, e)) => {
                assert!(!refused.is_empty());
                let m = e.to_string();
                assert!(m.contains(" / "), "not bilingual: {m}");
            }
        }
    }
    assert!(chars as u64 <= limits.chars, "{chars} chars yielded past the budget");
    assert!(budget.bytes_left() <= limits.bytes);
}

/// `workspace` target: any bytes as a workspace file. No panic; a workspace read is written
/// back to the same workspace, and its settings and inputs read as the import reads them.
pub fn fuzz_workspace(data: &[u8]) {
    use cuoshi_core::workspace;
    let Ok(w) = workspace::from_bytes(data) else { return };
    let again = workspace::from_bytes(&workspace::to_bytes(&w)).expect("a written workspace reads back");
    assert_eq!(again, w);
    let settings = w.lexicons();
    let _ = settings.parse_taxonomy();
    let _ = settings.parse_stopwords();
    for saved in &w.inputs {
        let input = saved.input();
        assert_eq!(input.bytes, saved.bytes);
        let _ = cuoshi_core::pipeline::check_type(&input.name);
    }
}
