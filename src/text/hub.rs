//! Messages of `loa hub` (the pages' Vietnamese is content, in
//! `hub::pages`), from the catalogue: Vietnamese unless the locale names
//! another language, as every command (`text::lang`).

use std::fmt;
use std::net::SocketAddr;

use crate::hub::config::{HubConfigError, HubConfigProblem, HubProblem};
use crate::hub::registry::RegistryError;
use crate::hub::run::HubError;
use crate::hub::tls::TlsError;
use crate::hub::users::{MIN_PASSWORD_CHARS, UserError};
use crate::tr;

use super::shown;

/// The line the hub prints once it listens (tests read the address: the
/// first word starting with the scheme).
pub fn listening(scheme: &str, address: SocketAddr, stations: usize) -> String {
    tr!(
        "hub-listening",
        url = format!("{scheme}://{address}"),
        stations = stations.to_string()
    )
}

/// What `loa hub user add` prints when done.
pub fn user_added(name: &str, path: &std::path::Path) -> String {
    tr!("hub-user-added", name = name, path = shown(path))
}

impl fmt::Display for HubProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Syntax { detail } => tr!("hub-toml-syntax", detail = detail.as_str()),
            Self::UnknownKey {
                key,
                table,
                suggestion: Some(suggestion),
            } => tr!(
                "hub-unknown-key-suggest",
                key = key.as_str(),
                table = table.as_str(),
                suggestion = suggestion.as_str()
            ),
            Self::UnknownKey { key, table, .. } => {
                tr!(
                    "hub-unknown-key",
                    key = key.as_str(),
                    table = table.as_str()
                )
            }
            Self::WrongType { key, expected } => tr!(
                "hub-wrong-type",
                key = key.as_str(),
                expected = expected_words(expected)
            ),
            Self::MissingKey { key, table } if table.is_empty() => {
                tr!("hub-missing-table", key = key.as_str())
            }
            Self::MissingKey { key, table } => {
                tr!(
                    "hub-missing-key",
                    key = key.as_str(),
                    table = table.as_str()
                )
            }
            Self::BadListen { value } => tr!("hub-bad-listen", value = format!("{value:?}")),
            Self::BadDuration { value } => tr!("hub-bad-duration", value = format!("{value:?}")),
            Self::UnknownTimezone { value } => {
                tr!("hub-bad-timezone", value = format!("{value:?}"))
            }
            Self::TlsAndProxy => tr!("hub-tls-and-proxy"),
            Self::NoTls => tr!("hub-no-tls"),
            Self::ProxyNotLoopback { value } => {
                tr!("hub-proxy-not-loopback", value = format!("{value:?}"))
            }
        })
    }
}

/// What a key's value should be, in words.
fn expected_words(expected: &str) -> String {
    match expected {
        "table" => tr!("hub-expected-table"),
        "text in quotes" => tr!("hub-expected-text"),
        "true or false" => tr!("hub-expected-bool"),
        other => other.to_string(),
    }
}

/// A problem as `loa check` shows one: message, file:line:column, the line.
pub fn render_problem(problem: &HubConfigProblem) -> String {
    let location = &problem.location;
    let number = location.line.to_string();
    let pad = " ".repeat(number.len());
    let indent: String = location
        .line_text
        .chars()
        .take(location.column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{}: {}\n{pad}--> {}:{}:{}\n{pad} |\n{number} | {}\n{pad} | {indent}{}",
        tr!("diagnostic-error"),
        problem.problem,
        location.path.display(),
        location.line,
        location.column,
        location.line_text,
        "^".repeat(location.width.clamp(1, 80))
    )
}

impl fmt::Display for HubConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Io { path, source } => tr!(
                "hub-config-unreadable",
                path = shown(path),
                detail = super::io_error_text(source)
            ),
            Self::Invalid(problems) => {
                let rendered: Vec<String> = problems.iter().map(render_problem).collect();
                format!(
                    "{}\n{}",
                    tr!("hub-config-invalid", count = problems.len().to_string()),
                    rendered.join("\n")
                )
            }
        })
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Io { path, source } => tr!(
                "hub-registry-unreadable",
                path = shown(path),
                detail = super::io_error_text(source)
            ),
            Self::Malformed { path } => tr!("hub-registry-malformed", path = shown(path)),
            Self::BadStationId { path, station } => tr!(
                "hub-registry-bad-station",
                path = shown(path),
                station = format!("{station:?}")
            ),
            Self::NestedStations { outer, inner } => tr!(
                "hub-registry-nested",
                inner = format!("{inner:?}"),
                outer = format!("{outer:?}")
            ),
        })
    }
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Certificate { path, detail } => tr!(
                "hub-tls-certificate",
                path = shown(path),
                detail = detail.as_str()
            ),
            Self::Key { path, detail } => {
                tr!("hub-tls-key", path = shown(path), detail = detail.as_str())
            }
            Self::Refused(detail) => tr!("hub-tls-refused", detail = detail.as_str()),
        })
    }
}

impl fmt::Display for HubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(e) => e.fmt(f),
            Self::Registry(e) => e.fmt(f),
            Self::Tls(e) => e.fmt(f),
            Self::Store { path, source } => f.write_str(&tr!(
                "hub-store",
                path = shown(path),
                detail = super::io_error_text(source)
            )),
            Self::Listen { address, source } => f.write_str(&tr!(
                "hub-listen-failed",
                address = address.to_string(),
                detail = super::io_error_text(source)
            )),
        }
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::BadName { name } => {
                f.write_str(&tr!("hub-user-bad-name", name = format!("{name:?}")))
            }
            Self::WeakPassword => f.write_str(&tr!(
                "hub-user-weak-password",
                min = MIN_PASSWORD_CHARS.to_string()
            )),
            Self::Hash(detail) => f.write_str(&tr!("hub-user-hash", detail = detail.as_str())),
        }
    }
}
