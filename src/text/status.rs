//! How `loa status` shows the daemon.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::format_duration;
use crate::daemon::Status;
use crate::daemon::status::{AiringLine, NowPlaying};
use crate::plan::Plan;
use crate::playout::announcement::AnnouncementOnAir;
use crate::selection::Airing;
use crate::tr;

/// The announcement on air, and the airing it cut into: what the
/// loudspeakers carry now, not the segment it interrupted.
fn announcement_line(
    announcement: &AnnouncementOnAir,
    cut_into: Option<&NowPlaying>,
    now: DateTime<Utc>,
    local: &dyn Fn(DateTime<Utc>) -> String,
) -> String {
    let elapsed = format_duration((now - announcement.since).to_std().unwrap_or_default());
    let (priority, source) = (announcement.priority.as_str(), announcement.source.as_str());
    let since = local(announcement.since);
    match cut_into {
        Some(playing) => tr!(
            "status-announcement-cutting-in",
            priority = priority,
            source = source,
            since = since,
            elapsed = elapsed,
            slot = playing.slot.as_str()
        ),
        None => tr!(
            "status-announcement-on-air",
            priority = priority,
            source = source,
            since = since,
            elapsed = elapsed
        ),
    }
}

/// The running daemon's status, for a technician.
pub fn render_status(status: &Status, now: DateTime<Utc>) -> String {
    let tz: Tz = status
        .timezone
        .parse()
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string();
    let uptime = (now - status.started_at).to_std().unwrap_or_default();
    let mut out = format!(
        "{} ({}) — loa running since {} (up {})\n",
        status.name,
        status.station,
        local(status.started_at),
        format_duration(uptime)
    );
    out.push_str(&format!("output: {}", status.output));
    match &status.output_error {
        Some(error) => out.push_str(&format!(" — last failure: {error}\n")),
        None => out.push('\n'),
    }
    match (&status.announcement_on_air, &status.now_playing) {
        (Some(announcement), playing) => {
            out.push_str(&announcement_line(
                announcement,
                playing.as_ref(),
                now,
                &local,
            ));
            out.push('\n');
        }
        (None, Some(playing)) => {
            let position = (now - playing.started).to_std().unwrap_or_default();
            let mut elapsed = position.as_millis() as u64;
            let current = playing.segments.iter().find(|(_, length)| {
                let here = elapsed < *length;
                elapsed = elapsed.saturating_sub(*length);
                here
            });
            out.push_str(&format!(
                "now playing: {} since {} ({} in){}\n",
                playing.slot,
                local(playing.started),
                format_duration(position),
                current.map_or(String::new(), |(title, _)| format!(", segment \"{title}\""))
            ));
        }
        (None, None) => out.push_str("now playing: nothing\n"),
    }
    let list = |heading: &str, lines: &mut dyn Iterator<Item = &AiringLine>, empty: &str| {
        let mut text = format!("{heading}:\n");
        for line in lines {
            text.push_str(&format!(
                "  {}  {}  {}\n",
                local(line.scheduled),
                line.slot,
                line.detail
            ));
        }
        if text.ends_with(":\n") {
            text.push_str(&format!("  {empty}\n"));
        }
        text
    };
    out.push_str(&list(
        "next",
        &mut status.next.iter(),
        "nothing scheduled in the coming days",
    ));
    out.push_str(&list(
        "last",
        &mut status.last.iter(),
        "nothing aired since start",
    ));
    if let Some(dead) = &status.last_dead_air {
        out.push_str(&format!(
            "DEAD AIR: {} time(s) since start; last at {} in {}, \"{}\" silent {} and skipped \
             (check the file, the mixer and the cable to the amplifier)\n",
            status.dead_air_count,
            local(dead.started),
            dead.slot,
            dead.file,
            format_duration(std::time::Duration::from_millis(dead.silent_ms)),
        ));
    }
    if status.pending_plan.is_some() {
        out.push_str(
            "config change: valid, waiting for the airing on air to end; it applies from the next airing\n",
        );
    }
    if let Some(error) = &status.config_error {
        out.push_str(&format!(
            "config error (the previous config stays in force until fixed):\n{error}"
        ));
    }
    if let Some((seq, hash)) = &status.log_head {
        out.push_str(&format!(
            "airing log: record {seq}, head {}\n",
            &hash[..hash.len().min(16)]
        ));
    }
    if let Some((seq, at)) = &status.last_checkpoint {
        out.push_str(&format!(
            "last checkpoint: record {seq} at {}\n",
            local(*at)
        ));
    }
    if let Some(upload) = &status.upload {
        let log_next = status.log_head.as_ref().map_or(0, |(seq, _)| seq + 1);
        out.push_str(&super::render_upload(upload, log_next, &local));
    }
    out
}

/// What `loa status` prints when no daemon answers.
pub fn render_not_running(plan: &Plan, next: &[Airing]) -> String {
    let mut out = format!(
        "loa is not running for {} ({}); start it with `loa run` or `systemctl start loa`\nnext airings from the config:\n",
        plan.station.name, plan.station.id
    );
    for airing in next {
        out.push_str(&format!(
            "  {}\n",
            super::airing_headline(airing, plan.station.timezone)
        ));
    }
    if next.is_empty() {
        out.push_str("  nothing scheduled in the coming days\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::daemon::status::DeadAirLine;

    fn at(hms: &str) -> DateTime<Utc> {
        format!("2026-11-26T{hms}Z")
            .parse()
            .expect("a valid instant")
    }

    #[test]
    fn dead_air_stays_on_the_status_with_where_and_how_long() {
        let mut status = Status {
            timezone: "Asia/Ho_Chi_Minh".into(),
            started_at: at("00:00:00"),
            ..Status::default()
        };
        assert!(!render_status(&status, at("01:00:00")).contains("DEAD AIR"));
        status.dead_air_count = 2;
        status.last_dead_air = Some(DeadAirLine {
            slot: "sang".into(),
            file: "cchc/ban-tin.ogg".into(),
            started: at("00:30:10"),
            silent_ms: 15_000,
        });
        let shown = render_status(&status, at("01:00:00"));
        assert!(
            shown.contains("DEAD AIR: 2 time(s) since start; last at 2026-11-26 07:30:10 in sang, \"cchc/ban-tin.ogg\" silent 15s"),
            "{shown}"
        );
    }
}
