//! How `loa status` shows the daemon.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::format_duration;
use crate::daemon::Status;
use crate::daemon::status::{AiringLine, NowPlaying};
use crate::plan::Plan;
use crate::playout::announcement::AnnouncementOnAir;
use crate::selection::ReadyAiring;
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
    let mut out = tr!(
        "status-running",
        name = status.name.as_str(),
        station = status.station.as_str(),
        since = local(status.started_at),
        uptime = format_duration(uptime)
    ) + "\n";
    out.push_str(&match &status.output_error {
        Some(error) => tr!(
            "status-output-last-failure",
            output = status.output.as_str(),
            error = super::reason::logged(error)
        ),
        None => tr!("status-output", output = status.output.as_str()),
    });
    out.push('\n');
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
            let since = local(playing.started);
            let position = format_duration(position);
            out.push_str(&match current {
                Some((title, _)) => tr!(
                    "status-now-playing-segment",
                    slot = playing.slot.as_str(),
                    since = since,
                    position = position,
                    title = title.as_str()
                ),
                None => tr!(
                    "status-now-playing",
                    slot = playing.slot.as_str(),
                    since = since,
                    position = position
                ),
            });
            out.push('\n');
        }
        (None, None) => {
            out.push_str(&tr!("status-now-playing-nothing"));
            out.push('\n');
        }
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
        &tr!("status-next"),
        &mut status.next.iter(),
        &tr!("status-nothing-scheduled"),
    ));
    out.push_str(&list(
        &tr!("status-last"),
        &mut status.last.iter(),
        &tr!("status-nothing-aired"),
    ));
    if let Some(dead) = &status.last_dead_air {
        out.push_str(&tr!(
            "status-dead-air",
            count = status.dead_air_count,
            at = local(dead.started),
            slot = dead.slot.as_str(),
            file = dead.file.as_str(),
            silent = format_duration(std::time::Duration::from_millis(dead.silent_ms))
        ));
        out.push('\n');
    }
    if status.pending_plan.is_some() {
        out.push_str(&tr!("status-change-pending"));
        out.push('\n');
    }
    if let Some(error) = &status.config_error {
        out.push_str(&tr!("status-config-error"));
        out.push('\n');
        out.push_str(error);
    }
    if let Some((seq, hash)) = &status.log_head {
        out.push_str(&tr!(
            "status-log-head",
            seq = *seq,
            head = &hash[..hash.len().min(16)]
        ));
        out.push('\n');
    }
    if let Some((seq, at)) = &status.last_checkpoint {
        out.push_str(&tr!("status-checkpoint", seq = *seq, at = local(*at)));
        out.push('\n');
    }
    if let Some(upload) = &status.upload {
        let log_next = status.log_head.as_ref().map_or(0, |(seq, _)| seq + 1);
        out.push_str(&super::render_upload(upload, log_next, &local));
    }
    out
}

/// What `loa status` prints when no daemon answers.
pub fn render_not_running(plan: &Plan, next: &[ReadyAiring]) -> String {
    let mut out = tr!(
        "status-not-running",
        name = plan.station.name.as_str(),
        station = plan.station.id.as_str()
    ) + "\n";
    out.push_str(&tr!("status-next-from-config"));
    out.push('\n');
    for airing in next {
        out.push_str(&format!(
            "  {}\n",
            super::airing_headline(airing, plan.station.timezone)
        ));
    }
    if next.is_empty() {
        out.push_str(&format!("  {}\n", tr!("status-nothing-scheduled")));
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
