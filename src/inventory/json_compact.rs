//! The JSON fast path: a valid `vendorgraph/1` document parsed straight into compact rows.
//!
//! Each row is deserialized with the same serde mirror as the raw path ([`RawAsset`] and
//! its siblings, borrowing from the text), interned at once and dropped, so that no vector
//! of raw rows is built, grown and freed. The path only handles documents that parse
//! cleanly: at the first serde error of any kind it gives up, and the importer parses the
//! file again on the raw path, which reports every problem exactly as it always has.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::compact::{self, CompactFile, Interner};
use super::compact::{CAsset, CLink, Need, Sym, TargetRange};
use super::raw::{RawOperator, RawShare, RawSupplier, Table as Columns};
use super::source::Source;

/// The compact rows of a JSON document and its `format`, or `None` when the document is
/// not a clean `vendorgraph/1` file (nothing is then left interned in `strings`).
pub(super) fn compact_json(
    index: usize,
    source: &Source,
    strings: &mut Interner,
) -> Option<(CompactFile, Option<String>)> {
    let before = strings.len();
    let mut file = CompactFile {
        source: index,
        ..CompactFile::default()
    };
    let mut de = serde_json::Deserializer::from_str(&source.text);
    let parsed = FileSeed {
        out: &mut file,
        strings,
    }
    .deserialize(&mut de)
    .and_then(|format| de.end().map(|()| format));
    match parsed {
        Ok(format) => {
            file.suppliers.shrink_to_fit();
            file.operators.shrink_to_fit();
            file.assets.shrink_to_fit();
            file.links.shrink_to_fit();
            file.shares.shrink_to_fit();
            file.targets.shrink_to_fit();
            Some((file, format))
        }
        Err(_) => {
            strings.truncate(before);
            None
        }
    }
}

/// A string field as the raw mirror reads it (`#[serde(borrow)] Cow<str>`).
#[derive(Deserialize)]
#[serde(transparent)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

/// The top-level object, as [`super::raw::RawFile`] reads it (unknown and repeated keys
/// refused), its tables written into `out`. Gives the `format`.
struct FileSeed<'s> {
    out: &'s mut CompactFile,
    strings: &'s mut Interner,
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a vendorgraph/1 inventory")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Self { out, strings } = self;
        let mut format = None;
        let mut seen = [false; 7];
        while let Some(key) = map.next_key::<Text<'de>>()? {
            let k = match &*key.0 {
                "format" => 0,
                "$schema" => 1,
                "suppliers" => 2,
                "operators" => 3,
                "assets" => 4,
                "links" => 5,
                "shares" => 6,
                _ => return Err(de::Error::custom("unknown field")),
            };
            if std::mem::replace(&mut seen[k], true) {
                return Err(de::Error::custom("duplicate field"));
            }
            match k {
                0 => {
                    format = map
                        .next_value::<Option<Text<'de>>>()?
                        .map(|t| t.0.into_owned())
                }
                1 => {
                    map.next_value::<Option<Text<'de>>>()?;
                }
                2 => map.next_value_seed(Table::new(|r: RawSupplier<'de>| {
                    out.suppliers.push(compact::supplier(&r, strings));
                }))?,
                3 => map.next_value_seed(Table::new(|r: RawOperator<'de>| {
                    out.operators.push(compact::operator(&r, strings));
                }))?,
                4 => map.next_value_seed(Rows(AssetSeed {
                    out: &mut out.assets,
                    strings,
                }))?,
                5 => map.next_value_seed(Rows(LinkSeed {
                    out: &mut out.links,
                    targets: &mut out.targets,
                    strings,
                }))?,
                _ => map.next_value_seed(Table::new(|r: RawShare<'de>| {
                    out.shares.push(compact::share(&r, strings));
                }))?,
            }
        }
        Ok(format)
    }
}

/// A table: a JSON array whose rows are each handed to `row` as soon as they are read.
struct Table<R, F> {
    row: F,
    rows: PhantomData<fn(R)>,
}

impl<R, F: FnMut(R)> Table<R, F> {
    fn new(row: F) -> Self {
        Table {
            row,
            rows: PhantomData,
        }
    }
}

impl<'de, R: Deserialize<'de>, F: FnMut(R)> DeserializeSeed<'de> for Table<R, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, R: Deserialize<'de>, F: FnMut(R)> Visitor<'de> for Table<R, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(r) = seq.next_element::<R>()? {
            (self.row)(r);
        }
        Ok(())
    }
}

/// The rows of a table read by a row seed that can be used again (each row pushed by it).
struct Rows<S>(S);

/// A seed that reads one row into its table, as many times as there are rows.
trait RowSeed<'de> {
    /// Reads one row (a JSON object) and pushes it.
    fn row<A: MapAccess<'de>>(&mut self, map: A) -> Result<(), A::Error>;
}

impl<'de, S: RowSeed<'de>> DeserializeSeed<'de> for Rows<S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: RowSeed<'de>> Visitor<'de> for Rows<S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Row(&mut self.0))?.is_some() {}
        Ok(())
    }
}

/// One row, through its table's seed.
struct Row<'r, S>(&'r mut S);

impl<'de, S: RowSeed<'de>> DeserializeSeed<'de> for Row<'_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: RowSeed<'de>> Visitor<'de> for Row<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.row(map)
    }
}

/// Checks that a row's key is a field of its table ([`Table::fields`]) met for the first
/// time; an unknown or repeated key is an error (the raw mirror's `deny_unknown_fields`, and
/// serde's duplicate-field check).
fn first_time<E: de::Error>(key: &str, table: Columns, seen: &mut u32) -> Result<(), E> {
    let k = table
        .field_names()
        .position(|f| f == key)
        .ok_or_else(|| E::custom("unknown field"))?;
    if *seen & (1 << k) != 0 {
        return Err(E::custom("duplicate field"));
    }
    *seen |= 1 << k;
    Ok(())
}

/// Asset rows, read as [`super::raw::RawAsset`] reads them, interned as they are read.
struct AssetSeed<'s> {
    out: &'s mut Vec<CAsset>,
    strings: &'s mut Interner,
}

impl<'de> RowSeed<'de> for AssetSeed<'_> {
    fn row<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        let mut r = CAsset::default();
        let mut seen = 0;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            first_time(&key.0, Columns::Assets, &mut seen)?;
            let text = match &*key.0 {
                "weight" => {
                    r.weight = map.next_value()?;
                    continue;
                }
                "sensitive" => {
                    r.sensitive = map.next_value()?;
                    continue;
                }
                "id" => &mut r.id,
                "operator" => &mut r.operator,
                "function" => &mut r.function,
                "supplier" => &mut r.supplier,
                "domain" => &mut r.domain,
                "generation" => &mut r.generation,
                "location" => &mut r.location,
                "site" => &mut r.site,
                "region" => &mut r.region,
                "name" => &mut r.name,
                "source" => &mut r.source,
                "notes" => &mut r.notes,
                _ => return Err(de::Error::custom("unknown field")),
            };
            *text = map.next_value_seed(Interned(self.strings))?;
        }
        self.out.push(r);
        Ok(())
    }
}

/// Link rows, read as [`super::raw::RawLink`] reads them, interned as they are read, their
/// targets appended to the file's.
struct LinkSeed<'s> {
    out: &'s mut Vec<CLink>,
    targets: &'s mut Vec<Sym>,
    strings: &'s mut Interner,
}

impl<'de> RowSeed<'de> for LinkSeed<'_> {
    fn row<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        let mut r = CLink::default();
        let mut seen = 0;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            first_time(&key.0, Columns::Links, &mut seen)?;
            let text = match &*key.0 {
                "to" => {
                    r.to = map.next_value_seed(To {
                        targets: self.targets,
                        strings: self.strings,
                    })?;
                    continue;
                }
                "need" => {
                    r.need = map.next_value::<Option<u64>>()?.map(Need::from);
                    continue;
                }
                "open" => {
                    r.open = map.next_value()?;
                    continue;
                }
                "from" => &mut r.from,
                "kind" => &mut r.kind,
                "interface" => &mut r.interface,
                "source" => &mut r.source,
                "notes" => &mut r.notes,
                _ => return Err(de::Error::custom("unknown field")),
            };
            *text = map.next_value_seed(Interned(self.strings))?;
        }
        self.out.push(r);
        Ok(())
    }
}

/// An optional string field, interned (`null` is absent, as for `Option<Cow<str>>`).
struct Interned<'s>(&'s mut Interner);

impl<'de> DeserializeSeed<'de> for Interned<'_> {
    type Value = Option<Sym>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Interned<'_> {
    type Value = Option<Sym>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(Str(self.0)).map(Some)
    }
}

/// A string, interned.
struct Str<'s>(&'s mut Interner);

impl<'de> Visitor<'de> for Str<'_> {
    type Value = Sym;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Sym, E> {
        Ok(self.0.intern(v))
    }
}

/// The `to` of a link: absent (`null`), one id, or a list of ids, appended to `targets`.
struct To<'s> {
    targets: &'s mut Vec<Sym>,
    strings: &'s mut Interner,
}

impl<'de> DeserializeSeed<'de> for To<'_> {
    type Value = Option<TargetRange>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for To<'_> {
    type Value = Option<TargetRange>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an asset id or a list of asset ids")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let start = self.targets.len() as u32;
        d.deserialize_any(Targets(self.targets, self.strings))?;
        let len = self.targets.len() as u32 - start;
        Ok(Some(TargetRange { start, len }))
    }
}

/// One id or a list of ids, appended to a file's targets.
struct Targets<'s>(&'s mut Vec<Sym>, &'s mut Interner);

impl<'de> Visitor<'de> for Targets<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an asset id or a list of asset ids")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.push(self.1.intern(v));
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(t) = seq.next_element_seed(StrSeed(self.1))? {
            self.0.push(t);
        }
        Ok(())
    }
}

/// A string element of a list, interned.
struct StrSeed<'s>(&'s mut Interner);

impl<'de> DeserializeSeed<'de> for StrSeed<'_> {
    type Value = Sym;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Sym, D::Error> {
        d.deserialize_str(Str(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::compact::{canonical, fixture_texts};
    use crate::inventory::importer::Importer;
    use crate::inventory::json::Json;

    fn both_paths(name: &str, text: &str) -> (Option<String>, String) {
        let source = Source::json(name, text.to_owned());
        let mut fast = Interner::default();
        let fast_rows = compact_json(0, &source, &mut fast);
        let fast = fast_rows.map(|(mut f, _)| {
            // The fast path leaves notes to its importer.
            f.notes = Json
                .parse(0, &source, &mut Vec::new())
                .expect("parses")
                .notes;
            canonical(f, &fast)
        });
        let mut slow = Interner::default();
        let parsed = Json.parse(0, &source, &mut Vec::new()).expect("parses");
        let slow_rows = CompactFile::new(&parsed, &mut slow);
        (fast, canonical(slow_rows, &slow))
    }

    #[test]
    fn fast_path_gives_the_raw_paths_rows_on_every_fixture() {
        let files = fixture_texts(
            &["fixtures/small", "fixtures/europe", "fixtures/shares"],
            "json",
        );
        for (path, text) in &files {
            let (fast, slow) = both_paths(path, text);
            assert_eq!(fast.as_deref(), Some(&*slow), "{path}");
        }
        assert!(files.len() >= 5, "only {} fixtures found", files.len());
    }

    #[test]
    fn fast_path_reads_every_form_the_raw_path_reads() {
        let text = r#"{"format": "vendorgraph/1", "$schema": null,
          "suppliers": [{"id": "s\u0031", "name": null, "country": "FI"}],
          "assets": [{"id": "a", "weight": 2, "sensitive": true, "operator": "o\"p"},
                     {"\u0069d": "b", "weight": 1.5e0, "notes": null},
                     {"id": "c", "operator": "o", "function": "gnb", "supplier": "s1",
                      "domain": "ran", "weight": 1, "generation": "5g", "sensitive": false,
                      "location": "FI", "site": "x", "region": "r", "name": "n",
                      "source": "q", "notes": "z"}],
          "links": [{"from": "a", "to": "b", "kind": "runs_on", "need": 1, "open": false},
                    {"from": "a", "to": ["b", "c\n"], "interface": "X2"},
                    {"from": "a", "to": []}, {"from": "a", "to": null}, {},
                    {"from": "c", "to": "a", "kind": "managed_by", "need": 1, "interface": "I",
                     "open": true, "source": "q", "notes": "z"}],
          "shares": [{"operator": "o", "domain": "ran", "supplier": "s1", "share": 0.5}],
          "operators": [{"id": "o", "subscribers": 10}]}"#;
        let (fast, slow) = both_paths("t.json", text);
        assert_eq!(fast.as_deref(), Some(&*slow));
    }

    #[test]
    fn fast_path_gives_up_on_any_problem_and_forgets_its_strings() {
        for text in [
            r#"{"format": "vendorgraph/1", "assets": [{"id": "a", "colour": "red"}]}"#,
            r#"{"assets": [{"id": "a", "id": "b"}]}"#,
            r#"{"links": [{"from": "a", "to": 3}]}"#,
            r#"{"links": [{"from": "a", "need": -1}]}"#,
            r#"{"assets": [["a"]]}"#,
            r#"{"assets": [{"id": 1}]}"#,
            r#"{"assets": null}"#,
            r#"{"format": "vendorgraph/1", "format": "vendorgraph/1"}"#,
            r#"{"extra": 1}"#,
            r#"{"assets": []} x"#,
            r#"[]"#,
        ] {
            let source = Source::json("t.json", text.to_owned());
            let mut strings = Interner::default();
            strings.intern("kept");
            assert!(compact_json(0, &source, &mut strings).is_none(), "{text}");
            assert_eq!(strings.len(), 1, "{text}");
            assert!(strings.find("a").is_none(), "{text}");
        }
    }
}
