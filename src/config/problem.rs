//! Everything `loa check` can find wrong, as typed values. The wording, and
//! the hint for each, is in `crate::text::config`.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, NaiveTime};

use super::source::Location;

/// Why a file could not be read, kept as values so it is said in the
/// reader's language ("No such file or directory" is the system's English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoFailure {
    /// The kind of failure.
    pub kind: std::io::ErrorKind,
    /// The system's error number, when there is one.
    pub code: Option<i32>,
    /// The system's own words, for a kind the catalogue does not name.
    pub detail: String,
}

impl From<&std::io::Error> for IoFailure {
    fn from(error: &std::io::Error) -> Self {
        Self {
            kind: error.kind(),
            code: error.raw_os_error(),
            detail: error.to_string(),
        }
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The station can still run; something looks unintended.
    Warning,
    /// The config cannot be used until this is fixed.
    Error,
}

/// The TOML type a key should have had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    String,
    Integer,
    Bool,
    Date,
    StringArray,
    Table,
    TableArray,
}

/// Why a segment's path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// It contains a `..` component.
    ParentDir,
    /// It is an absolute path.
    Absolute,
    /// It resolves (through a symbolic link) outside the playlists folder.
    Symlink,
}

/// One thing wrong (or doubtful) in a station's configuration.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    CannotRead {
        failure: IoFailure,
    },
    /// A file the station's config names (its topics) cannot be read; shown
    /// at the line that names it.
    NamedFileUnreadable {
        path: PathBuf,
        failure: IoFailure,
        /// The key that would name it, when it is not written (its
        /// default was used): the fix is then to write it, not to edit it.
        unwritten_key: Option<String>,
    },
    TomlSyntax {
        detail: String,
        /// The likely fix, when the line shows a usual hand-editing mistake.
        fix: Option<super::syntax::SyntaxFix>,
    },
    UnknownKey {
        key: String,
        table: String,
        suggestion: Option<String>,
    },
    WrongType {
        key: String,
        expected: Expected,
    },
    MissingKey {
        key: String,
        table: String,
    },
    BadStationId {
        value: String,
    },
    BadSlotName {
        value: String,
    },
    DuplicateSlot {
        name: String,
        first_line: usize,
    },
    BadTime {
        value: String,
    },
    DuplicateTime {
        value: String,
    },
    EmptyAt,
    BadCron {
        value: String,
        detail: String,
    },
    AtAndCron,
    NeitherAtNorCron,
    PlaylistAndRelay,
    NeitherPlaylistNorRelay,
    BadRelayUrl {
        value: String,
        detail: String,
    },
    FallbackWithoutRelay,
    DaysWithCron,
    BadDay {
        value: String,
        suggestion: Option<String>,
    },
    DuplicateDay {
        value: String,
    },
    BadDuration {
        value: String,
    },
    ZeroDuration {
        key: String,
    },
    DurationTooLong {
        key: String,
        value: Duration,
        limit: Duration,
    },
    FromAfterUntil {
        from: NaiveDate,
        until: NaiveDate,
    },
    UnknownTimezone {
        value: String,
        suggestion: Option<String>,
    },
    BadOutput {
        value: String,
    },
    BadHubUrl {
        value: String,
        detail: String,
    },
    BadHubCa {
        path: PathBuf,
        detail: String,
    },
    BadOrder {
        value: String,
        suggestion: Option<String>,
    },
    BadCount {
        value: i64,
    },
    NegativeNumber {
        key: String,
    },
    BadLanguage {
        value: String,
    },
    EmptyText {
        key: String,
    },
    SlotsOverlap {
        slot: String,
        other: String,
        date: NaiveDate,
        ends: NaiveTime,
        other_starts: NaiveTime,
    },
    UnknownPlaylist {
        name: String,
        suggestion: Option<String>,
    },
    BadPlaylistName {
        value: String,
    },
    PlaylistsDirMissing {
        path: PathBuf,
    },
    EmptyPlaylist {
        name: String,
    },
    SegmentMissing {
        file: String,
    },
    SegmentNotAudio {
        file: String,
        detail: String,
    },
    SegmentTooLong {
        file: String,
        duration: Duration,
        slot: String,
        max: Duration,
    },
    UnknownTopic {
        code: i64,
        suggestion: Option<u32>,
    },
    PathEscapes {
        file: String,
        why: Escape,
    },
    /// A file or folder in the playlists folder whose name is not UTF-8
    /// (an old Windows copy, a Latin-1 USB stick): it cannot be named in a
    /// playlist, the log or a report, so it is left out. `name` is shown
    /// with the undecodable bytes replaced.
    NameNotUtf8 {
        name: String,
    },
    DuplicateSegment {
        file: String,
    },
    DuplicateTopic {
        code: i64,
    },
    BadTopicCode {
        code: i64,
    },
    NothingValidOnDate {
        slot: String,
        playlist: String,
        date: NaiveDate,
    },
    UnusedPlaylist {
        name: String,
    },
    BadLoudness {
        value: String,
    },
    LoudnessOutOfRange {
        value: f64,
        range: (f64, f64),
    },
    BadGain {
        value: String,
    },
    GainOutOfRange {
        value: f64,
        limit: f64,
    },
    BadSilenceSetting {
        key: String,
        value: String,
    },
    DeadAirTooShort {
        value: Duration,
        min: Duration,
    },
    /// The segment is so far below the loudness target that the gain to
    /// reach it would lift its noise too.
    QuietSegment {
        file: String,
        loudness: f64,
        target: f64,
    },
    /// Nothing in the file is above the silence threshold.
    SilentSegment {
        file: String,
    },
    MostlySilent {
        file: String,
        silent_percent: u32,
    },
    /// A silence inside the segment longer than `dead_air`: playout will
    /// take it for dead air.
    LongPauseInside {
        file: String,
        at: Duration,
        length: Duration,
        dead_air: Duration,
    },
}

/// A problem and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// File, line and column.
    pub location: Location,
    /// What is wrong.
    pub problem: Problem,
}

/// All problems found in one `loa check` (every problem, not just the first).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records an error.
    pub fn error(&mut self, location: Location, problem: Problem) {
        self.push(Severity::Error, location, problem);
    }

    /// Records a warning.
    pub fn warning(&mut self, location: Location, problem: Problem) {
        self.push(Severity::Warning, location, problem);
    }

    fn push(&mut self, severity: Severity, location: Location, problem: Problem) {
        self.items.push(Diagnostic {
            severity,
            location,
            problem,
        });
    }

    /// True when at least one error (not warning) was found.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The problems, in the order of files and lines.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (&a.location.path, a.location.line, a.location.column).cmp(&(
                &b.location.path,
                b.location.line,
                b.location.column,
            ))
        });
        items
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// How many warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
}

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

/// The configuration has errors (already printed, one by one): what a
/// command that needs a valid station returns.
#[derive(Debug)]
pub struct ConfigInvalid {
    /// The config file.
    pub path: std::path::PathBuf,
    /// How many errors were printed.
    pub errors: usize,
}

impl std::error::Error for ConfigInvalid {}
