//! Segments listed by line and key, kept small.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Segments of a posting named by line and key (its unaligned or unreviewed segments), in
/// order; serialized as `[[line, key], ...]`.
///
/// Kept as one text of all keys with where each ends: a machine-translated site lists every
/// segment of every posting as unreviewed (over two million at 30,000 postings), and a
/// `(usize, String)` for each took 32 bytes and an allocation of its own, a third of a status's
/// memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyList {
    lines: Vec<u32>,
    /// Where each key ends in `keys`.
    ends: Vec<u32>,
    keys: String,
}

impl KeyList {
    pub fn new() -> KeyList {
        KeyList::default()
    }

    /// Adds a segment. (A posting is far smaller than 4 GB: its lines and keys fit in u32.)
    pub fn push(&mut self, line: usize, key: &str) {
        self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        self.keys.push_str(key);
        self.ends
            .push(u32::try_from(self.keys.len()).unwrap_or(u32::MAX));
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The segments: (line, key).
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str)> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        self.lines
            .iter()
            .zip(starts.zip(&self.ends))
            .map(|(&line, (start, &end))| (line as usize, &self.keys[start as usize..end as usize]))
    }

    pub fn shrink_to_fit(&mut self) {
        self.lines.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.keys.shrink_to_fit();
    }
}

impl<'a> FromIterator<(usize, &'a str)> for KeyList {
    fn from_iter<I: IntoIterator<Item = (usize, &'a str)>>(iter: I) -> KeyList {
        let mut list = KeyList::new();
        for (line, key) in iter {
            list.push(line, key);
        }
        list
    }
}

impl Serialize for KeyList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for KeyList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<KeyList, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeyList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of [line, key]")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<KeyList, A::Error> {
                let mut list = KeyList::new();
                while let Some((line, key)) =
                    seq.next_element::<(usize, std::borrow::Cow<'de, str>)>()?
                {
                    list.push(line, &key);
                }
                Ok(list)
            }
        }
        d.deserialize_seq(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_in_order_and_as_json_pairs() {
        let mut list = KeyList::new();
        assert!(list.is_empty());
        for (line, key) in [
            (3, "fm.title"),
            (9, ""),
            (12, "h2.p1"),
            (12, "top.li1.sc1.0"),
        ] {
            list.push(line, key);
        }
        assert_eq!(list.len(), 4);
        let got: Vec<(usize, &str)> = list.iter().collect();
        assert_eq!(
            got,
            [
                (3, "fm.title"),
                (9, ""),
                (12, "h2.p1"),
                (12, "top.li1.sc1.0")
            ]
        );
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(
            json,
            r#"[[3,"fm.title"],[9,""],[12,"h2.p1"],[12,"top.li1.sc1.0"]]"#
        );
        // The same JSON as the pairs it replaces, read back either way.
        let pairs: Vec<(usize, String)> = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&pairs).unwrap(), json);
        let back: KeyList = serde_json::from_str(&json).unwrap();
        assert_eq!(back, list);
        // Keys with escapes in JSON (a front matter key may hold anything).
        let odd: KeyList = [(1, "fm.\"q\"\n\u{e6}")].into_iter().collect();
        let back: KeyList = serde_json::from_str(&serde_json::to_string(&odd).unwrap()).unwrap();
        assert_eq!(back.iter().next(), Some((1, "fm.\"q\"\n\u{e6}")));
    }
}
