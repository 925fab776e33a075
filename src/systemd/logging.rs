//! The form of log lines, chosen by where stderr goes:
//!
//! - **the journal** (`loa run` under systemd): `<4>loa::daemon: airing
//!   missed slot=sang …`. The `<N>` prefix (sd-daemon(3)) is the line's
//!   priority, so `journalctl -p warning` and the journal's colours work;
//!   no timestamp, since the journal stamps every line itself;
//! - **a terminal**: timestamps, levels and colours, for a person;
//! - **elsewhere under systemd** (the device process, whose stderr the
//!   daemon reads and logs again): no timestamp and no colours, the level
//!   as a word;
//! - **a file or pipe** otherwise: timestamps, no colour codes.
//!
//! systemd passes the journal's stream as stderr and names it in
//! `JOURNAL_STREAM` (`device:inode`); a child inherits the variable but not
//! always the stream, so the variable only counts when it matches stderr.

use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::{Format, Full, Writer};
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// How log lines are written; see the module's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogStyle {
    /// Priority prefix, no timestamp, no colour: stderr is the journal.
    Journal,
    /// No timestamp, no colour: started by systemd, stderr not the journal.
    Service,
    /// Timestamps and colours: stderr is a terminal.
    Terminal,
    /// Timestamps, no colour: a file or a pipe.
    Plain,
}

/// What decides the style, gathered from the process's surroundings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Surroundings {
    /// `JOURNAL_STREAM` names the very file stderr is.
    pub stderr_is_journal: bool,
    /// `JOURNAL_STREAM` or `INVOCATION_ID` is set: systemd started this
    /// process or its parent.
    pub under_systemd: bool,
    /// stderr is a terminal.
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set (no-color.org).
    pub no_color: bool,
}

impl Surroundings {
    /// Reads the environment and looks at stderr.
    pub fn of_this_process() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Self {
            stderr_is_journal: stderr_is_journal(),
            under_systemd: set("JOURNAL_STREAM") || set("INVOCATION_ID"),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: set("NO_COLOR"),
        }
    }
}

impl LogStyle {
    /// The style for these surroundings.
    pub fn for_surroundings(s: Surroundings) -> Self {
        if s.stderr_is_journal {
            Self::Journal
        } else if s.stderr_is_terminal {
            if s.no_color {
                Self::Plain
            } else {
                Self::Terminal
            }
        } else if s.under_systemd {
            Self::Service
        } else {
            Self::Plain
        }
    }
}

/// Installs the process's log subscriber: lines to stderr, filtered by
/// `filter`, in the style stderr calls for.
pub fn init(filter: EnvFilter) {
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second subscriber cannot be installed; the first one stays.
    let _ = match LogStyle::for_surroundings(Surroundings::of_this_process()) {
        LogStyle::Journal => builder
            .with_ansi(false)
            .event_format(JournalFormat::default())
            .try_init(),
        LogStyle::Service => builder.without_time().with_ansi(false).try_init(),
        LogStyle::Terminal => builder.with_ansi(true).try_init(),
        LogStyle::Plain => builder.with_ansi(false).try_init(),
    };
}

/// The syslog priority journald reads from a `<N>` line prefix.
pub fn priority(level: &Level) -> u8 {
    match *level {
        Level::ERROR => 3,
        Level::WARN => 4,
        Level::INFO => 6,
        Level::DEBUG | Level::TRACE => 7,
    }
}

/// Whether `JOURNAL_STREAM` (`device:inode`) is the file open as stderr.
fn stderr_is_journal() -> bool {
    let Some(named) = std::env::var_os("JOURNAL_STREAM") else {
        return false;
    };
    let Some((device, inode)) = named.to_str().and_then(parse_journal_stream) else {
        return false;
    };
    let Ok(stderr) = std::io::stderr().as_fd().try_clone_to_owned() else {
        return false;
    };
    std::fs::File::from(stderr)
        .metadata()
        .is_ok_and(|meta| meta.dev() == device && meta.ino() == inode)
}

/// `"64768:1234"` → (device, inode).
fn parse_journal_stream(text: &str) -> Option<(u64, u64)> {
    let (device, inode) = text.split_once(':')?;
    Some((device.parse().ok()?, inode.parse().ok()?))
}

/// Lines for the journal: the default format without time, level or
/// colour, each line (a message may span several) prefixed with the
/// event's priority.
#[derive(Debug)]
pub struct JournalFormat {
    inner: Format<Full, ()>,
}

impl Default for JournalFormat {
    fn default() -> Self {
        Self {
            inner: Format::default()
                .without_time()
                .with_level(false)
                .with_ansi(false),
        }
    }
}

impl<S, N> FormatEvent<S, N> for JournalFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> std::fmt::Result {
        let mut text = String::new();
        self.inner
            .format_event(ctx, Writer::new(&mut text), event)?;
        let priority = priority(event.metadata().level());
        for line in text.trim_end_matches('\n').split('\n') {
            writeln!(writer, "<{priority}>{line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::*;

    /// Log output captured in memory.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn journal_lines(emit: impl FnOnce()) -> String {
        let captured = Captured::default();
        let sink = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(EnvFilter::new("trace"))
            .with_ansi(false)
            .with_writer(move || sink.clone())
            .event_format(JournalFormat::default())
            .finish();
        tracing::subscriber::with_default(subscriber, emit);
        let bytes = captured.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn each_level_gets_its_syslog_priority_and_no_timestamp() {
        let text = journal_lines(|| {
            tracing::error!("e");
            tracing::warn!(slot = "sang", "w");
            tracing::info!("i");
            tracing::debug!("d");
            tracing::trace!("t");
        });
        let lines: Vec<&str> = text.lines().collect();
        let target = module_path!();
        assert_eq!(
            lines,
            [
                format!("<3>{target}: e"),
                format!("<4>{target}: w slot=\"sang\""),
                format!("<6>{target}: i"),
                format!("<7>{target}: d"),
                format!("<7>{target}: t"),
            ]
        );
    }

    #[test]
    fn every_line_of_a_multi_line_message_keeps_the_priority() {
        let text = journal_lines(|| tracing::warn!("first\nsecond"));
        let target = module_path!();
        assert_eq!(text, format!("<4>{target}: first\n<4>second\n"));
    }

    #[test]
    fn the_journal_wins_then_a_terminal_then_systemd() {
        let style = |journal, systemd, terminal, no_color| {
            LogStyle::for_surroundings(Surroundings {
                stderr_is_journal: journal,
                under_systemd: systemd,
                stderr_is_terminal: terminal,
                no_color,
            })
        };
        assert_eq!(style(true, true, false, false), LogStyle::Journal);
        assert_eq!(style(false, true, true, false), LogStyle::Terminal);
        assert_eq!(style(false, false, true, true), LogStyle::Plain);
        assert_eq!(style(false, true, false, false), LogStyle::Service);
        assert_eq!(style(false, false, false, false), LogStyle::Plain);
    }

    #[test]
    fn journal_stream_is_device_colon_inode() {
        assert_eq!(parse_journal_stream("8:12345"), Some((8, 12345)));
        assert_eq!(parse_journal_stream("8:"), None);
        assert_eq!(parse_journal_stream("junk"), None);
    }
}
