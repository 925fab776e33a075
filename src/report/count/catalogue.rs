//! Topic names for reports. The log records a topic's code; the report
//! shows its name from the topic catalogue (`topics.toml`). An officer
//! without a station configuration gets the Department's eleven topics,
//! built in; a code no catalogue names appears under its code.
//!
//! `loa check` validates catalogues strictly (`config::topics`); here a
//! catalogue is only a lookup, so it is read leniently.
//!
//! The catalogue also says which topics are administrative reform (CCHC):
//! the report's CCHC total counts only those, a station's own topics get a
//! total of their own. `cchc = true|false` marks a topic; without it (and
//! for a code no catalogue names) codes 1–11 are CCHC, so catalogues made
//! before the mark existed report as before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::plan::Topic;

/// The catalogue `config/topics.toml` ships: the letter's eleven topics.
pub const BUILT_IN: &str = include_str!("../../../config/topics.toml");

/// Topic code → (full name, short name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    topics: BTreeMap<u32, TopicName>,
}

/// A topic's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicName {
    /// As in the Department's letter.
    pub name: String,
    /// For narrow columns and chart labels.
    pub short: String,
    /// Whether it is an administrative-reform topic.
    pub cchc: bool,
}

/// Why a catalogue could not be read.
#[derive(Debug)]
pub enum CatalogueError {
    /// The file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not TOML.
    Syntax {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        detail: String,
    },
}

impl std::error::Error for CatalogueError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Syntax { .. } => None,
        }
    }
}

impl Catalogue {
    /// The Department's eleven topics.
    pub fn built_in() -> Self {
        Self::parse(BUILT_IN).unwrap_or_default()
    }

    /// Reads a `topics.toml`.
    pub fn read(path: &Path) -> Result<Self, CatalogueError> {
        let text = std::fs::read_to_string(path).map_err(|source| CatalogueError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text).map_err(|detail| CatalogueError::Syntax {
            path: path.to_path_buf(),
            detail,
        })
    }

    /// Reads catalogue text; entries without a usable code and name are
    /// left out.
    pub fn parse(text: &str) -> Result<Self, String> {
        let doc: toml_edit::DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
        let mut topics = BTreeMap::new();
        if let Some(tables) = doc.get("topic").and_then(|t| t.as_array_of_tables()) {
            for table in tables.iter() {
                let code = table.get("code").and_then(|c| c.as_integer());
                let name = table.get("name").and_then(|n| n.as_str());
                let (Some(code), Some(name)) = (code, name) else {
                    continue;
                };
                let Ok(code) = u32::try_from(code) else {
                    continue;
                };
                let short = table.get("short").and_then(|s| s.as_str()).unwrap_or(name);
                let cchc = table
                    .get("cchc")
                    .and_then(|c| c.as_bool())
                    .unwrap_or_else(|| Topic::cchc_by_default(code));
                topics.insert(
                    code,
                    TopicName {
                        name: name.to_string(),
                        short: short.to_string(),
                        cchc,
                    },
                );
            }
        }
        Ok(Self { topics })
    }

    /// Adds the topics of `other` this catalogue does not name.
    pub fn fill_from(&mut self, other: &Catalogue) {
        for (code, name) in &other.topics {
            self.topics.entry(*code).or_insert_with(|| name.clone());
        }
    }

    /// The topic's full name, if the catalogue has it.
    pub fn name(&self, code: u32) -> Option<&TopicName> {
        self.topics.get(&code)
    }

    /// Whether `code` is an administrative-reform topic: as the catalogue
    /// marks it, else by [`Topic::cchc_by_default`].
    pub fn is_cchc(&self, code: u32) -> bool {
        self.topics
            .get(&code)
            .map_or_else(|| Topic::cchc_by_default(code), |t| t.cchc)
    }

    /// Every topic, by code.
    pub fn topics(&self) -> impl Iterator<Item = (u32, &TopicName)> {
        self.topics.iter().map(|(code, name)| (*code, name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_catalogue_has_the_letters_eleven_topics() {
        let catalogue = Catalogue::built_in();
        assert!((1..=11).all(|code| catalogue.name(code).is_some()));
        assert_eq!(catalogue.name(4).unwrap().short, "Văn hóa công vụ");
        assert!(catalogue.name(12).is_none());
    }

    #[test]
    fn cchc_marks_win_and_codes_1_to_11_are_cchc_without_them() {
        let catalogue = Catalogue::parse(
            "[[topic]]\ncode = 2\nname = \"A\"\ncchc = false\n\
             [[topic]]\ncode = 90\nname = \"B\"\ncchc = true\n\
             [[topic]]\ncode = 91\nname = \"C\"\n\
             [[topic]]\ncode = 3\nname = \"D\"\n",
        )
        .unwrap();
        let cchc: Vec<u32> = [2, 90, 91, 3, 11, 12]
            .into_iter()
            .filter(|code| catalogue.is_cchc(*code))
            .collect();
        assert_eq!(cchc, vec![90, 3, 11]);
        assert!(!Catalogue::built_in().is_cchc(90));
    }

    #[test]
    fn fill_from_keeps_the_officers_names() {
        let mut mine = Catalogue::parse("[[topic]]\ncode = 1\nname = \"A\"\n").unwrap();
        mine.fill_from(
            &Catalogue::parse(
                "[[topic]]\ncode = 1\nname = \"B\"\n[[topic]]\ncode = 90\nname = \"C\"\n",
            )
            .unwrap(),
        );
        assert_eq!(mine.name(1).unwrap().name, "A");
        assert_eq!(mine.name(90).unwrap().short, "C");
    }
}
