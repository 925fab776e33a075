//! Typed reading of one TOML table's keys, recording every problem (wrong
//! type, missing key, unknown key with a "did you mean") instead of stopping
//! at the first, so `loa check` can list them all.

use std::ops::Range;

use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, Item, TableLike};

use super::problem::{Diagnostics, Expected, Problem, did_you_mean};
use super::source::{Location, SourceFile};

/// A value and the byte range it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is in its file.
    pub span: Range<usize>,
}

/// The keys of one table, read against the list of keys it may have.
pub struct Fields<'a> {
    table: &'a dyn TableLike,
    name: String,
    header: Range<usize>,
    source: &'a SourceFile,
}

/// `item`, the value of the top-level `key`, as an array of tables
/// (`[[key]]`); anything else is reported as the wrong type, at it.
pub fn array_of_tables<'i>(
    item: &'i Item,
    key: &str,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<&'i ArrayOfTables> {
    let tables = item.as_array_of_tables();
    if tables.is_none() {
        wrong_type_of(item, key, Expected::TableArray, source, d);
    }
    tables
}

/// `item`, the value of the top-level `key`, as a table (`[key]`);
/// anything else is reported as the wrong type, at it.
pub fn table_like<'i>(
    item: &'i Item,
    key: &str,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<&'i dyn TableLike> {
    let table = item.as_table_like();
    if table.is_none() {
        wrong_type_of(item, key, Expected::Table, source, d);
    }
    table
}

/// Reports the top-level `key` as not the `expected` kind, at its value.
fn wrong_type_of(
    item: &Item,
    key: &str,
    expected: Expected,
    source: &SourceFile,
    d: &mut Diagnostics,
) {
    d.error(
        source.locate(item.span().unwrap_or(0..0)),
        Problem::WrongType {
            key: key.into(),
            expected,
        },
    );
}

impl<'a> Fields<'a> {
    /// `name` is how the table is shown in messages (`[station]`,
    /// `[[slot]] "sang"`; empty for the file's top level, which messages
    /// call "the file" in the reader's language); `header` is the span to
    /// point at for a missing key.
    pub fn new(
        table: &'a dyn TableLike,
        name: String,
        header: Range<usize>,
        source: &'a SourceFile,
    ) -> Self {
        Self {
            table,
            name,
            header,
            source,
        }
    }

    /// Whether the table has `key` at all (of any type).
    pub fn has(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    /// The span of the table's header, where missing keys are reported.
    pub fn header(&self) -> Range<usize> {
        self.header.clone()
    }

    /// Where a span is in this file.
    pub fn at(&self, span: Range<usize>) -> Location {
        self.source.locate(span)
    }

    /// Reports every key not in `known`, with the nearest known key.
    pub fn reject_unknown(&self, known: &[&str], diagnostics: &mut Diagnostics) {
        for (key, _) in self.table.iter() {
            if known.contains(&key) {
                continue;
            }
            let span = self.key_span(key);
            diagnostics.error(
                self.at(span),
                Problem::UnknownKey {
                    key: key.to_string(),
                    table: self.name.clone(),
                    suggestion: did_you_mean(key, known.iter().copied()),
                },
            );
        }
    }

    fn key_span(&self, key: &str) -> Range<usize> {
        self.table
            .get_key_value(key)
            .and_then(|(k, _)| k.span())
            .unwrap_or_else(|| self.header.clone())
    }

    fn item(&self, key: &str) -> Option<(&'a Item, Range<usize>)> {
        let (k, item) = self.table.get_key_value(key)?;
        let span = item
            .span()
            .or_else(|| k.span())
            .unwrap_or_else(|| self.header.clone());
        Some((item, span))
    }

    fn wrong_type(&self, key: &str, span: Range<usize>, expected: Expected, d: &mut Diagnostics) {
        d.error(
            self.at(span),
            Problem::WrongType {
                key: key.to_string(),
                expected,
            },
        );
    }

    /// Reports `key` as missing, pointing at the table's header.
    pub fn missing(&self, key: &str, d: &mut Diagnostics) {
        d.error(
            self.at(self.header.clone()),
            Problem::MissingKey {
                key: key.to_string(),
                table: self.name.clone(),
            },
        );
    }

    /// An optional string.
    pub fn string(&self, key: &str, d: &mut Diagnostics) -> Option<Spanned<String>> {
        let (item, span) = self.item(key)?;
        match item.as_str() {
            Some(s) => Some(Spanned {
                value: s.to_string(),
                span,
            }),
            None => {
                self.wrong_type(key, span, Expected::String, d);
                None
            }
        }
    }

    /// A string that must be there.
    pub fn required_string(&self, key: &str, d: &mut Diagnostics) -> Option<Spanned<String>> {
        if self.table.get(key).is_none() {
            self.missing(key, d);
            return None;
        }
        self.string(key, d)
    }

    /// An optional integer.
    pub fn integer(&self, key: &str, d: &mut Diagnostics) -> Option<Spanned<i64>> {
        let (item, span) = self.item(key)?;
        match item.as_integer() {
            Some(n) => Some(Spanned { value: n, span }),
            None => {
                self.wrong_type(key, span, Expected::Integer, d);
                None
            }
        }
    }

    /// An optional boolean.
    pub fn bool(&self, key: &str, d: &mut Diagnostics) -> Option<Spanned<bool>> {
        let (item, span) = self.item(key)?;
        match item.as_bool() {
            Some(b) => Some(Spanned { value: b, span }),
            None => {
                self.wrong_type(key, span, Expected::Bool, d);
                None
            }
        }
    }

    /// An optional TOML local date (`2021-03-03`, unquoted).
    pub fn date(&self, key: &str, d: &mut Diagnostics) -> Option<Spanned<NaiveDate>> {
        let (item, span) = self.item(key)?;
        let date = item
            .as_datetime()
            .filter(|dt| dt.time.is_none() && dt.offset.is_none())
            .and_then(|dt| dt.date)
            .and_then(|date| {
                NaiveDate::from_ymd_opt(
                    i32::from(date.year),
                    u32::from(date.month),
                    u32::from(date.day),
                )
            });
        match date {
            Some(value) => Some(Spanned { value, span }),
            None => {
                self.wrong_type(key, span, Expected::Date, d);
                None
            }
        }
    }

    /// The optional `from` / `until` dates of a validity period, with
    /// `from` after `until` reported.
    pub fn validity(
        &self,
        d: &mut Diagnostics,
    ) -> (Option<Spanned<NaiveDate>>, Option<Spanned<NaiveDate>>) {
        let from = self.date("from", d);
        let until = self.date("until", d);
        if let (Some(from), Some(until)) = (&from, &until)
            && from.value > until.value
        {
            d.error(
                self.at(from.span.clone()),
                Problem::FromAfterUntil {
                    from: from.value,
                    until: until.value,
                },
            );
        }
        (from, until)
    }

    /// Whether `key` holds a single string (not a list, not absent), for
    /// keys that take either.
    pub fn is_string(&self, key: &str) -> bool {
        self.table
            .get(key)
            .is_some_and(|item| item.as_str().is_some())
    }

    /// An optional array of strings, each with its own span.
    pub fn string_list(&self, key: &str, d: &mut Diagnostics) -> Option<Vec<Spanned<String>>> {
        let (item, span) = self.item(key)?;
        let Some(array) = item.as_array() else {
            self.wrong_type(key, span, Expected::StringArray, d);
            return None;
        };
        let mut out = Vec::with_capacity(array.len());
        for value in array.iter() {
            let span = value.span().unwrap_or_else(|| span.clone());
            match value.as_str() {
                Some(s) => out.push(Spanned {
                    value: s.to_string(),
                    span,
                }),
                None => {
                    self.wrong_type(key, span, Expected::StringArray, d);
                    return None;
                }
            }
        }
        Some(out)
    }
}
