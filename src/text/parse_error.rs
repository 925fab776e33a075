//! A mistake on the command line, in the reader's language.
//!
//! clap says what is wrong in English ("error: unexpected argument …").
//! For a reader of Vietnamese, the usual mistakes are said from the
//! catalogue instead, with clap's (already translated) usage line and a
//! pointer to `--help`; English readers get clap's own words, unchanged.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::lang::{Lang, current};
use crate::tr;

/// What to print for `error`, or `None` when clap's own text is right:
/// `--help` and `--version` (not errors), English readers, and the rare
/// kinds not listed here.
pub fn render_parse_error(error: &clap::Error) -> Option<String> {
    if current() != Lang::Vi {
        return None;
    }
    let context = |kind| error.get(kind).map(value_text);
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match error.kind() {
        ErrorKind::UnknownArgument => tr!("parse-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            let name = context(ContextKind::InvalidSubcommand).unwrap_or_default();
            tr!("parse-unknown-command", name = name)
        }
        ErrorKind::InvalidValue => tr!("parse-invalid-value", value = value, arg = arg),
        ErrorKind::ValueValidation => {
            let why = error.source().map(ToString::to_string).unwrap_or_default();
            tr!(
                "parse-value-validation",
                value = value,
                arg = arg,
                why = why
            )
        }
        ErrorKind::MissingRequiredArgument => tr!("parse-missing-argument", arg = arg),
        ErrorKind::MissingSubcommand => tr!("parse-missing-command"),
        ErrorKind::ArgumentConflict => {
            let other = context(ContextKind::PriorArg).unwrap_or_default();
            tr!("parse-conflict", arg = arg, other = other)
        }
        ErrorKind::TooManyValues => {
            tr!("parse-too-many", arg = arg)
        }
        _ => return None,
    };
    if let Some(valid) = context(ContextKind::ValidValue) {
        text.push('\n');
        text.push_str(&tr!("parse-valid-values", values = valid));
    }
    if let Some(suggested) =
        context(ContextKind::SuggestedArg).or_else(|| context(ContextKind::SuggestedSubcommand))
    {
        text.push('\n');
        text.push_str(&tr!("parse-did-you-mean", suggestion = suggested));
    }
    // clap writes its usage line (already translated but for its
    // heading, which clap's error writer spells itself).
    let rendered = error.render().to_string();
    if let Some(usage) = rendered.lines().find_map(|l| l.strip_prefix("Usage:")) {
        text.push_str("\n\n");
        text.push_str(&tr!("help-heading-usage"));
        text.push(':');
        text.push_str(usage);
    }
    text.push_str("\n\n");
    text.push_str(&tr!("parse-see-help"));
    Some(text)
}

/// A context value as the reader should see it.
fn value_text(value: &ContextValue) -> String {
    match value {
        ContextValue::String(text) => text.clone(),
        ContextValue::Strings(texts) => texts.join(", "),
        ContextValue::StyledStr(text) => text.to_string(),
        ContextValue::StyledStrs(texts) => texts
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
