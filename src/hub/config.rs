//! `hub.toml`: where the hub listens, how it speaks TLS, where its store,
//! station registry and officers' accounts are. Every problem is reported
//! at its file, line and column, as `loa check` does for `station.toml`.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono_tz::Tz;
use toml_edit::{Document, Item, TableLike};

use crate::config::{Location, SourceFile, parse_duration};

/// The hub's settings, resolved (relative paths are taken from the
/// config file's folder, so a province can keep everything in one place).
#[derive(Debug, Clone)]
pub struct HubConfig {
    /// The config file itself, for messages.
    pub path: PathBuf,
    /// Where the hub accepts connections.
    pub listen: SocketAddr,
    /// How connections are secured.
    pub tls: TlsMode,
    /// The folder of station log folders (`docs/airlog.md` format).
    pub store: PathBuf,
    /// The folder of stations' `.pub` files (`loa key show --out`).
    pub stations: PathBuf,
    /// The officers' accounts file (`loa hub user add`).
    pub users: PathBuf,
    /// After this long without a record or heartbeat a station is shown as
    /// "mất kết nối".
    pub offline_after: Duration,
    /// The province's time zone: "today" on the pages, report days.
    pub timezone: Tz,
    /// Topic catalogue for topic names (the Department's eleven otherwise).
    pub topics: Option<PathBuf>,
    /// Station display names, by station id.
    pub names: BTreeMap<String, String>,
}

/// How the hub's connections are secured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsMode {
    /// The hub speaks TLS itself with this certificate chain and key (PEM).
    Files {
        /// Certificate chain, PEM.
        cert: PathBuf,
        /// Private key, PEM.
        key: PathBuf,
    },
    /// A reverse proxy on the same machine terminates TLS; the hub listens
    /// on loopback only.
    Proxy,
}

/// Why `hub.toml` cannot be used.
#[derive(Debug)]
pub enum HubConfigError {
    /// The file could not be read.
    Io {
        /// The config file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file has problems, each at its place.
    Invalid(Vec<HubConfigProblem>),
}

/// One problem in `hub.toml` and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct HubConfigProblem {
    /// File, line, column.
    pub location: Location,
    /// What is wrong.
    pub problem: HubProblem,
}

/// What can be wrong in `hub.toml` (wording in `src/text/hub.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubProblem {
    /// Not valid TOML.
    Syntax {
        /// The parser's message.
        detail: String,
    },
    /// A key the hub does not know.
    UnknownKey {
        /// The key.
        key: String,
        /// Its table.
        table: String,
        /// The nearest known key.
        suggestion: Option<String>,
    },
    /// A key of the wrong type.
    WrongType {
        /// The key.
        key: String,
        /// What it should be.
        expected: &'static str,
    },
    /// A required key is absent.
    MissingKey {
        /// The key.
        key: String,
        /// Its table.
        table: String,
    },
    /// `listen` is not an address and port.
    BadListen {
        /// As written.
        value: String,
    },
    /// `offline_after` is not a duration.
    BadDuration {
        /// As written.
        value: String,
    },
    /// `timezone` is not an IANA zone.
    UnknownTimezone {
        /// As written.
        value: String,
    },
    /// Both certificate files and `proxy = true`.
    TlsAndProxy,
    /// Neither certificate files nor `proxy = true`.
    NoTls,
    /// `proxy = true` with a listen address others can reach.
    ProxyNotLoopback {
        /// The address.
        value: String,
    },
}

impl std::error::Error for HubConfigError {}

const HUB_KEYS: &[&str] = &[
    "listen",
    "store",
    "stations",
    "users",
    "offline_after",
    "timezone",
    "topics",
];
const TLS_KEYS: &[&str] = &["cert", "key", "proxy"];
const TOP_TABLES: &[&str] = &["hub", "tls", "names"];
const DEFAULT_OFFLINE_AFTER: Duration = Duration::from_secs(15 * 60);

impl HubConfig {
    /// Reads and checks `path`.
    pub fn load(path: &Path) -> Result<Self, HubConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| HubConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let source = SourceFile::new(path, text);
        let mut reader = Reader {
            source: &source,
            problems: Vec::new(),
        };
        let config = reader.read();
        match config {
            Some(config) if reader.problems.is_empty() => Ok(config),
            _ => Err(HubConfigError::Invalid(reader.problems)),
        }
    }

    /// The display name of `station`, or its id when none was set.
    pub fn name_of<'a>(&'a self, station: &'a str) -> &'a str {
        self.names.get(station).map_or(station, String::as_str)
    }
}

struct Reader<'a> {
    source: &'a SourceFile,
    problems: Vec<HubConfigProblem>,
}

impl Reader<'_> {
    fn read(&mut self) -> Option<HubConfig> {
        let doc = match Document::parse(self.source.text.clone()) {
            Ok(doc) => doc,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                self.problem(
                    span,
                    HubProblem::Syntax {
                        detail: e.message().to_string(),
                    },
                );
                return None;
            }
        };
        let root = doc.as_table();
        self.reject_unknown(root, "", TOP_TABLES, 0..0);
        let hub = self.table(root, "hub")?;
        self.reject_unknown(hub.0, "[hub]", HUB_KEYS, hub.1.clone());
        let listen = self.listen(hub.0, &hub.1);
        let tls = self.tls(root, listen.as_ref());
        let base = self
            .source
            .path
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let store = self.required_path(hub.0, "store", &hub.1, &base);
        let stations = self.required_path(hub.0, "stations", &hub.1, &base);
        let users = self.required_path(hub.0, "users", &hub.1, &base);
        let topics = self.string(hub.0, "topics").map(|(t, _)| base.join(t));
        let offline_after = self.offline_after(hub.0);
        let timezone = self.timezone(hub.0);
        let names = self.names(root);
        Some(HubConfig {
            path: self.source.path.clone(),
            listen: listen?.0,
            tls: tls?,
            store: store?,
            stations: stations?,
            users: users?,
            offline_after: offline_after?,
            timezone: timezone?,
            topics,
            names,
        })
    }

    fn problem(&mut self, span: Range<usize>, problem: HubProblem) {
        self.problems.push(HubConfigProblem {
            location: self.source.locate(span),
            problem,
        });
    }

    fn table<'t>(
        &mut self,
        root: &'t toml_edit::Table,
        name: &str,
    ) -> Option<(&'t dyn TableLike, Range<usize>)> {
        match root.get(name) {
            None => {
                self.problem(
                    0..0,
                    HubProblem::MissingKey {
                        key: format!("[{name}]"),
                        table: String::new(),
                    },
                );
                None
            }
            Some(item) => {
                let span = item.span().unwrap_or(0..0);
                match item.as_table_like() {
                    Some(table) => Some((table, span)),
                    None => {
                        self.problem(
                            span,
                            HubProblem::WrongType {
                                key: name.into(),
                                expected: "table",
                            },
                        );
                        None
                    }
                }
            }
        }
    }

    fn reject_unknown(
        &mut self,
        table: &dyn TableLike,
        name: &str,
        known: &[&str],
        header: Range<usize>,
    ) {
        for (key, _) in table.iter() {
            if known.contains(&key) {
                continue;
            }
            let span = table
                .get_key_value(key)
                .and_then(|(k, _)| k.span())
                .unwrap_or_else(|| header.clone());
            let suggestion = crate::config::did_you_mean(key, known.iter().copied());
            self.problem(
                span,
                HubProblem::UnknownKey {
                    key: key.to_string(),
                    table: name.to_string(),
                    suggestion,
                },
            );
        }
    }

    fn item<'t>(&self, table: &'t dyn TableLike, key: &str) -> Option<(&'t Item, Range<usize>)> {
        let (k, item) = table.get_key_value(key)?;
        let span = item.span().or_else(|| k.span()).unwrap_or(0..0);
        Some((item, span))
    }

    fn string(&mut self, table: &dyn TableLike, key: &str) -> Option<(String, Range<usize>)> {
        let (item, span) = self.item(table, key)?;
        match item.as_str() {
            Some(text) => Some((text.to_string(), span)),
            None => {
                self.problem(
                    span,
                    HubProblem::WrongType {
                        key: key.into(),
                        expected: "text in quotes",
                    },
                );
                None
            }
        }
    }

    fn required_string(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        table_name: &str,
        header: &Range<usize>,
    ) -> Option<(String, Range<usize>)> {
        if table.get(key).is_none() {
            self.problem(
                header.clone(),
                HubProblem::MissingKey {
                    key: key.into(),
                    table: table_name.into(),
                },
            );
            return None;
        }
        self.string(table, key)
    }

    fn required_path(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        header: &Range<usize>,
        base: &Path,
    ) -> Option<PathBuf> {
        self.required_string(table, key, "[hub]", header)
            .map(|(text, _)| base.join(text))
    }

    fn listen(
        &mut self,
        hub: &dyn TableLike,
        header: &Range<usize>,
    ) -> Option<(SocketAddr, Range<usize>)> {
        let (text, span) = self.required_string(hub, "listen", "[hub]", header)?;
        match text.parse::<SocketAddr>() {
            Ok(address) => Some((address, span)),
            Err(_) => {
                self.problem(span, HubProblem::BadListen { value: text });
                None
            }
        }
    }

    fn tls(
        &mut self,
        root: &toml_edit::Table,
        listen: Option<&(SocketAddr, Range<usize>)>,
    ) -> Option<TlsMode> {
        let (tls, header) = self.table(root, "tls")?;
        self.reject_unknown(tls, "[tls]", TLS_KEYS, header.clone());
        let base = self
            .source
            .path
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf);
        let cert = self.string(tls, "cert");
        let key = self.string(tls, "key");
        let proxy = match self.item(tls, "proxy") {
            None => false,
            Some((item, span)) => match item.as_bool() {
                Some(value) => value,
                None => {
                    self.problem(
                        span,
                        HubProblem::WrongType {
                            key: "proxy".into(),
                            expected: "true or false",
                        },
                    );
                    return None;
                }
            },
        };
        match (cert, key, proxy) {
            (Some(_), _, true) | (_, Some(_), true) => {
                self.problem(header, HubProblem::TlsAndProxy);
                None
            }
            (None, None, true) => {
                if let Some((address, span)) = listen
                    && !address.ip().is_loopback()
                {
                    self.problem(
                        span.clone(),
                        HubProblem::ProxyNotLoopback {
                            value: address.to_string(),
                        },
                    );
                    return None;
                }
                Some(TlsMode::Proxy)
            }
            (Some((cert, _)), Some((key, _)), false) => Some(TlsMode::Files {
                cert: base.join(cert),
                key: base.join(key),
            }),
            (None, None, false) => {
                self.problem(header, HubProblem::NoTls);
                None
            }
            (Some(_), None, false) => {
                self.problem(
                    header,
                    HubProblem::MissingKey {
                        key: "key".into(),
                        table: "[tls]".into(),
                    },
                );
                None
            }
            (None, Some(_), false) => {
                self.problem(
                    header,
                    HubProblem::MissingKey {
                        key: "cert".into(),
                        table: "[tls]".into(),
                    },
                );
                None
            }
        }
    }

    fn offline_after(&mut self, hub: &dyn TableLike) -> Option<Duration> {
        let Some((text, span)) = self.string(hub, "offline_after") else {
            return (!hub.contains_key("offline_after")).then_some(DEFAULT_OFFLINE_AFTER);
        };
        match parse_duration(&text).filter(|d| !d.is_zero()) {
            Some(duration) => Some(duration),
            None => {
                self.problem(span, HubProblem::BadDuration { value: text });
                None
            }
        }
    }

    fn timezone(&mut self, hub: &dyn TableLike) -> Option<Tz> {
        let Some((text, span)) = self.string(hub, "timezone") else {
            return (!hub.contains_key("timezone")).then_some(chrono_tz::Asia::Ho_Chi_Minh);
        };
        match text.parse::<Tz>() {
            Ok(zone) => Some(zone),
            Err(_) => {
                self.problem(span, HubProblem::UnknownTimezone { value: text });
                None
            }
        }
    }

    fn names(&mut self, root: &toml_edit::Table) -> BTreeMap<String, String> {
        let mut names = BTreeMap::new();
        let Some(item) = root.get("names") else {
            return names;
        };
        let Some(table) = item.as_table_like() else {
            let span = item.span().unwrap_or(0..0);
            self.problem(
                span,
                HubProblem::WrongType {
                    key: "names".into(),
                    expected: "table",
                },
            );
            return names;
        };
        for (station, _) in table.iter() {
            if let Some((name, _)) = self.string(table, station) {
                names.insert(station.to_string(), name);
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<HubConfig, HubConfigError> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("hub.toml");
        std::fs::write(&path, text).expect("write");
        HubConfig::load(&path)
    }

    fn problems(text: &str) -> Vec<(usize, HubProblem)> {
        match load(text) {
            Err(HubConfigError::Invalid(problems)) => problems
                .into_iter()
                .map(|p| (p.location.line, p.problem))
                .collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    const GOOD: &str = "[hub]\nlisten = \"0.0.0.0:8443\"\nstore = \"store\"\nstations = \"stations\"\nusers = \"users\"\n\n[tls]\ncert = \"cert.pem\"\nkey = \"key.pem\"\n\n[names]\n\"soc-trang/my-xuyen/thanh-phu\" = \"Xã Thạnh Phú\"\n";

    #[test]
    fn a_complete_config_loads_with_defaults() {
        let config = load(GOOD).expect("loads");
        assert_eq!(config.offline_after, Duration::from_secs(900));
        assert_eq!(config.timezone, chrono_tz::Asia::Ho_Chi_Minh);
        assert!(matches!(config.tls, TlsMode::Files { .. }));
        assert_eq!(
            config.name_of("soc-trang/my-xuyen/thanh-phu"),
            "Xã Thạnh Phú"
        );
        assert!(config.store.ends_with("store") && config.store.is_absolute());
    }

    #[test]
    fn proxy_mode_needs_a_loopback_address() {
        let text = GOOD.replace("cert = \"cert.pem\"\nkey = \"key.pem\"", "proxy = true");
        assert_eq!(
            problems(&text),
            vec![(
                2,
                HubProblem::ProxyNotLoopback {
                    value: "0.0.0.0:8443".into()
                }
            )]
        );
        let local = text.replace("0.0.0.0:8443", "127.0.0.1:8080");
        assert_eq!(load(&local).expect("loads").tls, TlsMode::Proxy);
    }

    #[test]
    fn problems_name_their_line() {
        let text = GOOD
            .replace(
                "users = \"users\"",
                "users = \"users\"\noffline_after = \"15\"\nlisen = 1",
            )
            .replace("0.0.0.0:8443", "hub:port");
        let found = problems(&text);
        assert!(found.contains(&(
            2,
            HubProblem::BadListen {
                value: "hub:port".into()
            }
        )));
        assert!(found.contains(&(6, HubProblem::BadDuration { value: "15".into() })));
        assert!(found.iter().any(|(line, p)| *line == 7
            && matches!(p, HubProblem::UnknownKey { suggestion: Some(s), .. } if s == "listen")));
    }

    #[test]
    fn no_tls_and_a_syntax_error_are_reported() {
        let text = GOOD.replace("cert = \"cert.pem\"\nkey = \"key.pem\"", "");
        assert!(problems(&text).iter().any(|(_, p)| *p == HubProblem::NoTls));
        let broken = GOOD.replace("store = \"store\"", "store = store");
        assert!(matches!(
            problems(&broken)[0],
            (3, HubProblem::Syntax { .. })
        ));
    }
}
