//! The fleet page: every station on one screen, problems first, so the
//! officer sees at a glance which stations are silent, failing or missing
//! airings today.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use crate::hub::pages::{page, query_value, refusal_label, state_label, when};
use crate::hub::state::{Hub, REFUSAL_CODES};
use crate::hub::view::{AiringRow, DayCounts, LiveState};
use crate::report::labels;

/// One station's line, taken from its view under its lock.
#[derive(Debug, Clone)]
pub struct FleetRow {
    /// Station id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its state now.
    pub state: LiveState,
    /// When last heard from.
    pub last_contact: Option<DateTime<Utc>>,
    /// The newest airing.
    pub last_airing: Option<AiringRow>,
    /// Today's counts.
    pub today: DayCounts,
    /// Whether the output fails now (heartbeat).
    pub output_failing: bool,
    /// Configuration errors (heartbeat).
    pub config_errors: u32,
    /// Records held, all verified.
    pub records: u64,
    /// `at` of the newest record.
    pub verified_to: Option<DateTime<Utc>>,
    /// Refused requests.
    pub refused: u64,
    /// Forks kept.
    pub conflicts: u64,
    /// The store's copy does not verify.
    pub store_problem: Option<String>,
}

impl FleetRow {
    /// How much attention the station needs: higher first.
    pub fn severity(&self) -> u32 {
        let mut score = 0;
        if self.state == LiveState::Offline || self.store_problem.is_some() {
            score += 8;
        }
        if self.output_failing || self.today.output_failures > 0 || self.conflicts > 0 {
            score += 4;
        }
        if self.today.missed > 0 || self.today.dead_air > 0 || self.config_errors > 0 {
            score += 2;
        }
        score
    }
}

/// Every station's row at `now`, problems first, then by name.
pub fn rows(hub: &Hub, now: DateTime<Utc>) -> Vec<FleetRow> {
    let today = now.with_timezone(&hub.config.timezone).date_naive();
    let mut rows: Vec<FleetRow> = hub
        .stations
        .values()
        .map(|slot| {
            let station = slot.lock().unwrap_or_else(|p| p.into_inner());
            let view = &station.view;
            let status = view.heartbeat.as_ref().map(|(h, _)| &h.status);
            FleetRow {
                id: station.id.clone(),
                name: hub.config.name_of(&station.id).to_string(),
                state: view.state(now, hub.config.offline_after),
                last_contact: view.last_contact,
                last_airing: view.recent_airings.back().cloned(),
                today: view.counts_on(today),
                output_failing: status.is_some_and(|s| s.output != "ok"),
                config_errors: status.map_or(0, |s| s.config_errors),
                records: view.records,
                verified_to: view.last_record_at,
                refused: view.refused,
                conflicts: view.conflicts,
                store_problem: view.store_problem.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.severity()
            .cmp(&a.severity())
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// The page.
pub fn render(hub: &Hub, user: &str, now: DateTime<Utc>) -> Markup {
    let zone = hub.config.timezone;
    let rows = rows(hub, now);
    let offline = rows
        .iter()
        .filter(|r| r.state == LiveState::Offline)
        .count();
    let body = html! {
        p { "Cập nhật lúc " (when(now, zone)) ". " (rows.len()) " đài, "
            span class=(if offline > 0 { "bad" } else { "ok" }) { (offline) " mất kết nối" } "." }
        div.scroll { table #fleet {
            thead { tr {
                th { "Đài" } th { "Trạng thái" } th { "Liên lạc cuối" } th { "Lần phát gần nhất" }
                th { "Hôm nay đã phát" } th { "Hôm nay bỏ lỡ" } th { "Khoảng lặng" }
                th { "Lỗi thiết bị phát" } th { "Lỗi cấu hình" } th { "Đã xác minh đến" } th { "Bị từ chối" }
            } }
            tbody { @for row in &rows { (station_row(row, zone)) } }
        } }
        h2 { "Dữ liệu bị từ chối" }
        table #refused {
            @for code in REFUSAL_CODES {
                tr { td { (refusal_label(code)) } td { code { (code.code()) } } td { (hub.refused.get(code)) } }
            }
        }
    };
    page("Các đài truyền thanh", Some(user), body)
}

fn station_row(row: &FleetRow, zone: chrono_tz::Tz) -> Markup {
    let (state, class) = state_label(row.state);
    html! {
        tr data-station=(row.id) data-state=(state) {
            td { a href={ "/station?id=" (query_value(&row.id)) } { (row.name) } br; small { (row.id) } }
            td class=(class) { (state) }
            td { @match row.last_contact { Some(at) => (when(at, zone)), None => "chưa bao giờ" } }
            td { @if let Some(airing) = &row.last_airing {
                (airing.slot) " " (when(airing.started, zone)) br;
                span class=(if airing.outcome == "completed" { "ok" } else { "warn" }) { (labels::outcome(airing.outcome)) }
            } @else { "—" } }
            td { (row.today.aired) }
            td class=(if row.today.missed > 0 { "bad" } else { "" }) { (row.today.missed) }
            td class=(if row.today.dead_air > 0 { "warn" } else { "" }) { (row.today.dead_air) }
            td class=(if row.output_failing || row.today.output_failures > 0 { "bad" } else { "" }) {
                (row.today.output_failures) @if row.output_failing { " (đang lỗi)" }
            }
            td class=(if row.config_errors > 0 { "warn" } else { "" }) { (row.config_errors) }
            td {
                @if let Some(problem) = &row.store_problem { span.bad { "KHÔNG HỢP LỆ: " (problem) } }
                @else if let Some(at) = row.verified_to { (row.records) " bản ghi, đến " (when(at, zone)) }
                @else { "chưa có bản ghi" }
                @if row.conflicts > 0 { br; span.bad { (row.conflicts) " lần mâu thuẫn (đã lưu bằng chứng)" } }
            }
            td { (row.refused) }
        }
    }
}
