//! Reading numbers as Chinese policy writing spells them.
//!
//! Figures (`figures`) and numeric slogans (`slogans`) both need to recognise a number at a
//! char position and know its value: Arabic digits (half- and full-width, with decimals and
//! thousands separators) and Chinese numerals (十一, 两, 一百二十, 三千五百, 〇). The
//! scaling characters 万 and 亿 are *not* folded into the value here: the report keeps
//! `174.9亿元` as value 174.9 with unit 亿元, so callers treat 万/亿 as part of the unit.
//! Everything works on `&[char]` so that no string is ever sliced inside a character.

/// True for an ASCII or full-width decimal digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        c.to_digit(10)
    } else if ('０'..='９').contains(&c) {
        Some(c as u32 - '０' as u32)
    } else {
        None
    }
}

/// The value of a Chinese digit character (not the place markers 十百千).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a Chinese place marker below 万.
fn cn_place(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// True for a character that can be part of a Chinese numeral below 万.
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_place(c).is_some()
}

/// Reads an Arabic number at `i`: digits with an optional decimal part and `,` thousands
/// separators. Returns the value and how many chars it spans.
pub fn read_arabic(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut s = String::new();
    let mut seen_dot = false;
    while j < chars.len() {
        let c = chars[j];
        if let Some(d) = digit_value(c) {
            s.push(char::from_digit(d, 10).unwrap_or('0'));
            j += 1;
        } else if (c == '.' || c == '．')
            && !seen_dot
            && j + 1 < chars.len()
            && is_digit(chars[j + 1])
            && j > i
        {
            seen_dot = true;
            s.push('.');
            j += 1;
        } else if c == ','
            && j > i
            && !seen_dot
            && (1..=3).all(|k| chars.get(j + k).is_some_and(|&d| d.is_ascii_digit()))
            && !chars.get(j + 4).is_some_and(|&d| is_digit(d))
        {
            // A thousands separator: exactly three digits follow.
            j += 1;
        } else {
            break;
        }
    }
    if j == i {
        return None;
    }
    s.parse::<f64>().ok().map(|v| (v, j - i))
}

/// Reads a Chinese numeral below 万 at `i` (一, 十一, 两, 二十五, 三百零二, 一千五百).
/// Returns the value and how many chars it spans.
pub fn read_chinese(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    let mut total: u64 = 0;
    let mut pending: Option<u64> = None;
    let mut last_place = u64::MAX;
    while j < chars.len() {
        let c = chars[j];
        if let Some(d) = cn_digit(c) {
            // 零 inside a numeral (三百零二) only marks a gap.
            if d == 0
                && j > i
                && chars
                    .get(j + 1)
                    .is_some_and(|&n| cn_digit(n).is_some_and(|v| v > 0))
            {
                j += 1;
                continue;
            }
            if pending.is_some() {
                // Two digits in a row (一二, 三四) are not one numeral.
                break;
            }
            pending = Some(d as u64);
            j += 1;
        } else if let Some(p) = cn_place(c) {
            let p = p as u64;
            if p >= last_place {
                break;
            }
            let d = pending.take().unwrap_or(if j == i { 1 } else { 0 });
            if d == 0 && j != i {
                break;
            }
            total += d.max(1) * p;
            last_place = p;
            j += 1;
        } else {
            break;
        }
    }
    if j == i {
        return None;
    }
    if let Some(d) = pending {
        total += d;
    }
    Some((total as f64, j - i))
}

/// Reads a number of either script at `i`.
pub fn read_number(chars: &[char], i: usize) -> Option<(f64, usize)> {
    if chars.get(i).is_some_and(|&c| is_digit(c)) {
        read_arabic(chars, i)
    } else {
        read_chinese(chars, i)
    }
}

/// Parses a whole string as one Chinese or Arabic numeral.
pub fn parse(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.chars().collect();
    match read_number(&chars, 0) {
        Some((v, n)) if n == chars.len() => Some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chinese_numerals() {
        for (s, v) in [
            ("一", 1.0),
            ("两", 2.0),
            ("十", 10.0),
            ("十一", 11.0),
            ("二十", 20.0),
            ("二十五", 25.0),
            ("一百二十", 120.0),
            ("三百零二", 302.0),
            ("一千五百", 1500.0),
        ] {
            assert_eq!(parse(s), Some(v), "{s}");
        }
        assert_eq!(parse("一二"), None);
    }

    #[test]
    fn reads_arabic_numbers() {
        assert_eq!(parse("174.9"), Some(174.9));
        assert_eq!(parse("６０００"), Some(6000.0));
        assert_eq!(parse("1,200"), Some(1200.0));
        let chars: Vec<char> = "45项".chars().collect();
        assert_eq!(read_number(&chars, 0), Some((45.0, 2)));
        let chars: Vec<char> = "3.5亿".chars().collect();
        assert_eq!(read_number(&chars, 0), Some((3.5, 3)));
    }

    #[test]
    fn stops_at_non_numerals() {
        let chars: Vec<char> = "十一方面".chars().collect();
        assert_eq!(read_chinese(&chars, 0), Some((11.0, 2)));
        let chars: Vec<char> = "企业".chars().collect();
        assert_eq!(read_number(&chars, 0), None);
    }
}
