//! The units file an officer keeps (`loa report --units FILE`): the names
//! of the administrative units a report rolls up to, by id, e.g.
//!
//! ```toml
//! "can-tho" = "Thành phố Cần Thơ"
//! "can-tho/thanh-phu" = "Xã Thạnh Phú"
//! ```
//!
//! Ids are station ids or their prefixes, of any depth (province/commune
//! since July 2025, province/district/commune before). A name here also
//! overrides the name a station's bundle carries.

use std::collections::BTreeMap;
use std::path::Path;

use toml_edit::Document;

use super::names::is_name;
use super::problem::{Diagnostics, Expected, Problem};
use super::side_file::{SideFileInvalid, read_side_file};
use super::source::SourceFile;

/// Unit id → name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Units {
    names: BTreeMap<String, String>,
}

impl Units {
    /// Reads a units file; every problem is located.
    pub fn read(path: &Path) -> Result<Self, SideFileInvalid> {
        read_side_file(path, |source, doc, d| Self {
            names: read_names(source, doc, d),
        })
    }

    /// Names `id` as `name` unless the file already names it.
    pub fn or_name(mut self, id: &str, name: String) -> Self {
        self.names.entry(id.to_string()).or_insert(name);
        self
    }

    /// The name the officer gave `id`.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.names.get(id).map(String::as_str)
    }
}

fn read_names(
    source: &SourceFile,
    doc: &Document<String>,
    d: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for (key, item) in doc.as_table().iter() {
        let key_span = doc
            .as_table()
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .unwrap_or(0..0);
        if !key.split('/').all(is_name) {
            let value = key.to_string();
            d.error(source.locate(key_span), Problem::BadStationId { value });
            continue;
        }
        let at = source.locate(item.span().unwrap_or(key_span));
        match item.as_str().map(str::trim) {
            Some("") => d.error(at, Problem::EmptyText { key: key.into() }),
            Some(name) => {
                names.insert(key.to_string(), name.to_string());
            }
            None => d.error(
                at,
                Problem::WrongType {
                    key: key.into(),
                    expected: Expected::String,
                },
            ),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Result<Units, SideFileInvalid> {
        crate::config::side_file::read_written("units.toml", text, Units::read)
    }

    #[test]
    fn ids_of_two_and_three_levels_are_named() {
        let units = units(
            "\"can-tho\" = \"Thành phố Cần Thơ\"\n\
             \"soc-trang/my-xuyen/thanh-phu\" = \"Xã Thạnh Phú\"\n",
        )
        .unwrap();
        assert_eq!(units.name("can-tho"), Some("Thành phố Cần Thơ"));
        assert_eq!(
            units.name("soc-trang/my-xuyen/thanh-phu"),
            Some("Xã Thạnh Phú")
        );
        assert_eq!(units.name("soc-trang"), None);
    }

    #[test]
    fn a_name_that_is_not_text_and_a_bad_id_are_located() {
        let error =
            units("\"can-tho\" = \"Cần Thơ\"\n\"can-tho/vinh-hai\" = 5\n\"Can Tho\" = \"x\"\n")
                .unwrap_err();
        let found: Vec<(usize, usize, &Problem)> = error
            .diagnostics
            .sorted()
            .into_iter()
            .map(|d| (d.location.line, d.location.column, &d.problem))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (2, 22));
        assert!(matches!(found[0].2, Problem::WrongType { .. }));
        assert_eq!((found[1].0, found[1].1), (3, 1));
        assert!(matches!(found[1].2, Problem::BadStationId { .. }));
    }
}
