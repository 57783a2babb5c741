//! Offsets between the cleaned, simplified text and the same text in the input's own script.
//!
//! The analysis runs on simplified characters, but a reader of a traditional article wants
//! to see the characters it was written in, with every highlight on the right ones. The
//! cleaner keeps both texts ([`super::clean::Cleaned::original`]) and, where OpenCC's
//! phrase conversion changed the number of characters, a list of [`Stretch`]es saying
//! which run of simplified characters came from which run of original ones. Everywhere else
//! the two texts advance one character for one character, so the map is empty for nearly
//! every document (OpenCC's t2s tables keep lengths today; the map makes that an
//! implementation detail rather than an assumption). Offsets count `char`s, as everywhere
//! in the report. A span that starts or ends inside a stretch is widened to the whole
//! stretch on the other side, so a highlight never cuts a converted phrase in half.

/// `[simplified_start, original_start, simplified_len, original_len]`, in chars: a run
/// converted as a whole whose length changed. Stretches are sorted and do not overlap.
pub type Stretch = [usize; 4];

/// Which way a boundary is rounded when it falls inside a stretch.
#[derive(Clone, Copy)]
enum Round {
    Down,
    Up,
}

/// Maps a boundary offset `x` of the `from` side to the other side. `from` selects the
/// columns: 0 maps simplified → original, 1 original → simplified.
fn map_boundary(map: &[Stretch], x: usize, from: usize, round: Round) -> usize {
    let to = 1 - from;
    let (fs, ts, fl, tl) = (from, to, from + 2, to + 2);
    // Stretches ending at or before x.
    let k = map.partition_point(|st| st[fs] + st[fl] <= x);
    if let Some(st) = map.get(k).filter(|st| st[fs] < x) {
        // Inside stretch k: round to its start or end.
        return match round {
            Round::Down => st[ts],
            Round::Up => st[ts] + st[tl],
        };
    }
    match k.checked_sub(1).and_then(|i| map.get(i)) {
        Some(st) => (x - (st[fs] + st[fl])) + st[ts] + st[tl],
        None => x,
    }
}

/// The original-text span `[start, end)` matching the simplified span `[start, end)`.
/// `original_len` (in chars) bounds the result, so a span past the end of the text (or a
/// map that does not fit it) never yields an offset outside the original.
pub fn to_original(
    map: &[Stretch],
    start: usize,
    end: usize,
    original_len: usize,
) -> (usize, usize) {
    let s = map_boundary(map, start.min(end), 0, Round::Down).min(original_len);
    let e = map_boundary(map, end.max(start), 0, Round::Up).min(original_len);
    (s, e.max(s))
}

/// The simplified-text span matching the original span `[start, end)` — what a selection
/// made in the original text means in the analyzed one.
pub fn to_simplified(
    map: &[Stretch],
    start: usize,
    end: usize,
    simplified_len: usize,
) -> (usize, usize) {
    let s = map_boundary(map, start.min(end), 1, Round::Down).min(simplified_len);
    let e = map_boundary(map, end.max(start), 1, Round::Up).min(simplified_len);
    (s, e.max(s))
}

/// The chars `[start, end)` of `text`, by char offsets (clamped).
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut idx = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let Some(s) = idx.nth(start) else { return "" };
    let e = if end > start {
        idx.nth(end - start - 1).unwrap_or(text.len())
    } else {
        s
    };
    text.get(s..e).unwrap_or("")
}

/// Appends `line_map` (offsets within one line) to `map`, shifted by the line's starts.
pub fn append_shifted(
    map: &mut Vec<Stretch>,
    line_map: &[Stretch],
    simplified_base: usize,
    original_base: usize,
) {
    map.extend(
        line_map
            .iter()
            .map(|st| [st[0] + simplified_base, st[1] + original_base, st[2], st[3]]),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_map_is_the_identity() {
        assert_eq!(to_original(&[], 3, 7, 10), (3, 7));
        assert_eq!(to_original(&[], 3, 70, 10), (3, 10));
        assert_eq!(to_simplified(&[], 7, 3, 10), (3, 7));
    }

    #[test]
    fn stretches_shift_and_widen() {
        // simplified "ab X cd" where X (1 char at 2) came from 3 original chars at 2..5.
        let map = [[2, 2, 1, 3]];
        assert_eq!(to_original(&map, 0, 2, 7), (0, 2));
        assert_eq!(to_original(&map, 2, 3, 7), (2, 5));
        assert_eq!(to_original(&map, 3, 5, 7), (5, 7));
        assert_eq!(
            to_simplified(&map, 3, 4, 5),
            (2, 3),
            "inside the stretch: the whole phrase"
        );
        assert_eq!(to_simplified(&map, 5, 7, 5), (3, 5));
    }

    #[test]
    fn slices_by_chars() {
        assert_eq!(slice_chars("復工復產", 1, 3), "工復");
        assert_eq!(slice_chars("復工", 1, 9), "工");
        assert_eq!(slice_chars("復工", 5, 9), "");
        assert_eq!(slice_chars("復工", 1, 1), "");
    }

    /// A pseudo-random map and lengths: every span maps inside, in order, and back over
    /// itself.
    #[test]
    fn random_maps_keep_spans_inside_and_consistent() {
        let mut seed = 99u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) as usize) % n.max(1)
        };
        for _ in 0..300 {
            let mut map = Vec::new();
            let (mut s, mut o) = (0, 0);
            for _ in 0..next(6) {
                // Between stretches the two sides advance together.
                let gap = next(5);
                s += gap;
                o += gap;
                let (m, n) = (1 + next(3), 1 + next(3));
                map.push([s, o, m, n]);
                s += m;
                o += n;
            }
            let tail = next(8);
            let (slen, olen) = (s + tail, o + tail);
            for _ in 0..50 {
                let a = next(slen + 1);
                let b = a + next(slen + 1 - a);
                let (x, y) = to_original(&map, a, b, olen);
                assert!(x <= y && y <= olen, "{map:?} {a}..{b} -> {x}..{y}");
                let (p, q) = to_simplified(&map, x, y, slen);
                assert!(p <= a && q >= b, "{map:?} {a}..{b} -> {x}..{y} -> {p}..{q}");
                // Monotone: a later start never maps before an earlier one.
                let (x2, _) = to_original(&map, b, b, olen);
                assert!(x2 >= x);
            }
        }
    }
}
