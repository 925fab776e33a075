//! A station's page: its recent airings, its misses and why, and the
//! minutes it aired per topic over a chosen period (counted by the report
//! code from the verified store).

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::hub::pages::{page, query_value, state_label, when};
use crate::hub::view::{AiringRow, LiveState, MissRow};
use crate::report::Report;
use crate::report::labels;

/// What the page shows, taken under the station's lock.
#[derive(Debug, Clone)]
pub struct StationSnapshot {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// State now.
    pub state: LiveState,
    /// Newest first.
    pub airings: Vec<AiringRow>,
    /// Newest first.
    pub misses: Vec<MissRow>,
    /// The newest heartbeat's status, if any: on air, output.
    pub output: Option<String>,
    /// From the newest heartbeat: how many silences on air since the
    /// station's daemon started, and when the newest began. The records
    /// tell the same once the airing ends; the heartbeat tells it within a
    /// minute, and for an airing still on air.
    pub dead_air: Option<(u64, DateTime<Utc>)>,
}

/// The page; `topics` is the period's report for this station, or why it
/// could not be built.
pub fn render(
    user: &str,
    station: &StationSnapshot,
    period_text: &str,
    topics: Result<&Report, String>,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Markup {
    let (state, class) = state_label(station.state);
    let body = html! {
        p { code { (station.id) } " — " span class=(class) { (state) } " lúc " (when(now, zone))
            @if let Some(output) = &station.output { " — thiết bị phát: " (output) } }
        @if let Some((count, last)) = station.dead_air {
            p.bad { "Khoảng lặng (mất tiếng) khi đang phát: " (count) " lần từ khi phần mềm của đài khởi động, gần nhất lúc " (when(last, zone)) }
        }
        h2 { "Các lần phát gần đây" }
        div.scroll { table #airings {
            tr { th { "Khung giờ" } th { "Bắt đầu" } th { "Kết thúc" } th { "Kết quả" } }
            @for airing in &station.airings {
                tr { td { (airing.slot) } td { (when(airing.started, zone)) } td { (when(airing.ended, zone)) }
                     td { (labels::outcome(airing.outcome)) @if let Some(reason) = &airing.reason { ": " (reason) } } }
            }
        } }
        h2 { "Các lần bỏ lỡ" }
        div.scroll { table #misses {
            tr { th { "Khung giờ" } th { "Dự kiến" } th { "Lý do" } }
            @for miss in &station.misses {
                tr { td { (miss.slot) } td { (when(miss.scheduled, zone)) }
                     td { (labels::miss_reason(miss.reason)) @if let Some(detail) = &miss.detail { ": " (detail) } } }
            }
        } }
        h2 { "Số phút phát theo chủ đề" }
        form method="get" action="/station" {
            input type="hidden" name="id" value=(station.id);
            label { "Kỳ " input type="text" name="period" value=(period_text); }
            button type="submit" { "Xem" }
        }
        (topics_table(topics))
        p { a href={ "/report" } { "Tải báo cáo đầy đủ" } " · " a href={ "/station?id=" (query_value(&station.id)) } { "Làm mới" } }
    };
    page(&station.name, Some(user), body)
}

fn topics_table(topics: Result<&Report, String>) -> Markup {
    let report = match topics {
        Ok(report) => report,
        Err(message) => return html! { p.bad #message { (message) } },
    };
    let tally = report.stations.first().and_then(|s| s.tally.as_ref());
    let Some(tally) = tally else {
        return html! { p { "Chưa có số liệu đã xác minh cho kỳ này." } };
    };
    html! {
        table #topics {
            tr { th { "Chủ đề" } th { "Số lần phát" } th { "Số phút" } }
            @for (code, group) in &tally.figures.topics {
                tr {
                    td { (report.catalogue.name(*code).map_or_else(|| code.to_string(), |t| t.name.clone())) }
                    td { (group.counts.airings) }
                    td { (format!("{:.1}", group.counts.minutes())) }
                }
            }
            tr { th { "Tổng" } th { (tally.figures.total.counts.airings) } th { (format!("{:.1}", tally.figures.total.counts.minutes())) } }
        }
    }
}
