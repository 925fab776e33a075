//! Messages about the station's configuration.

use crate::config::StationFilesError;
use std::fmt;

impl fmt::Display for StationFilesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, source } => {
                write!(
                    f,
                    "{}: cannot read the config file: {source}",
                    path.display()
                )
            }
            Self::Invalid { path, detail } => write!(
                f,
                "{}: {detail} (run `loa check -c {}` for the full list of problems)",
                path.display(),
                path.display()
            ),
        }
    }
}

use crate::config::{Diagnostic, Escape, Expected, Problem, Severity, SyntaxFix, format_duration};

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::String => "a string in quotes, like \"text\"",
            Expected::Integer => "a whole number, like 3",
            Expected::Bool => "true or false",
            Expected::Date => "a date without quotes, like 2021-03-03",
            Expected::StringArray => "a list of strings, like [\"05:30\", \"17:00\"]",
            Expected::Table => "a table, like [station]",
            Expected::TableArray => "a list of tables, like [[slot]]",
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match self {
            CannotRead { detail } => write!(f, "cannot read this file: {detail}"),
            TomlSyntax { detail, .. } => write!(f, "this is not valid TOML: {}", detail.trim()),
            UnknownKey { key, table, .. } => write!(f, "unknown key `{key}` in {table}"),
            WrongType { key, expected } => write!(f, "`{key}` must be {expected}"),
            MissingKey { key, table } => write!(f, "{table} is missing `{key}`"),
            BadStationId { value } => write!(f, "invalid station id {value:?}"),
            BadSlotName { value } => write!(f, "invalid slot name {value:?}"),
            DuplicateSlot { name, first_line } => {
                write!(
                    f,
                    "a slot named {name:?} is already defined on line {first_line}"
                )
            }
            BadTime { value } => write!(f, "{value:?} is not a time of day"),
            DuplicateTime { value } => write!(f, "time {value:?} is listed twice"),
            EmptyAt => write!(f, "this slot has no times or no days to air"),
            BadCron { value, detail } => write!(f, "invalid cron expression {value:?}: {detail}"),
            AtAndCron => write!(f, "a slot takes either `at` or `cron`, not both"),
            PlaylistAndRelay => write!(f, "a slot takes either `playlist` or `relay`, not both"),
            NeitherPlaylistNorRelay => write!(
                f,
                "this slot says neither what to air (`playlist`) nor a stream to relay (`relay`)"
            ),
            BadRelayUrl { value, detail } => {
                write!(
                    f,
                    "{value:?} is not a stream address loa can relay: {detail}"
                )
            }
            FallbackWithoutRelay => write!(f, "`fallback` only goes with `relay`"),
            NeitherAtNorCron => write!(
                f,
                "this slot says neither when to air (`at`) nor a `cron` rule"
            ),
            DaysWithCron => write!(
                f,
                "`days` only goes with `at`; a cron rule has its own weekday field"
            ),
            BadDay { value, .. } => write!(f, "{value:?} is not a day of the week"),
            DuplicateDay { value } => write!(f, "day {value:?} is listed twice"),
            BadDuration { value } => write!(f, "{value:?} is not a duration"),
            ZeroDuration { key } => write!(f, "`{key}` must be longer than zero"),
            DurationTooLong { key, value, limit } => write!(
                f,
                "`{key}` = {} is longer than {}",
                format_duration(*value),
                format_duration(*limit)
            ),
            FromAfterUntil { from, until } => {
                write!(f, "`from` ({from}) is after `until` ({until})")
            }
            UnknownTimezone { value, .. } => write!(f, "unknown time zone {value:?}"),
            BadOutput { value } => write!(f, "invalid output {value:?}"),
            BadHubUrl { value, detail } => {
                write!(
                    f,
                    "{value:?} is not a hub address loa can upload to: {detail}"
                )
            }
            BadHubCa { path, detail } => write!(
                f,
                "the hub's certificate file {} cannot be used: {detail}",
                path.display()
            ),
            BadOrder { value, .. } => write!(f, "unknown order {value:?}"),
            BadCount { value } => write!(f, "count = {value} is not a usable number of segments"),
            NegativeNumber { key } => write!(f, "`{key}` cannot be negative"),
            BadLanguage { value } => write!(f, "{value:?} is not a language code"),
            EmptyText { key } => write!(f, "`{key}` is empty"),
            SlotsOverlap {
                slot,
                other,
                date,
                ends,
                other_starts,
            } => write!(
                f,
                "slot {slot:?} can run until {} on {date}, past the start of {other:?} at {}",
                ends.format("%H:%M:%S"),
                other_starts.format("%H:%M:%S")
            ),
            UnknownPlaylist { name, .. } => write!(f, "there is no playlist named {name:?}"),
            BadPlaylistName { value } => write!(f, "invalid playlist name {value:?}"),
            PlaylistsDirMissing { path } => {
                write!(f, "the playlists folder {} does not exist", path.display())
            }
            EmptyPlaylist { name } => write!(f, "playlist {name:?} has no usable segment"),
            SegmentMissing { file } => write!(f, "audio file {file:?} not found"),
            SegmentNotAudio { file, detail } => {
                write!(f, "audio file {file:?} cannot be played: {detail}")
            }
            SegmentTooLong {
                file,
                duration,
                slot,
                max,
            } => write!(
                f,
                "{file:?} lasts {}, longer than slot {slot:?} allows (max = {}): it airs only \
                 first in an airing, and fades out at max",
                format_duration(*duration),
                format_duration(*max)
            ),
            UnknownTopic { code, .. } => write!(f, "topic {code} is not in the topic catalogue"),
            PathEscapes { file, why } => write!(f, "{file:?} {}", escape_reason(*why)),
            NameNotUtf8 { name } => write!(
                f,
                "{name:?}: the name is not valid UTF-8 (Unicode), so the file is left out"
            ),
            DuplicateSegment { file } => {
                write!(f, "{file:?} appears more than once in this playlist")
            }
            DuplicateTopic { code } => write!(f, "topic {code} is defined twice"),
            BadTopicCode { code } => write!(f, "topic code {code} is out of range"),
            NothingValidOnDate {
                slot,
                playlist,
                date,
            } => write!(
                f,
                "slot {slot:?} has nothing to air on {date}: every segment of {playlist:?} is expired, not yet valid or unapproved"
            ),
            UnusedPlaylist { name } => write!(f, "playlist {name:?} is not aired by any slot"),
            BadLoudness { value } => write!(f, "{value:?} is not a loudness"),
            LoudnessOutOfRange { value, range } => write!(
                f,
                "loudness {value} LUFS is outside {} to {} LUFS",
                range.0, range.1
            ),
            BadGain { value } => write!(f, "{value:?} is not a gain"),
            GainOutOfRange { value, limit } => {
                write!(f, "gain {value:+} dB is more than {limit} dB either way")
            }
            BadSilenceSetting { key, value } => {
                write!(f, "`{key}` = {value:?} is neither a duration nor \"off\"")
            }
            DeadAirTooShort { value, min } => write!(
                f,
                "`dead_air` = {} is shorter than {}: pauses in speech would count as dead air",
                format_duration(*value),
                format_duration(*min)
            ),
            QuietSegment {
                file,
                loudness,
                target,
            } => write!(
                f,
                "{file:?} is very quiet ({loudness:.1} LUFS): it needs {:+.1} dB to reach {target} LUFS, which lifts its noise too",
                target - loudness
            ),
            SilentSegment { file } => write!(
                f,
                "{file:?} is silent: nothing in it is above -50 dBFS; playout will skip it"
            ),
            MostlySilent {
                file,
                silent_percent,
            } => write!(f, "{file:?} is mostly silence ({silent_percent}% of it)"),
            LongPauseInside {
                file,
                at,
                length,
                dead_air,
            } => write!(
                f,
                "{file:?} has {} of silence at {} (longer than dead_air = {}): playout will take it for dead air and skip the rest of the file",
                format_duration(*length),
                format_duration(*at),
                format_duration(*dead_air)
            ),
        }
    }
}

fn escape_reason(why: Escape) -> &'static str {
    match why {
        Escape::ParentDir => "uses `..` to leave the playlists folder",
        Escape::Absolute => {
            "is an absolute path; segment paths are relative to the playlists folder"
        }
        Escape::Symlink => "is a link that points outside the playlists folder",
    }
}

/// What the technician should do about a problem.
pub fn hint(problem: &Problem) -> Option<String> {
    use Problem::*;
    Some(match problem {
        UnknownKey { suggestion: Some(s), .. } => format!("did you mean `{s}`?"),
        UnknownKey { .. } => "remove it, or check its spelling against the configuration reference in README.md".into(),
        MissingKey { key, .. } => format!("add `{key} = ...` to this table"),
        TomlSyntax { fix: Some(SyntaxFix::QuoteText { line }), .. } => {
            format!("put text in quotes: `{}`", line.trim())
        }
        TomlSyntax { fix: Some(SyntaxFix::CloseQuote), .. } => {
            "a quote `\"` opens on this line and is not closed: add the closing `\"`".into()
        }
        TomlSyntax { fix: Some(SyntaxFix::AddEquals { line }), .. } => {
            format!("put `=` between the name and its value: `{}`", line.trim())
        }
        TomlSyntax { fix: None, .. } => "check quotes, brackets and `=` on this line".into(),
        BadStationId { .. } => "use lowercase letters a-z, digits and '-', in parts joined by '/', like \"soc-trang/my-xuyen/thanh-phu\"".into(),
        BadSlotName { .. } => "use lowercase letters a-z, digits and '-', like \"sang\" or \"chieu-t7\"".into(),
        DuplicateSlot { .. } => "give each slot its own name".into(),
        BadTime { .. } => "write times as HH:MM or HH:MM:SS, 00:00 to 23:59, like \"05:30\"".into(),
        DuplicateTime { .. } | DuplicateDay { .. } => "remove the repeated entry".into(),
        EmptyAt => "list at least one time in `at` and one day in `days`".into(),
        BadCron { .. } => "use six fields with seconds first, like \"0 30 5 * * Mon-Sat\"".into(),
        AtAndCron => "keep one of them".into(),
        PlaylistAndRelay => "keep `relay` for a stream (with `fallback = \"PLAYLIST\"` to air when the stream cannot be had), or `playlist`".into(),
        NeitherPlaylistNorRelay => "add `playlist = \"cchc\"`, or `relay = \"http://…/stream.mp3\"`".into(),
        BadRelayUrl { .. } => "write the stream's address as http://host/path or https://host/path (an .m3u or .pls that names the stream works too)".into(),
        FallbackWithoutRelay => "use `playlist` for what a slot airs; `fallback` names what a relay slot airs when its stream cannot be had".into(),
        NeitherAtNorCron => "add `at = [\"05:30\"]` or `cron = \"0 30 5 * * *\"`".into(),
        DaysWithCron => "remove `days`, or use `at` instead of `cron`".into(),
        BadDay { suggestion: Some(s), .. } => format!("did you mean \"{s}\"? days are T2, T3, T4, T5, T6, T7, CN (or thứ hai … chủ nhật, or mon … sun)"),
        BadDay { .. } => {
            "days are T2, T3, T4, T5, T6, T7, CN (or thứ hai … chủ nhật, or mon … sun)".into()
        }
        BadDuration { .. } => "write durations like \"90s\", \"15m\" or \"1h30m\"".into(),
        ZeroDuration { .. } => "give a length like \"15m\"".into(),
        DurationTooLong { .. } => "check the unit: m is minutes, h is hours".into(),
        FromAfterUntil { .. } => "swap the dates, or correct the one that is wrong".into(),
        UnknownTimezone { suggestion: Some(s), .. } => format!("did you mean \"{s}\"?"),
        UnknownTimezone { .. } => "use an IANA name, like \"Asia/Ho_Chi_Minh\"".into(),
        BadOutput { .. } => "use \"default\", a device name from `loa devices`, \"wav:PATH\" or \"null\"".into(),
        BadHubUrl { .. } => "write the address the province gave, like hub = \"https://hub.example.vn\" (http only for a hub on this machine)".into(),
        BadHubCa { .. } => "give the PEM file of the hub's certificate or of its CA, as the province sent it, or remove `ca` to trust the system's certificates".into(),
        BadOrder { suggestion: Some(s), .. } => format!("did you mean \"{s}\"? orders are sequential, shuffle, rotate"),
        BadOrder { .. } => "orders are sequential, shuffle, rotate".into(),
        BadCount { .. } => "use a number from 1 to 1000, or leave `count` out to fill `max`".into(),
        NegativeNumber { .. } => "use zero or more".into(),
        BadLanguage { .. } => "use a two- or three-letter code like \"vi\" or \"km\"".into(),
        EmptyText { .. } => "write the text between the quotes".into(),
        SlotsOverlap { .. } => "shorten `max`, or move one of the slots".into(),
        UnknownPlaylist { suggestion: Some(s), .. } => format!("did you mean \"{s}\"?"),
        UnknownPlaylist { .. } => "create playlists/NAME.toml or a folder playlists/NAME/".into(),
        PlaylistsDirMissing { .. } => "create the folder, or fix `playlists` in [station]".into(),
        EmptyPlaylist { .. } => "add segments to the playlist, or fix the ones reported above".into(),
        SegmentMissing { .. } => "copy the file into the playlists folder, or fix the name (paths are relative to the playlists folder)".into(),
        SegmentNotAudio { .. } => "re-export or re-copy the file; supported: ogg, mp3, flac, wav".into(),
        SegmentTooLong { .. } => "raise the slot's `max`, or use a shorter recording".into(),
        UnknownTopic { suggestion: Some(s), .. } => format!("did you mean {s}? or add the topic to topics.toml"),
        UnknownTopic { .. } => "use a code from topics.toml, or add the topic there".into(),
        PathEscapes { .. } => "copy the file into the playlists folder and name it relative to it".into(),
        NameNotUtf8 { .. } => "rename it with a UTF-8 name (retype the Vietnamese letters on this machine, or `convmv -f cp1258 -t utf-8 --notest FILE`)".into(),
        DuplicateTopic { .. } => "give each topic its own code".into(),
        BadTopicCode { .. } => "use a code from 1 to 9999".into(),
        NothingValidOnDate { .. } => "add segments valid on that date, approve them, or end the slot earlier".into(),
        UnusedPlaylist { .. } => "add a slot that airs it, or move it out of the playlists folder".into(),
        DuplicateSegment { .. } => "remove the repeated entry unless it should air twice per round".into(),
        WrongType { expected, .. } => format!("write the value as {expected}"),
        CannotRead { .. } => "check that the file exists and that loa may read it".into(),
        BadLoudness { .. } => "write the target like \"-16 LUFS\", or \"off\" to air files at their own level".into(),
        LoudnessOutOfRange { .. } => "-16 LUFS suits loudspeakers; -23 LUFS is the broadcast norm".into(),
        BadGain { .. } => "write the gain like \"+3 dB\" or \"-4.5 dB\"".into(),
        GainOutOfRange { .. } => "a file that needs this much gain should be recorded or exported again".into(),
        BadSilenceSetting { .. } => "write a duration like \"1s\" or \"15s\", or \"off\"".into(),
        DeadAirTooShort { .. } => "use \"15s\" (the default), or \"off\" to not watch for dead air".into(),
        QuietSegment { .. } => "record or export it louder, or set `gain = \"+N dB\"` on the segment if that is how it should air".into(),
        SilentSegment { .. } => "check the recording: it may have been exported muted or from the wrong track".into(),
        MostlySilent { .. } => "check the recording; silence at its start and end is skipped on air (`trim_silence`)".into(),
        LongPauseInside { .. } => "cut the silence out of the file, or raise `dead_air` in [station]".into(),
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
        Severity::Error => "error",
        Severity::Warning => "warning",
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
        out.push_str(&format!("   = help: {hint}\n"));
    }
    out
}

impl fmt::Display for crate::commands::station::ConfigInvalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.errors == 1 { "" } else { "s" };
        write!(
            f,
            "{}: {} error{plural} (listed above); fix them and run `loa check -c {}` again",
            self.path.display(),
            self.errors,
            self.path.display()
        )
    }
}
