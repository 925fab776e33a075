//! `--help` in the reader's language.
//!
//! clap writes the help from the doc comments of `main.rs` and the
//! commands' `Args`, and adds its own English words ("Usage", "Options",
//! "Print help", "[default: …]"). [`localise`] fills every text of the
//! command tree from the catalogue instead, by id, so a translator edits
//! the help like any other message, and the parsing stays clap's own.
//!
//! The ids follow the tree: `help-loa` is the program's about,
//! `help-key-show` a command's, `help-key-show--out` an option's
//! (`…-long` its longer text for `--help`), `help-choice-cutoff-official`
//! one of an option's values, `help-value-file` a value's placeholder.

use clap::builder::StyledStr;
use clap::{Arg, ArgAction, Command};

use super::catalogue::{Arg as Var, has, tr};

/// The id of the help flag and of clap's help subcommands.
const HELP: &str = "help";
/// The id of the version flag.
const VERSION: &str = "version";
/// Where clap lists its own help and version flags: after the command's
/// options (clap's order for an option given none).
const LAST: usize = 999;

/// `command` with every text of its `--help` from the catalogue, ready to
/// parse (it is built: clap's help subcommands exist and are translated).
pub fn localise(command: Command) -> Command {
    let mut command = texts(command, "loa", true);
    command.build();
    finish(command)
}

/// The texts a command and its subcommands carry before clap builds
/// them; `path` names the command in ids (`loa`, `key-show`).
fn texts(command: Command, path: &str, root: bool) -> Command {
    let mut command = command
        .about(tr(&format!("help-{path}"), &[]))
        .subcommand_value_name(tr("help-placeholder-command", &[]))
        .disable_help_flag(true);
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    // Once one option has a longer text, `--help` shows the long form of
    // every option (clap's rule): theirs must be ready too.
    let long = command
        .get_arguments()
        .any(|arg| has(&format!("help-{path}--{}-long", arg.get_id())) || described(arg));
    for id in &ids {
        command = command.mut_arg(id, |arg| argument(arg, path, long));
    }
    command = command.arg(help_flag(long));
    if root {
        command = command.disable_version_flag(true).arg(version_flag());
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = if root {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        command = command.mut_subcommand(&name, |sub| texts(sub, &sub_path, false));
    }
    command
}

/// An argument's help, placeholder, values and default from the
/// catalogue. clap's own "[default: …]" and "Possible values" are hidden:
/// the catalogue says them. `long`: the command has a long form.
fn argument(arg: Arg, path: &str, long: bool) -> Arg {
    let id = format!("help-{path}--{}", arg.get_id());
    if !arg.get_action().takes_values() {
        return arg.help(tr(&id, &[]));
    }
    let default: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|value| value.to_string_lossy().into_owned())
        .collect();
    let default = (!default.is_empty())
        .then(|| tr("help-default", &[("value", Var::from(default.join(" ")))]));
    let names: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|value| value.get_name().to_string())
        .collect();
    let values =
        (!names.is_empty()).then(|| tr("help-values", &[("values", Var::from(names.join(", ")))]));
    let extras: Vec<String> = default.iter().chain(&values).cloned().collect();
    let base = tr(&id, &[]);
    let own_long = has(&format!("{id}-long")).then(|| tr(&format!("{id}-long"), &[]));
    let long_text = if described(&arg) {
        let help = own_long.as_deref().unwrap_or(&base);
        Some(described_values(&arg, help, default.as_deref()))
    } else if long && !extras.is_empty() {
        let help = own_long.as_deref().unwrap_or(&base);
        Some(format!("{help}\n\n{}", extras.join("\n")))
    } else {
        own_long
    };
    let short = std::iter::once(base)
        .chain(extras)
        .collect::<Vec<_>>()
        .join(" ");
    let mut arg = arg
        .help(short)
        .hide_default_value(true)
        .hide_possible_values(true);
    if let Some(text) = long_text {
        arg = arg.long_help(text);
    }
    if let Some(names) = placeholders(&arg) {
        arg = arg.value_names(names);
    }
    arg
}

/// Whether each of `arg`'s values has a meaning of its own to show.
fn described(arg: &Arg) -> bool {
    arg.get_possible_values()
        .iter()
        .any(|value| value.get_help().is_some())
}

/// The long help of an option whose values each have a meaning: the
/// help, one line per value, then the default.
fn described_values(arg: &Arg, help: &str, default: Option<&str>) -> String {
    let values = arg.get_possible_values();
    let width = values.iter().map(|v| v.get_name().chars().count()).max();
    let width = width.unwrap_or_default() + 1;
    let mut text = format!("{help}\n\n{}:", tr("help-choices", &[]));
    for value in &values {
        let id = format!("help-choice-{}-{}", arg.get_id(), value.get_name());
        let name = format!("{}:", value.get_name());
        text.push_str(&format!("\n- {name:width$} {}", tr(&id, &[])));
    }
    if let Some(default) = default {
        text.push_str(&format!("\n\n{default}"));
    }
    text
}

/// An argument's placeholders (`<CONFIG>`) in the reader's words, when
/// the catalogue has them.
fn placeholders(arg: &Arg) -> Option<Vec<String>> {
    let names: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(ToString::to_string).collect(),
        None if arg.is_positional() => vec![arg.get_id().to_string().to_uppercase()],
        None => return None,
    };
    let mut changed = false;
    let shown = names
        .iter()
        .map(|name| {
            let id = format!("help-value-{}", slug(name));
            if has(&id) {
                changed = true;
                tr(&id, &[])
            } else {
                name.clone()
            }
        })
        .collect();
    changed.then_some(shown)
}

/// `FILE|PLAYLIST` → `file-playlist`: a placeholder as part of an id.
fn slug(name: &str) -> String {
    let lower: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    lower.trim_matches('-').to_string()
}

/// `-h`/`--help`, as clap makes it, in the reader's words. `long`: the
/// command has a longer help for `--help`.
fn help_flag(long: bool) -> Arg {
    let arg = Arg::new(HELP)
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .display_order(LAST);
    if long {
        arg.help(tr("help-flag-summary", &[]))
            .long_help(tr("help-flag-long", &[]))
    } else {
        arg.help(tr("help-flag", &[]))
    }
}

/// `-V`/`--version`, as clap makes it, in the reader's words.
fn version_flag() -> Arg {
    Arg::new(VERSION)
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .display_order(LAST)
        .help(tr("help-version", &[]))
}

/// What can only be set once clap has built the tree: its help
/// subcommands' texts, the usage line and the headings.
fn finish(mut command: Command) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, finish);
    }
    if command.get_name() == HELP && !command.get_arguments().any(|a| a.get_id() == HELP) {
        command = command.about(tr("help-help", &[]));
    }
    let usage = usage(&mut command);
    let template = template(&command);
    command.override_usage(usage).help_template(template)
}

/// The usage line without its heading, its placeholder for options in
/// the reader's words.
fn usage(command: &mut Command) -> String {
    let rendered = command.render_usage().to_string();
    let line = rendered
        .split_once(' ')
        .map_or(rendered.as_str(), |(_, line)| line);
    line.replace("[OPTIONS]", &tr("help-placeholder-options", &[]))
}

/// clap's help layout, its headings in the reader's words.
fn template(command: &Command) -> StyledStr {
    let styles = command.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let heading = |id: &str| format!("{header}{}:{header:#}", tr(id, &[]));
    let mut sections = Vec::new();
    if command.has_subcommands() && command.get_subcommands().any(|s| !s.is_hide_set()) {
        sections.push(format!(
            "{}\n{{subcommands}}",
            heading("help-heading-commands")
        ));
    }
    let shown = |arg: &&Arg| !arg.is_hide_set();
    if command.get_positionals().any(|a| shown(&a)) {
        sections.push(format!(
            "{}\n{{positionals}}",
            heading("help-heading-arguments")
        ));
    }
    if command
        .get_arguments()
        .any(|a| !a.is_positional() && shown(&a))
    {
        sections.push(format!("{}\n{{options}}", heading("help-heading-options")));
    }
    let usage_line = format!(
        "{usage}{}:{usage:#} {{usage}}",
        tr("help-heading-usage", &[])
    );
    let mut template = format!("{{before-help}}{{about-with-newline}}\n{usage_line}");
    if !sections.is_empty() {
        template.push_str("\n\n");
        template.push_str(&sections.join("\n\n"));
    }
    template.push_str("{after-help}");
    StyledStr::from(template)
}
