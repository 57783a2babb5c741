//! Bytes → text: detects the encoding (BOM, UTF-8, GB18030/GBK, Big5, UTF-16) and decodes.
//!
//! This module owns the first step of ingestion: whatever a user drops or pastes arrives
//! here as bytes. Chinese government pages are still often saved in GBK/GB18030 (mainland)
//! or Big5 (Hong Kong, Taiwan, and some mirrors), sometimes as UTF-16 from Windows tools, and
//! now and then the "article" is really a PDF, an image or a zip. The order of the checks is
//! deliberate: a byte-order mark is the strongest evidence, then UTF-16 without a BOM (its
//! NUL pattern would otherwise look like binary), then a binary sniff (file signatures, NUL
//! bytes, control characters), then strict UTF-8, then UTF-8 with a few damaged bytes, and
//! only then the statistical guess of `chardetng` decoded by `encoding_rs`. Text that still
//! decodes to mostly replacement characters is refused as undecodable, and so is a guess of
//! a single-byte Western encoding that yields no Chinese at all but mostly accented
//! letters (random high bytes). Nothing here panics.
//!
//! A user who sees mojibake can force an encoding: [`decode_as`] decodes with any
//! `encoding_rs` label (`gbk`, `big5`, `utf-16le` …; [`ENCODINGS`] lists the ones worth
//! offering) and skips detection and the binary sniff, but not the undecodable check.

use super::error::IngestError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// Decoded text with the name of the encoding it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// encoding_rs name, e.g. `UTF-8`, `GBK`, `Big5`, `UTF-16LE`.
    pub encoding: String,
    /// What the reader should know of the decoding (lines in another encoding).
    pub warnings: Vec<String>,
}

/// The encodings an interface offers for an override: `(label for decode_as, name shown)`.
pub const ENCODINGS: &[(&str, &str)] = &[
    ("utf-8", "UTF-8"),
    ("gb18030", "GB18030 / GBK"),
    ("big5", "Big5"),
    ("utf-16le", "UTF-16LE"),
    ("utf-16be", "UTF-16BE"),
];

fn for_label(label: &str) -> Result<&'static Encoding, IngestError> {
    Encoding::for_label_no_replacement(label.trim().as_bytes())
        .ok_or_else(|| IngestError::UnknownEncoding(label.trim().to_string()))
}

/// The name of the encoding `label` stands for (`gbk` → `GBK`, `utf-16` → `UTF-16LE`), or
/// [`IngestError::UnknownEncoding`].
pub fn encoding_name(label: &str) -> Result<&'static str, IngestError> {
    for_label(label).map(|e| e.name())
}

/// Decodes `bytes` as the encoding `label` names (an `encoding_rs` / WHATWG label such as
/// `gbk`, `gb18030`, `big5`, `utf-8`, `utf-16le`), skipping detection. A byte-order mark of
/// that same encoding is dropped. An unknown label is [`IngestError::UnknownEncoding`].
pub fn decode_as(bytes: &[u8], label: &str) -> Result<Decoded, IngestError> {
    let encoding = for_label(label)?;
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let body = match Encoding::for_bom(bytes) {
        Some((bom_encoding, bom_len)) if bom_encoding == encoding => {
            bytes.get(bom_len..).unwrap_or_default()
        }
        _ => bytes,
    };
    finish(encoding, body)
}

/// How many leading bytes the binary and UTF-16 sniffers look at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Share of replacement characters above which a decoding is refused.
const MAX_REPLACEMENT_SHARE: f64 = 0.2;

/// Detects the encoding of `bytes` and decodes them.
pub fn decode(bytes: &[u8]) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return finish(encoding, body);
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return finish(encoding, bytes);
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(text.to_string(), "UTF-8");
    }
    if mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let mut decoded = checked(text, "UTF-8")?;
        decoded.warnings.push(foreign_lines_warning(bytes));
        return Ok(decoded);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let decoded = finish(encoding, bytes)?;
    if is_noise(encoding, &decoded.text) {
        return Err(IngestError::Undecodable(format!("{}?", encoding.name())));
    }
    Ok(decoded)
}

/// A guessed single-byte encoding that found no Chinese and decodes mostly to non-ASCII
/// letters: random high bytes, not an article.
fn is_noise(encoding: &'static Encoding, text: &str) -> bool {
    let cjk = [
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::EUC_JP,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_KR,
    ];
    if cjk.contains(&encoding) || encoding == encoding_rs::UTF_8 {
        return false;
    }
    let (mut total, mut high) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if super::convert::is_han(c) {
            return false;
        }
        total += 1;
        high += usize::from(!c.is_ascii());
    }
    high * 10 > total * 3
}

/// Decodes `body` (without BOM) as `encoding` and checks the result.
fn finish(encoding: &'static Encoding, body: &[u8]) -> Result<Decoded, IngestError> {
    let (text, _had_errors) = encoding.decode_without_bom_handling(body);
    checked(text.into_owned(), encoding.name())
}

/// Refuses empty and undecodable results; strips a stray leading BOM character.
fn checked(mut text: String, name: &str) -> Result<Decoded, IngestError> {
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        if c == '\u{fffd}' || (c.is_control() && c != '\u{1b}') {
            bad += 1;
        }
    }
    if total == 0 {
        return Err(IngestError::Empty);
    }
    if bad as f64 / total as f64 > MAX_REPLACEMENT_SHARE {
        return Err(IngestError::Undecodable(name.to_string()));
    }
    Ok(Decoded {
        text,
        encoding: name.to_string(),
        warnings: Vec::new(),
    })
}

/// The warning of a UTF-8 text with lines in another encoding: which lines (the first
/// ten), and that their foreign bytes show as �.
fn foreign_lines_warning(bytes: &[u8]) -> String {
    let lines: Vec<usize> = (bytes.split(|&b| b == b'\n').enumerate())
        .filter(|(_, line)| std::str::from_utf8(line).is_err())
        .map(|(i, _)| i + 1)
        .collect();
    let mut shown: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
    if lines.len() > 10 {
        shown.push("…".into());
    }
    let shown = shown.join(", ");
    format!(
        "第 {shown} 行不是 UTF-8（可能是 GBK 等其他编码），无法读出的字节显示为 �，可在“编码”中改选 / Line {shown} is not UTF-8 (another encoding such as GBK?): its unreadable bytes show as �; choose the encoding to read it otherwise"
    )
}

/// UTF-16 without a BOM: NUL bytes concentrated on one parity of the byte positions.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.len() < 16 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    // ASCII-heavy UTF-16 has a NUL in most pairs (CJK-heavy UTF-16 without a BOM has few
    // and is left to the binary check): claim UTF-16 only when one side is NUL in most pairs
    // and the other almost never.
    let rich = pairs * 6 / 10;
    let poor = pairs / 50;
    if odd_nul > rich && even_nul <= poor {
        Some(UTF_16LE)
    } else if even_nul > rich && odd_nul <= poor {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// File signatures of common non-text formats, NUL bytes, or many control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"%PDF-",
        b"PK\x03\x04",
        b"\x89PNG",
        b"GIF87a",
        b"GIF89a",
        b"\xFF\xD8\xFF",
        b"\xD0\xCF\x11\xE0", // OLE2: .doc, .xls
        b"\x1F\x8B",         // gzip
        b"Rar!",
        b"7z\xBC\xAF",
        b"\x7FELF",
        b"MZ\x90\x00",
    ];
    if SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len().max(1)
}

/// UTF-8 with a few damaged bytes (a truncated download, one bad copy): far more valid
/// multi-byte sequences than invalid ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    multibyte >= 20 && invalid * 100 <= multibyte
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "市委、市政府召开全市复工复产工作部署会议，要求各地落实一企一策，推动企业尽快复工复产，保障人员有序流动和物流畅通。";
    const SAMPLE_TRAD: &str = "市委、市政府召開全市復工復產工作部署會議，要求各地落實一企一策，推動企業儘快復工復產，保障人員有序流動和物流暢通。";

    fn utf16le_with_bom(s: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        for unit in s.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn a_line_in_another_encoding_inside_utf8_is_named_in_a_warning() {
        // One GBK line among a hundred of UTF-8 (a paragraph pasted from another file).
        let mut bytes = format!("{SAMPLE}\n").repeat(100).into_bytes();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("县里协调金融机构降低融资成本。").0);
        bytes.extend_from_slice(format!("\n{SAMPLE}\n").as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(
            d.warnings[0].contains("Line 101 is not UTF-8") && d.warnings[0].contains("第 101 行"),
            "{:?}",
            d.warnings
        );
        assert!(decode(SAMPLE.as_bytes()).unwrap().warnings.is_empty());
    }

    #[test]
    fn empty_and_blank_inputs_are_empty() {
        assert_eq!(decode(b""), Err(IngestError::Empty));
        assert_eq!(decode(b"   \n\t "), Err(IngestError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(IngestError::Empty));
    }

    #[test]
    fn plain_utf8_and_utf8_bom() {
        let d = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (SAMPLE, "UTF-8"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (SAMPLE, "UTF-8"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let d = decode(&utf16le_with_bom(SAMPLE)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (SAMPLE, "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        for unit in SAMPLE.encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (SAMPLE, "UTF-16BE"));
        let ascii = "Policy notice 2020: resume work and production.";
        let bytes: Vec<u8> = ascii.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (ascii, "UTF-16LE"));
    }

    #[test]
    fn gbk_and_big5_are_detected() {
        let long = SAMPLE.repeat(4);
        let (gbk, _, _) = encoding_rs::GBK.encode(&long);
        let d = decode(&gbk).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            (long.as_str(), "GBK")
        );
        let long_trad = SAMPLE_TRAD.repeat(4);
        let (big5, _, _) = encoding_rs::BIG5.encode(&long_trad);
        let d = decode(&big5).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            (long_trad.as_str(), "Big5")
        );
    }

    #[test]
    fn binary_inputs_are_refused() {
        assert_eq!(
            decode(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
            Err(IngestError::Binary)
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(IngestError::Binary)
        );
        assert_eq!(decode(b"abc\0def\0ghi"), Err(IngestError::Binary));
        let controls: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(decode(&controls), Err(IngestError::Binary));
    }

    #[test]
    fn slightly_damaged_utf8_stays_utf8() {
        let mut bytes = SAMPLE.repeat(3).into_bytes();
        bytes.push(0xE5); // a truncated last character
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.starts_with(SAMPLE));
    }

    #[test]
    fn mostly_replacement_characters_are_undecodable() {
        let mut text = "\u{fffd}".repeat(50);
        text.push_str("abc");
        assert!(matches!(
            decode(text.as_bytes()),
            Err(IngestError::Undecodable(_))
        ));
    }

    #[test]
    fn forced_encodings_decode_and_unknown_labels_are_refused() {
        let long = SAMPLE_TRAD.repeat(4);
        let (big5, _, _) = encoding_rs::BIG5.encode(&long);
        let d = decode_as(&big5, "big5").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            (long.as_str(), "Big5")
        );
        // Forcing the wrong one gives other text, not an error, as long as it decodes.
        let d = decode_as(&big5, "GBK").unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_ne!(d.text, long);
        // UTF-16 without a BOM and with CJK text looks binary to detection; forcing reads it.
        let le: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode_as(&le, " utf-16le ").unwrap().text, SAMPLE);
        assert_eq!(
            decode_as(&utf16le_with_bom(SAMPLE), "utf-16le")
                .unwrap()
                .text,
            SAMPLE
        );
        let e = decode_as(SAMPLE.as_bytes(), "klingon").unwrap_err();
        assert_eq!(e, IngestError::UnknownEncoding("klingon".into()));
        assert!(e.to_string().contains("未知的编码") && e.to_string().contains("Unknown encoding"));
        assert_eq!(decode_as(b"", "utf-8"), Err(IngestError::Empty));
        assert!(matches!(
            decode_as(b"\xff\xfe\xfd\xfc\xfb", "utf-8"),
            Err(IngestError::Undecodable(_))
        ));
        assert!(ENCODINGS
            .iter()
            .all(|(label, _)| decode_as(b"ab", label).is_ok()));
    }

    #[test]
    fn random_high_bytes_are_undecodable_not_latin_text() {
        let mut seed = 5u64;
        let bytes: Vec<u8> = (0..4000)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                0x80 | (seed >> 33) as u8
            })
            .collect();
        match decode(&bytes) {
            Err(IngestError::Undecodable(_)) => {}
            Ok(d) => assert!(
                d.text.chars().any(crate::convert::is_han),
                "{} decoded as {}",
                &d.text[..40],
                d.encoding
            ),
            Err(e) => panic!("{e}"),
        }
        let latin = "Cafe\u{e9} r\u{e9}sum\u{e9}: policy notes for the season, plain text with few accents.";
        let (w1252, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
        assert!(decode(&w1252).is_ok());
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut seed = 12345u64;
        for len in [1usize, 2, 3, 7, 64, 513, 4096] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 33) as u8
                })
                .collect();
            let _ = decode(&bytes);
        }
    }
}
