//! Vietnamese words the report documents use (the content of a report,
//! not the program's messages, which live in `text::report`): outcomes,
//! reasons, languages, period titles.

use crate::report::gaps::Silence;
use crate::report::period::{Cutoff, Period, PeriodKind};

/// An outcome code as an officer reads it.
pub fn outcome(code: &str) -> &'static str {
    match code {
        "completed" => "Phát đủ",
        "cut_at_max" => "Phát đến giới hạn thời lượng",
        "interrupted" => "Bị ngắt giữa chừng",
        "failed" => "Phát lỗi",
        "missed" => "Không phát",
        "unfinished" => "Không ghi nhận kết thúc",
        "dead_air" => "Có khoảng lặng kéo dài",
        "relay" => "Tiếp sóng",
        _ => "Khác",
    }
}

/// A missed-airing reason code as an officer reads it.
pub fn miss_reason(code: &str) -> &'static str {
    match code {
        "daemon_down" => "Máy phát (loa) không hoạt động",
        "device_failure" => "Thiết bị âm thanh hỏng",
        "nothing_to_air" => "Không có tin, bài hợp lệ để phát",
        "too_late" => "Quá giờ phát",
        "clock_step" => "Đồng hồ hệ thống bị chỉnh",
        _ => "Lý do khác",
    }
}

/// Why an airing failed or was interrupted, as the log says it (free
/// text): loa's own sentences in Vietnamese, any other as written.
pub fn reason(text: &str) -> String {
    crate::text::reason::logged_in(crate::text::lang::Lang::Vi, text)
}

/// A language code as an officer reads it.
pub fn language(code: &str) -> String {
    match code {
        "vi" => "Tiếng Việt".into(),
        "km" => "Tiếng Khmer".into(),
        "en" => "Tiếng Anh".into(),
        "zh" => "Tiếng Hoa".into(),
        other => other.to_string(),
    }
}

/// What a silent stretch of the log means.
pub fn silence(explained: Silence) -> &'static str {
    match explained {
        Silence::Stopped => "Đài tắt máy (có ghi nhận dừng)",
        Silence::Restarted => "Mất điện hoặc máy hỏng (có ghi nhận khởi động lại)",
        Silence::Unexplained => "KHÔNG GIẢI THÍCH ĐƯỢC: cần kiểm tra",
    }
}

/// The period as a report's title says it: "6 tháng đầu năm 2021".
pub fn period_title(period: &Period) -> String {
    let year = period.to.format("%Y");
    let dates = format!(
        "từ ngày {} đến ngày {}",
        period.from.format("%d/%m/%Y"),
        period.to.format("%d/%m/%Y")
    );
    let name = match period.kind {
        PeriodKind::Half(1) => format!("6 tháng đầu năm {year}"),
        PeriodKind::Half(_) => format!("6 tháng cuối năm {year}"),
        PeriodKind::Year => format!("năm {year}"),
        PeriodKind::Quarter(q) => format!("quý {} năm {year}", roman(q)),
        PeriodKind::Month => format!("tháng {} năm {year}", period.from.format("%m")),
        PeriodKind::Range => return dates,
    };
    match period.cutoff {
        Cutoff::Official => format!("{name} (số liệu {dates})"),
        Cutoff::Calendar => name,
    }
}

fn roman(n: u8) -> &'static str {
    match n {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

/// Whether a station's inputs verified, as the report states it.
pub fn verified(ok: bool) -> &'static str {
    if ok {
        "Hợp lệ"
    } else {
        "KHÔNG HỢP LỆ"
    }
}
