//! Messages about the station's configuration.

use std::fmt;

use crate::config::{StationFileProblem, StationFilesError};
use crate::tr;

impl fmt::Display for StationFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Read { path, source } => tr!(
                "config-files-unreadable",
                path = path.display().to_string(),
                detail = super::io_error_text(source)
            ),
            Self::Invalid { path, problem } => tr!(
                "config-files-invalid",
                path = path.display().to_string(),
                detail = problem.to_string()
            ),
        })
    }
}

impl fmt::Display for StationFileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Syntax { line, column } => tr!(
                "config-files-syntax",
                line = line.to_string(),
                column = column.to_string()
            ),
            Self::NoStationTable => tr!("config-files-no-station"),
            Self::NoId => tr!("config-files-no-id"),
            Self::NotText { key } => tr!("config-files-not-text", key = key.as_str()),
            Self::UnknownZone { zone } => {
                tr!("config-unknown-timezone", value = format!("{zone:?}"))
            }
        })
    }
}

use crate::config::{Diagnostic, Escape, Expected, Problem, Severity, SyntaxFix, format_duration};

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr!(match self {
            Expected::String => "expected-string",
            Expected::Integer => "expected-integer",
            Expected::Bool => "expected-bool",
            Expected::Date => "expected-date",
            Expected::StringArray => "expected-string-array",
            Expected::Table => "expected-table",
            Expected::TableArray => "expected-table-array",
        }))
    }
}

/// A value as the messages quote it: in double quotes, escaped.
fn q(value: impl fmt::Debug) -> String {
    format!("{value:?}")
}

fn duration(value: std::time::Duration) -> String {
    format_duration(value)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&problem_message(self))
    }
}

fn problem_message(problem: &Problem) -> String {
    use Problem::*;
    match problem {
        CannotRead { failure } => tr!("config-cannot-read", detail = io_text(failure)),
        NamedFileUnreadable { path, failure, .. }
            if failure.kind == std::io::ErrorKind::NotFound =>
        {
            tr!("config-named-file-missing", path = super::shown(path))
        }
        NamedFileUnreadable { path, failure, .. } => tr!(
            "config-named-file-unreadable",
            path = super::shown(path),
            detail = io_text(failure)
        ),
        // Where the mistake is known, it is said in plain words; the TOML
        // parser's own sentence (English) only when it is not.
        TomlSyntax {
            fix: Some(SyntaxFix::QuoteText { .. }),
            ..
        } => tr!("config-toml-unquoted-text"),
        TomlSyntax {
            fix: Some(SyntaxFix::CloseQuote),
            ..
        } => tr!("config-toml-unclosed-quote"),
        TomlSyntax {
            fix: Some(SyntaxFix::AddEquals { .. }),
            ..
        } => tr!("config-toml-missing-equals"),
        TomlSyntax { detail, .. } => tr!("config-toml-syntax", detail = detail.trim()),
        UnknownKey { key, table, .. } => {
            tr!(
                "config-unknown-key",
                key = key.as_str(),
                table = table_words(table)
            )
        }
        WrongType { key, expected } => tr!(
            "config-wrong-type",
            key = key.as_str(),
            expected = expected.to_string()
        ),
        MissingKey { key, table } => {
            tr!(
                "config-missing-key",
                key = key.as_str(),
                table = table_words(table)
            )
        }
        BadStationId { value } => tr!("config-bad-station-id", value = q(value)),
        BadSlotName { value } => tr!("config-bad-slot-name", value = q(value)),
        DuplicateSlot { name, first_line } => tr!(
            "config-duplicate-slot",
            name = q(name),
            line = first_line.to_string()
        ),
        BadTime { value } => tr!("config-bad-time", value = q(value)),
        DuplicateTime { value } => tr!("config-duplicate-time", value = q(value)),
        EmptyAt => tr!("config-empty-at"),
        BadCron { value, detail } => {
            tr!(
                "config-bad-cron",
                value = q(value),
                detail = detail.as_str()
            )
        }
        AtAndCron => tr!("config-at-and-cron"),
        PlaylistAndRelay => tr!("config-playlist-and-relay"),
        NeitherPlaylistNorRelay => tr!("config-neither-playlist-nor-relay"),
        BadRelayUrl { value, detail } => {
            tr!(
                "config-bad-relay-url",
                value = q(value),
                detail = detail.as_str()
            )
        }
        FallbackWithoutRelay => tr!("config-fallback-without-relay"),
        NeitherAtNorCron => tr!("config-neither-at-nor-cron"),
        DaysWithCron => tr!("config-days-with-cron"),
        BadDay { value, .. } => tr!("config-bad-day", value = q(value)),
        DuplicateDay { value } => tr!("config-duplicate-day", value = q(value)),
        BadDuration { value } => tr!("config-bad-duration", value = q(value)),
        ZeroDuration { key } => tr!("config-zero-duration", key = key.as_str()),
        DurationTooLong { key, value, limit } => tr!(
            "config-duration-too-long",
            key = key.as_str(),
            value = duration(*value),
            limit = duration(*limit)
        ),
        FromAfterUntil { from, until } => tr!(
            "config-from-after-until",
            from = from.to_string(),
            until = until.to_string()
        ),
        UnknownTimezone { value, .. } => tr!("config-unknown-timezone", value = q(value)),
        BadOutput { value } => tr!("config-bad-output", value = q(value)),
        BadOrder { value, .. } => tr!("config-bad-order", value = q(value)),
        BadCount { value } => tr!("config-bad-count", value = value.to_string()),
        NegativeNumber { key } => tr!("config-negative-number", key = key.as_str()),
        BadLanguage { value } => tr!("config-bad-language", value = q(value)),
        EmptyText { key } => tr!("config-empty-text", key = key.as_str()),
        SlotsOverlap {
            slot,
            other,
            date,
            ends,
            other_starts,
        } => tr!(
            "config-slots-overlap",
            slot = q(slot),
            ends = ends.format("%H:%M:%S").to_string(),
            date = date.to_string(),
            other = q(other),
            starts = other_starts.format("%H:%M:%S").to_string()
        ),
        UnknownPlaylist { name, .. } => tr!("config-unknown-playlist", name = q(name)),
        BadPlaylistName { value } => tr!("config-bad-playlist-name", value = q(value)),
        PlaylistsDirMissing { path } => tr!(
            "config-playlists-dir-missing",
            path = path.display().to_string()
        ),
        EmptyPlaylist { name } => tr!("config-empty-playlist", name = q(name)),
        SegmentMissing { file } => tr!("config-segment-missing", file = q(file)),
        SegmentNotAudio { file, detail } => tr!(
            "config-segment-not-audio",
            file = q(file),
            detail = detail.as_str()
        ),
        SegmentTooLong {
            file,
            duration: length,
            slot,
            max,
        } => tr!(
            "config-segment-too-long",
            file = q(file),
            duration = duration(*length),
            slot = q(slot),
            max = duration(*max)
        ),
        UnknownTopic { code, .. } => tr!("config-unknown-topic", code = code.to_string()),
        PathEscapes { file, why } => tr!(
            match why {
                Escape::ParentDir => "config-path-parent-dir",
                Escape::Absolute => "config-path-absolute",
                Escape::Symlink => "config-path-symlink",
            },
            file = q(file)
        ),
        NameNotUtf8 { name } => tr!("config-name-not-utf8", name = q(name)),
        DuplicateSegment { file } => tr!("config-duplicate-segment", file = q(file)),
        DuplicateTopic { code } => tr!("config-duplicate-topic", code = code.to_string()),
        BadTopicCode { code } => tr!("config-bad-topic-code", code = code.to_string()),
        NothingValidOnDate {
            slot,
            playlist,
            date,
        } => tr!(
            "config-nothing-valid-on-date",
            slot = q(slot),
            date = date.to_string(),
            playlist = q(playlist)
        ),
        UnusedPlaylist { name } => tr!("config-unused-playlist", name = q(name)),
        BadLoudness { value } => tr!("config-bad-loudness", value = q(value)),
        LoudnessOutOfRange { value, range } => tr!(
            "config-loudness-out-of-range",
            value = value.to_string(),
            low = range.0.to_string(),
            high = range.1.to_string()
        ),
        BadGain { value } => tr!("config-bad-gain", value = q(value)),
        GainOutOfRange { value, limit } => tr!(
            "config-gain-out-of-range",
            value = format!("{value:+}"),
            limit = limit.to_string()
        ),
        BadSilenceSetting { key, value } => tr!(
            "config-bad-silence-setting",
            key = key.as_str(),
            value = q(value)
        ),
        DeadAirTooShort { value, min } => tr!(
            "config-dead-air-too-short",
            value = duration(*value),
            min = duration(*min)
        ),
        QuietSegment {
            file,
            loudness,
            target,
        } => tr!(
            "config-quiet-segment",
            file = q(file),
            loudness = format!("{loudness:.1}"),
            gain = format!("{:+.1}", target - loudness),
            target = target.to_string()
        ),
        SilentSegment { file } => tr!("config-silent-segment", file = q(file)),
        MostlySilent {
            file,
            silent_percent,
        } => tr!(
            "config-mostly-silent",
            file = q(file),
            percent = silent_percent.to_string()
        ),
        BadHubUrl { value, detail } => {
            tr!(
                "config-bad-hub-url",
                value = q(value),
                detail = detail.as_str()
            )
        }
        BadHubCa { path, detail } => tr!(
            "config-bad-hub-ca",
            path = path.display().to_string(),
            detail = detail.as_str()
        ),
        LongPauseInside {
            file,
            at,
            length,
            dead_air,
        } => tr!(
            "config-long-pause-inside",
            file = q(file),
            length = duration(*length),
            at = duration(*at),
            dead_air = duration(*dead_air)
        ),
    }
}

/// What the technician should do about a problem.
pub fn hint(problem: &Problem) -> Option<String> {
    use Problem::*;
    Some(match problem {
        UnknownKey {
            suggestion: Some(s),
            ..
        } => tr!("hint-did-you-mean-key", suggestion = s.as_str()),
        UnknownKey { .. } => tr!("hint-unknown-key"),
        MissingKey { key, .. } => tr!("hint-missing-key", key = key.as_str()),
        TomlSyntax {
            fix: Some(SyntaxFix::QuoteText { line }),
            ..
        } => tr!("hint-quote-text", line = line.trim()),
        TomlSyntax {
            fix: Some(SyntaxFix::CloseQuote),
            ..
        } => tr!("hint-close-quote"),
        TomlSyntax {
            fix: Some(SyntaxFix::AddEquals { line }),
            ..
        } => tr!("hint-add-equals", line = line.trim()),
        TomlSyntax { fix: None, .. } => tr!("hint-toml-syntax"),
        BadStationId { .. } => tr!("hint-bad-station-id"),
        BadSlotName { .. } => tr!("hint-bad-slot-name"),
        DuplicateSlot { .. } => tr!("hint-duplicate-slot"),
        BadTime { .. } => tr!("hint-bad-time"),
        DuplicateTime { .. } | DuplicateDay { .. } => tr!("hint-remove-repeated"),
        EmptyAt => tr!("hint-empty-at"),
        BadCron { .. } => tr!("hint-bad-cron"),
        AtAndCron => tr!("hint-keep-one"),
        PlaylistAndRelay => tr!("hint-playlist-and-relay"),
        NeitherPlaylistNorRelay => tr!("hint-neither-playlist-nor-relay"),
        BadRelayUrl { .. } => tr!("hint-bad-relay-url"),
        FallbackWithoutRelay => tr!("hint-fallback-without-relay"),
        NeitherAtNorCron => tr!("hint-neither-at-nor-cron"),
        DaysWithCron => tr!("hint-days-with-cron"),
        BadDay {
            suggestion: Some(s),
            ..
        } => tr!("hint-bad-day-suggestion", suggestion = s.as_str()),
        BadDay { .. } => tr!("hint-bad-day"),
        BadDuration { .. } => tr!("hint-bad-duration"),
        ZeroDuration { .. } => tr!("hint-zero-duration"),
        DurationTooLong { .. } => tr!("hint-duration-too-long"),
        FromAfterUntil { .. } => tr!("hint-from-after-until"),
        UnknownTimezone {
            suggestion: Some(s),
            ..
        } => tr!("hint-did-you-mean-quoted", suggestion = s.as_str()),
        UnknownTimezone { .. } => tr!("hint-unknown-timezone"),
        BadOutput { .. } => tr!("hint-bad-output"),
        BadOrder {
            suggestion: Some(s),
            ..
        } => tr!("hint-bad-order-suggestion", suggestion = s.as_str()),
        BadOrder { .. } => tr!("hint-bad-order"),
        BadCount { .. } => tr!("hint-bad-count"),
        NegativeNumber { .. } => tr!("hint-negative-number"),
        BadLanguage { .. } => tr!("hint-bad-language"),
        EmptyText { .. } => tr!("hint-empty-text"),
        SlotsOverlap { .. } => tr!("hint-slots-overlap"),
        UnknownPlaylist {
            suggestion: Some(s),
            ..
        } => tr!("hint-did-you-mean-quoted", suggestion = s.as_str()),
        UnknownPlaylist { .. } => tr!("hint-unknown-playlist"),
        PlaylistsDirMissing { .. } => tr!("hint-playlists-dir-missing"),
        EmptyPlaylist { .. } => tr!("hint-empty-playlist"),
        SegmentMissing { .. } => tr!("hint-segment-missing"),
        SegmentNotAudio { .. } => tr!("hint-segment-not-audio"),
        SegmentTooLong { .. } => tr!("hint-segment-too-long"),
        UnknownTopic {
            suggestion: Some(s),
            ..
        } => tr!("hint-unknown-topic-suggestion", suggestion = s.to_string()),
        UnknownTopic { .. } => tr!("hint-unknown-topic"),
        PathEscapes { .. } => tr!("hint-path-escapes"),
        NameNotUtf8 { .. } => tr!("hint-name-not-utf8"),
        DuplicateTopic { .. } => tr!("hint-duplicate-topic"),
        BadTopicCode { .. } => tr!("hint-bad-topic-code"),
        NothingValidOnDate { .. } => tr!("hint-nothing-valid-on-date"),
        UnusedPlaylist { .. } => tr!("hint-unused-playlist"),
        DuplicateSegment { .. } => tr!("hint-duplicate-segment"),
        WrongType { expected, .. } => tr!("hint-wrong-type", expected = expected.to_string()),
        CannotRead { .. } => tr!("hint-cannot-read"),
        NamedFileUnreadable {
            failure,
            unwritten_key: Some(key),
            ..
        } if failure.kind == std::io::ErrorKind::NotFound => {
            tr!("hint-default-file-missing", key = key.as_str())
        }
        NamedFileUnreadable { failure, .. } if failure.kind == std::io::ErrorKind::NotFound => {
            tr!("hint-named-file-missing")
        }
        NamedFileUnreadable { .. } => tr!("hint-cannot-read"),
        BadLoudness { .. } => tr!("hint-bad-loudness"),
        LoudnessOutOfRange { .. } => tr!("hint-loudness-out-of-range"),
        BadGain { .. } => tr!("hint-bad-gain"),
        GainOutOfRange { .. } => tr!("hint-gain-out-of-range"),
        BadSilenceSetting { .. } => tr!("hint-bad-silence-setting"),
        DeadAirTooShort { .. } => tr!("hint-dead-air-too-short"),
        QuietSegment { .. } => tr!("hint-quiet-segment"),
        SilentSegment { .. } => tr!("hint-silent-segment"),
        MostlySilent { .. } => tr!("hint-mostly-silent"),
        LongPauseInside { .. } => tr!("hint-long-pause-inside"),
        BadHubUrl { .. } => tr!("hint-bad-hub-url"),
        BadHubCa { .. } => tr!("hint-bad-hub-ca"),
        BadPlaylistName { .. } => return None,
    })
}

/// A problem as `loa check` prints it:
///
/// ```text
/// error: "25:00" is not a time of day
///   --> config/station.toml:14:7
///    |
/// 14 | at = ["25:00"]
///    |       ^^^^^^^
///    = help: write times as HH:MM or HH:MM:SS ...
/// ```
pub fn render_diagnostic(diagnostic: &Diagnostic) -> String {
    let label = match diagnostic.severity {
        Severity::Error => tr!("diagnostic-error"),
        Severity::Warning => tr!("diagnostic-warning"),
    };
    let location = &diagnostic.location;
    let mut out = format!("{label}: {}\n", diagnostic.problem);
    if location.line == 0 {
        out.push_str(&format!("  --> {}\n", location.path.display()));
    } else {
        let number = location.line.to_string();
        let pad = " ".repeat(number.len());
        out.push_str(&format!(
            "{pad}--> {}:{}:{}\n",
            location.path.display(),
            location.line,
            location.column
        ));
        out.push_str(&format!("{pad} |\n{number} | {}\n", location.line_text));
        let indent: String = location
            .line_text
            .chars()
            .take(location.column - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!(
            "{pad} | {indent}{}\n",
            "^".repeat(location.width.min(80))
        ));
    }
    if let Some(hint) = hint(&diagnostic.problem) {
        out.push_str(&format!("   = {}: {hint}\n", tr!("diagnostic-help")));
    }
    out
}

impl fmt::Display for crate::config::ConfigInvalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr!(
            "config-invalid-summary",
            path = self.path.display().to_string(),
            count = self.errors
        ))
    }
}

/// Why a config file could not be read, in the reader's words.
fn io_text(failure: &crate::config::IoFailure) -> String {
    super::io_failure_text_in(
        super::lang::current(),
        failure.kind,
        failure.code,
        &failure.detail,
    )
}

/// A table as messages name it; the file's top level has no header.
fn table_words(table: &str) -> String {
    if table.is_empty() {
        tr!("config-top-level")
    } else {
        table.to_string()
    }
}
