//! Parsing a TOML file, and saying what a syntax error means in a
//! technician's words.
//!
//! The TOML parser's own message ("invalid string, expected `"`, `'`") is
//! exact but written for programmers. The mistakes a technician makes in a
//! text editor are few: text without quotes, a quote left open, a missing
//! `=`. When the line at the error shows one of them, the diagnostic says
//! what to type instead.

use toml_edit::Document;

use super::problem::{Diagnostics, Problem};
use super::source::SourceFile;

/// What the line at a syntax error most likely needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxFix {
    /// `key = word`: text must be in quotes; `line` is the corrected line.
    QuoteText { line: String },
    /// A `"` opened and not closed on the line.
    CloseQuote,
    /// `key value` with no `=` between them; `line` is the corrected line.
    AddEquals { line: String },
}

/// Parses `source` as TOML; a syntax error becomes a diagnostic at its line
/// and column, with the likely fix when one is recognised.
pub fn parse_toml(source: &SourceFile, d: &mut Diagnostics) -> Option<Document<String>> {
    match Document::parse(source.text.clone()) {
        Ok(doc) => Some(doc),
        Err(e) => {
            let location = source.locate(e.span().unwrap_or(0..0));
            let fix = likely_fix(&location.line_text);
            d.error(
                location,
                Problem::TomlSyntax {
                    detail: e.message().to_string(),
                    fix,
                },
            );
            None
        }
    }
}

/// Recognises the usual hand-editing mistakes on one line.
pub fn likely_fix(line: &str) -> Option<SyntaxFix> {
    let code = strip_comment(line).trim();
    if code.is_empty() || code.starts_with('[') {
        return None;
    }
    if code.matches('"').count() % 2 == 1 {
        return Some(SyntaxFix::CloseQuote);
    }
    match code.split_once('=') {
        Some((key, value)) => quote_bare_text(line, key.trim(), value.trim()),
        None => add_equals(line, code),
    }
}

/// `order = rotate` → `order = "rotate"`, for values that are plainly text
/// (not a number, date, boolean, array or table).
fn quote_bare_text(line: &str, key: &str, value: &str) -> Option<SyntaxFix> {
    let is_key = is_bare_key(key);
    let starts_like_value = value
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || "\"'[{+-".contains(c));
    let is_literal = ["true", "false", "inf", "nan"].contains(&value);
    if !is_key || value.is_empty() || starts_like_value || is_literal {
        return None;
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    Some(SyntaxFix::QuoteText {
        line: format!("{indent}{key} = \"{value}\""),
    })
}

/// `max "15m"` → `max = "15m"`.
fn add_equals(line: &str, code: &str) -> Option<SyntaxFix> {
    let (key, value) = code.split_once(char::is_whitespace)?;
    if !is_bare_key(key) || value.trim().is_empty() {
        return None;
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    Some(SyntaxFix::AddEquals {
        line: format!("{indent}{key} = {}", value.trim()),
    })
}

fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// The line before a `#` that is not inside a quoted string.
fn strip_comment(line: &str) -> &str {
    let mut in_quotes = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '#' if !in_quotes => return &line[..i],
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoted_text_gets_quotes() {
        assert_eq!(
            likely_fix("order = rotate"),
            Some(SyntaxFix::QuoteText {
                line: "order = \"rotate\"".into()
            })
        );
        assert_eq!(
            likely_fix("  output = default   # the card"),
            Some(SyntaxFix::QuoteText {
                line: "  output = \"default\"".into()
            })
        );
    }

    #[test]
    fn numbers_dates_and_booleans_are_not_text() {
        for line in ["count = 2", "from = 2021-03-03", "x = true", "at = [05:30]"] {
            assert_eq!(likely_fix(line), None, "{line}");
        }
    }

    #[test]
    fn an_open_quote_is_named() {
        assert_eq!(
            likely_fix("name = \"Đài truyền thanh"),
            Some(SyntaxFix::CloseQuote)
        );
        assert_eq!(likely_fix("name = \"a # b\""), None);
    }

    #[test]
    fn a_missing_equals_is_named() {
        assert_eq!(
            likely_fix("max \"15m\""),
            Some(SyntaxFix::AddEquals {
                line: "max = \"15m\"".into()
            })
        );
    }
}
