//! The members of an aligned group, stored compactly but written as the report's map.
//!
//! In the report a group's `members` maps document ids to the ids of that document's
//! measures in the group, and a group shared by two or more documents lists *every*
//! document, with an empty list where one has none (`"members": {"d1": ["d1-m12"], "d2":
//! []}`): a reader sees at once who lacks the measure. Held as that map, a corpus of 585
//! documents and 1,845 shared groups made 1.1 million entries, each with its own copy of a
//! document id — most of the comparison's memory, and of the alignment's time spent
//! building and dropping them. [`Members`] keeps only the documents that do have members,
//! plus one handle to the corpus's document ids, shared by all the groups of a report, to
//! list the others; it serializes to the same map byte for byte and reads it back.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Document id → ids of that document's measures in a group (see the module's doc).
///
/// Written as a JSON map in id order: every document of the shared list when the group
/// lists them all, otherwise only the documents with members.
#[derive(Clone)]
pub struct Members {
    /// Document ids in id order, distinct: what `members` indexes, and when `every` what
    /// the map lists. One list for all the groups of a report (cloning it is cheap).
    documents: Arc<[String]>,
    /// The documents with measures in the group: an index into `documents` and the
    /// measure ids (never empty), in id order.
    members: Vec<(u32, Vec<String>)>,
    /// Whether the map lists every document of `documents` (the others with an empty
    /// list) or only those of `members`.
    every: bool,
}

impl Members {
    /// The members `(index into documents, measure ids)` of one group over `documents`
    /// (distinct ids in id order), listed in the map with every document when `every`.
    /// Empty lists are left out (the map lists those documents anyway when `every`).
    pub fn new(
        documents: &Arc<[String]>,
        members: impl IntoIterator<Item = (usize, Vec<String>)>,
        every: bool,
    ) -> Self {
        let mut members: Vec<(u32, Vec<String>)> = members
            .into_iter()
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(d, ids)| {
                assert!(d < documents.len(), "member {d} of {}", documents.len());
                (d as u32, ids)
            })
            .collect();
        members.sort_by_key(|(d, _)| *d);
        debug_assert!(members.windows(2).all(|w| w[0].0 < w[1].0));
        debug_assert!(documents.windows(2).all(|w| w[0] < w[1]));
        Members {
            documents: Arc::clone(documents),
            members,
            every,
        }
    }

    /// Whether the map lists every document (see [`Members::new`]).
    pub fn lists_every(&self) -> bool {
        self.every
    }

    /// The same members, the map listing every document when `every` (see [`Members::new`]).
    pub fn listing_every(mut self, every: bool) -> Self {
        self.every = every;
        self
    }

    /// The measure ids of document `id` in the group; `None` where it has none.
    pub fn get(&self, id: &str) -> Option<&[String]> {
        let d = self
            .documents
            .binary_search_by(|x| x.as_str().cmp(id))
            .ok()?;
        let m = self
            .members
            .binary_search_by_key(&(d as u32), |(d, _)| *d)
            .ok()?;
        Some(&self.members[m].1)
    }

    /// The documents with members and their measure ids, in id order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &[String])> + '_ {
        self.members
            .iter()
            .map(|(d, ids)| (self.documents[*d as usize].as_str(), ids.as_slice()))
    }

    /// How many documents have members (a group's `shared`).
    pub fn len(&self) -> usize {
        self.members.len()
    }

    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The entries of the JSON map, in id order: with every document of the shared list
    /// (an empty slice where one has no members) when the group lists them all.
    pub fn listed(&self) -> Listed<'_> {
        Listed {
            of: self,
            document: 0,
            member: 0,
        }
    }

    /// True when both hold the same shared list of documents (in tests: that a report's
    /// groups do not each carry their own copy).
    #[doc(hidden)]
    pub fn shares_documents_with(&self, other: &Members) -> bool {
        Arc::ptr_eq(&self.documents, &other.documents)
    }
}

/// The entries of a group's JSON map ([`Members::listed`]).
pub struct Listed<'a> {
    of: &'a Members,
    /// The next document of the shared list (when every document is listed).
    document: usize,
    /// The next entry of `members`.
    member: usize,
}

impl<'a> Iterator for Listed<'a> {
    type Item = (&'a str, &'a [String]);

    fn next(&mut self) -> Option<Self::Item> {
        let of = self.of;
        let next = of.members.get(self.member);
        if !of.every {
            let (d, ids) = next?;
            self.member += 1;
            return Some((of.documents[*d as usize].as_str(), ids.as_slice()));
        }
        let id = of.documents.get(self.document)?;
        let ids: &[String] = match next {
            Some((d, ids)) if *d as usize == self.document => {
                self.member += 1;
                ids
            }
            _ => &[],
        };
        self.document += 1;
        Some((id.as_str(), ids))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = if self.of.every {
            self.of.documents.len() - self.document
        } else {
            self.of.members.len() - self.member
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Listed<'_> {}

/// The map as read from JSON (or built in a test): the documents listed are its keys,
/// every one of them listed again when any has an empty list. Such a group carries its
/// own list of documents; only a report's own groups share one.
impl From<BTreeMap<String, Vec<String>>> for Members {
    fn from(map: BTreeMap<String, Vec<String>>) -> Self {
        let every = map.values().any(Vec::is_empty);
        let (documents, lists): (Vec<String>, Vec<Vec<String>>) = map.into_iter().unzip();
        Members::new(&Arc::from(documents), lists.into_iter().enumerate(), every)
    }
}

impl FromIterator<(String, Vec<String>)> for Members {
    fn from_iter<I: IntoIterator<Item = (String, Vec<String>)>>(iter: I) -> Self {
        iter.into_iter().collect::<BTreeMap<_, _>>().into()
    }
}

/// Equal when they write the same map (however each holds its documents).
impl PartialEq for Members {
    fn eq(&self, other: &Self) -> bool {
        if Arc::ptr_eq(&self.documents, &other.documents) && self.every == other.every {
            return self.members == other.members;
        }
        self.listed().eq(other.listed())
    }
}

impl std::fmt::Debug for Members {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.listed()).finish()
    }
}

impl Serialize for Members {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.listed())
    }
}

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<String, Vec<String>>::deserialize(deserializer).map(Members::from)
    }
}

/// Cuts groups down to some of their documents (a page's, see `ui::window`), each listed
/// as before: a group that listed every document lists every kept one. The groups of a
/// report share one list of documents, so the kept list is worked out once and shared
/// too.
pub struct Cut<F> {
    keep: F,
    /// What the last list of documents was cut to.
    last: Option<Kept>,
}

/// A list of documents cut down ([`Cut`]).
struct Kept {
    from: Arc<[String]>,
    kept: Arc<[String]>,
    /// For each document of `from`, its index in `kept`.
    index: Vec<Option<u32>>,
}

impl<F: Fn(&str) -> bool> Cut<F> {
    /// Keeps the documents whose id passes `keep`.
    pub fn new(keep: F) -> Self {
        Cut { keep, last: None }
    }

    /// `members` restricted to the kept documents.
    pub fn members(&mut self, members: &Members) -> Members {
        let from = &members.documents;
        let last = match self.last.take() {
            Some(last) if Arc::ptr_eq(&last.from, from) => last,
            _ => {
                let mut kept = Vec::new();
                let index = (from.iter())
                    .map(|id| {
                        (self.keep)(id).then(|| {
                            kept.push(id.clone());
                            kept.len() as u32 - 1
                        })
                    })
                    .collect();
                Kept {
                    from: Arc::clone(from),
                    kept: kept.into(),
                    index,
                }
            }
        };
        let cut = Members {
            documents: Arc::clone(&last.kept),
            members: (members.members.iter())
                .filter_map(|(d, ids)| Some((last.index[*d as usize]?, ids.clone())))
                .collect(),
            every: members.every,
        };
        self.last = Some(last);
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Arc<[String]> {
        let mut ids: Vec<String> = (1..=n).map(|i| format!("d{i}")).collect();
        ids.sort();
        ids.into()
    }

    fn list(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_shared_group_writes_every_document_but_holds_only_its_members() {
        let documents = ids(3);
        let g = Members::new(
            &documents,
            [
                (2, list(&["d3-m1"])),
                (0, list(&["d1-m2", "d1-m5"])),
                (1, vec![]),
            ],
            true,
        );
        // No empty entry is stored, nor a copy of the ids.
        assert_eq!(g.members.len(), 2);
        assert!(Arc::ptr_eq(&g.documents, &documents));
        assert_eq!((g.len(), g.listed().len()), (2, 3));
        let json = serde_json::to_string(&g).unwrap();
        assert_eq!(json, r#"{"d1":["d1-m2","d1-m5"],"d2":[],"d3":["d3-m1"]}"#);
        assert_eq!(g.get("d1"), Some(&list(&["d1-m2", "d1-m5"])[..]));
        assert_eq!((g.get("d2"), g.get("d9")), (None, None));
        let with: Vec<&str> = g.iter().map(|(id, _)| id).collect();
        assert_eq!(with, ["d1", "d3"]);

        let back: Members = serde_json::from_str(&json).unwrap();
        assert_eq!(back, g);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        assert_eq!(back.members.len(), 2, "read back compact too");
        assert_eq!(format!("{g:?}"), format!("{back:?}"));
    }

    #[test]
    fn a_unique_group_writes_its_own_document_only() {
        let documents = ids(12);
        let g = Members::new(&documents, [(2, list(&["d11-m1"]))], false);
        assert_eq!(documents[..4], ["d1", "d10", "d11", "d12"], "in id order");
        let json = serde_json::to_string(&g).unwrap();
        assert_eq!(json, r#"{"d11":["d11-m1"]}"#);
        let back: Members = serde_json::from_str(&json).unwrap();
        assert_eq!(back, g);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        // Not equal to the same member listed with every document.
        assert_ne!(Members::new(&documents, [(2, list(&["d11-m1"]))], true), g);
    }

    #[test]
    fn any_map_reads_back_as_written() {
        for json in [
            r#"{}"#,
            r#"{"a":[]}"#,
            r#"{"a":["x"],"b":["y","z"]}"#,
            r#"{"a":[],"b":["y"],"c":[]}"#,
        ] {
            let g: Members = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&g).unwrap(), json);
            let pretty = serde_json::to_string_pretty(&g).unwrap();
            let map: BTreeMap<String, Vec<String>> = serde_json::from_str(json).unwrap();
            assert_eq!(pretty, serde_json::to_string_pretty(&map).unwrap());
            assert_eq!(g, map.into_iter().collect());
        }
    }

    #[test]
    fn a_cut_keeps_the_listing_of_the_kept_documents_and_shares_it() {
        let documents = ids(4);
        let shared = Members::new(&documents, [(0, list(&["m"])), (3, list(&["n"]))], true);
        let unique = Members::new(&documents, [(1, list(&["o"]))], false);
        let mut cut = Cut::new(|id: &str| id != "d1");
        let (a, b) = (cut.members(&shared), cut.members(&unique));
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"d2":[],"d3":[],"d4":["n"]}"#
        );
        assert_eq!(serde_json::to_string(&b).unwrap(), r#"{"d2":["o"]}"#);
        assert!(a.shares_documents_with(&b), "one kept list for the report");
        assert_eq!(a.documents.len(), 3);
        assert!(cut.members(&unique.clone()).shares_documents_with(&b));
        // A group with a list of its own is cut by its own.
        let own: Members = [("d1".into(), list(&["p"])), ("d9".into(), vec![])]
            .into_iter()
            .collect();
        assert_eq!(
            serde_json::to_string(&cut.members(&own)).unwrap(),
            r#"{"d9":[]}"#
        );
    }
}
