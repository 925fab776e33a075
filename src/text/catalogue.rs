//! The message catalogue: every sentence a person reads, in each language,
//! from one Fluent file per language (`i18n/vi.ftl`, `i18n/en.ftl`) that a
//! translator edits without touching Rust. The files are built into the
//! binary, so a station needs nothing beside it.
//!
//! Code asks for a message by id with its variables ([`tr`], or the
//! [`crate::tr!`] macro); a missing id or variable never fails: it shows
//! the id, and the test `every_message_is_in_every_language` keeps the
//! catalogues complete and their variables the same.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};

use super::lang::{Lang, current};

/// The Vietnamese catalogue's source.
pub const VI: &str = include_str!("../../i18n/vi.ftl");
/// The English catalogue's source.
pub const EN: &str = include_str!("../../i18n/en.ftl");

/// A message's variable value.
pub type Arg<'a> = FluentValue<'a>;

/// The message `id` in the process's language, with `args` filled in.
pub fn tr(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    tr_in(current(), id, args)
}

/// Whether the catalogue of the process's language has the message `id`
/// (an optional text, such as an option's longer help).
pub fn has(id: &str) -> bool {
    bundle(current()).has_message(id)
}

/// The message `id` as the airing log holds it: English, whatever the
/// process speaks (the log is machine output; readers see it in their own
/// language through `text::reason::logged`). A leaf like `tr!`, so the
/// layers that write the log may use it.
pub fn for_the_log(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    tr_in(Lang::En, id, args)
}

/// The message `id` in `lang`.
pub fn tr_in(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// The variables that make `text` the message `id` in `lang`, when it is
/// that message: how a sentence the airing log holds (in English, like all
/// its fields) is recognised, to be shown in the reader's language. `None`
/// when `text` is not that message.
pub fn recognise(lang: Lang, id: &str, text: &str) -> Option<Vec<(String, String)>> {
    let pattern = bundle(lang).get_message(id).and_then(|m| m.value())?;
    let mut pieces = Vec::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => pieces.push(Piece::Text(value)),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => pieces.push(Piece::Variable(id.name)),
            // Selectors and literals are not recognised.
            PatternElement::Placeable { .. } => return None,
        }
    }
    let mut found = Vec::new();
    match_pieces(&pieces, text, &mut found).then_some(found)
}

/// A part of a message's pattern.
enum Piece<'a> {
    /// Words as written.
    Text(&'a str),
    /// A variable, by name.
    Variable(&'a str),
}

/// Whether `text` is `pieces`, its variables' values put in `found`. A
/// variable takes the shortest non-empty text after which the rest
/// matches; a `path` the longest (a file's name may hold any words, a
/// detail after it rarely the sentence's own).
fn match_pieces(pieces: &[Piece<'_>], text: &str, found: &mut Vec<(String, String)>) -> bool {
    match pieces {
        [] => text.is_empty(),
        [Piece::Text(words), rest @ ..] => text
            .strip_prefix(words)
            .is_some_and(|after| match_pieces(rest, after, found)),
        [Piece::Variable(name), rest @ ..] => {
            let mut ends: Vec<usize> = text.char_indices().skip(1).map(|(i, _)| i).collect();
            ends.push(text.len());
            if *name == "path" {
                ends.reverse();
            }
            for end in ends {
                let mark = found.len();
                found.push((name.to_string(), text[..end].to_string()));
                if match_pieces(rest, &text[end..], found) {
                    return true;
                }
                found.truncate(mark);
            }
            false
        }
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static VI_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, source) = match lang {
        Lang::Vi => (&VI_BUNDLE, VI),
        Lang::En => (&EN_BUNDLE, EN),
    };
    cell.get_or_init(|| build(lang, source))
}

fn build(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks: they show as garbage in a terminal.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
    // A duplicate id keeps the first; the catalogue test reports it.
    let _ = bundle.add_resource(resource);
    bundle
}

/// `tr!("id", name = value, ...)`: the message `id` with its variables.
#[macro_export]
macro_rules! tr {
    ($id:expr $(,)?) => {
        $crate::text::catalogue::tr($id, &[])
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text::catalogue::tr(
            $id,
            &[$((stringify!($name), $crate::text::catalogue::Arg::from($value))),+],
        )
    };
}

/// `tr_lang!(lang, "id", name = value, ...)`: the message `id` in `lang`
/// (English for the airing log, whatever the process speaks).
#[macro_export]
macro_rules! tr_lang {
    ($lang:expr, $id:expr $(,)?) => {
        $crate::text::catalogue::tr_in($lang, $id, &[])
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::text::catalogue::tr_in(
            $lang,
            $id,
            &[$((stringify!($name), $crate::text::catalogue::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast::{Entry, Pattern};

    use super::*;

    /// Every message id with the variables it uses.
    fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("the catalogue does not parse: {errors:?}"));
        let mut out = BTreeMap::new();
        for entry in resource.body {
            if let Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(value) = &message.value {
                    collect_variables(value, &mut variables);
                }
                let id = message.id.name.to_string();
                assert!(
                    out.insert(id.clone(), variables).is_none(),
                    "message {id} is defined twice"
                );
            }
        }
        out
    }

    fn collect_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                collect_expression(expression, out);
            }
        }
    }

    fn collect_expression(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            Expression::Inline(inline) => collect_inline(inline, out),
            Expression::Select { selector, variants } => {
                collect_inline(selector, out);
                for variant in variants {
                    collect_variables(&variant.value, out);
                }
            }
        }
    }

    fn collect_inline(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            InlineExpression::Placeable { expression } => collect_expression(expression, out),
            _ => {}
        }
    }

    #[test]
    fn every_message_is_in_every_language_with_the_same_variables() {
        let vi = messages(VI);
        let en = messages(EN);
        let only_vi: Vec<_> = vi.keys().filter(|id| !en.contains_key(*id)).collect();
        let only_en: Vec<_> = en.keys().filter(|id| !vi.contains_key(*id)).collect();
        assert!(only_vi.is_empty(), "only in vi.ftl: {only_vi:?}");
        assert!(only_en.is_empty(), "only in en.ftl: {only_en:?}");
        for (id, variables) in &vi {
            assert_eq!(Some(variables), en.get(id), "variables of {id} differ");
        }
    }

    /// The areas whose messages left the code for the catalogue last
    /// (issue 14): each is Vietnamese, not the English left in place.
    const MOVED: &[&str] = &[
        "audio-",
        "undecodable-",
        "unfinished-",
        "silent-",
        "priming-",
        "output-",
        "device-",
        "relay-",
        "announce-",
        "airlog-",
        "checkpoint-",
        "reason-",
        "hub-",
    ];

    #[test]
    fn every_moved_message_is_vietnamese() {
        let vi = messages(VI);
        let mut checked = 0;
        for (id, variables) in &vi {
            if !MOVED.iter().any(|prefix| id.starts_with(prefix)) {
                continue;
            }
            let values: Vec<String> = (0..variables.len()).map(|n| format!("X{n}")).collect();
            let args: Vec<(&str, Arg<'_>)> = variables
                .iter()
                .zip(&values)
                .map(|(name, value)| (name.as_str(), Arg::from(value.as_str())))
                .collect();
            let (in_vi, in_en) = (tr_in(Lang::Vi, id, &args), tr_in(Lang::En, id, &args));
            assert_ne!(in_vi, in_en, "{id} is not translated");
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let english = crate::text::reason::tests::english_words(&in_vi, &values);
            assert!(english.is_empty(), "{id}: English {english:?} in: {in_vi}");
            checked += 1;
        }
        assert!(checked > 100, "only {checked} messages checked");
    }

    #[test]
    fn a_message_fills_its_variables_in_either_language() {
        let args = [("value", Arg::from("\"25:00\""))];
        assert_eq!(
            tr_in(Lang::En, "config-bad-time", &args),
            "\"25:00\" is not a time of day"
        );
        assert!(tr_in(Lang::Vi, "config-bad-time", &args).contains("\"25:00\""));
        assert_eq!(tr_in(Lang::Vi, "no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn a_sentence_is_recognised_with_its_variables() {
        let text = tr_in(
            Lang::En,
            "config-slots-overlap",
            &[
                ("slot", Arg::from("sang")),
                ("ends", Arg::from("06:10")),
                ("date", Arg::from("2026-12-03")),
                ("other", Arg::from("trua")),
                ("starts", Arg::from("06:00")),
            ],
        );
        let found = recognise(Lang::En, "config-slots-overlap", &text).expect("recognised");
        let value = |name: &str| {
            found
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(value("slot"), Some("sang"));
        assert_eq!(value("ends"), Some("06:10"));
        assert_eq!(value("starts"), Some("06:00"));
        assert_eq!(
            recognise(Lang::En, "config-slots-overlap", "shutdown"),
            None
        );
        assert_eq!(recognise(Lang::En, "no-such-message", "x"), None);
    }
}
