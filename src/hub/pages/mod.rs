//! The officers' pages: server-rendered HTML (maud), Vietnamese, no
//! JavaScript, readable on a phone. Each page is one file; this one holds
//! the frame they share and the words they have in common.

pub mod fleet;
pub mod login;
pub mod report;
pub mod station;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{DOCTYPE, Markup, html};

use crate::hub::protocol::RefusalCode;
use crate::hub::view::LiveState;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:.5rem;color:#222}\
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}\
.bad{color:#b00020;font-weight:600}.ok{color:#1b5e20}.warn{color:#a15c00}nav a{margin-right:1rem}\
.scroll{overflow-x:auto}form.inline{display:inline}input,select,button{font-size:1rem;padding:.3rem}\
label{display:block;margin:.5rem 0}";

/// The frame of every page: title, navigation, style.
pub fn page(title: &str, user: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — loa hub" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                @if let Some(user) = user {
                    nav {
                        a href="/" { "Toàn tỉnh" }
                        a href="/report" { "Báo cáo" }
                        span { "Cán bộ: " (user) " " }
                        form.inline method="post" action="/logout" { button type="submit" { "Đăng xuất" } }
                    }
                }
                h1 { (title) }
                (body)
            }
        }
    }
}

/// A time as officers read it, in the province's zone.
pub fn when(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%H:%M %d/%m/%Y").to_string()
}

/// A station's state in words, and its class.
pub fn state_label(state: LiveState) -> (&'static str, &'static str) {
    match state {
        LiveState::OnAir => ("đang phát", "ok"),
        LiveState::Waiting => ("chờ", "ok"),
        LiveState::Offline => ("mất kết nối", "bad"),
    }
}

/// What a refusal code means, for the officer.
pub fn refusal_label(code: RefusalCode) -> &'static str {
    match code {
        RefusalCode::Invalid => "Bản ghi hoặc chữ ký không hợp lệ",
        RefusalCode::Fork => "Mâu thuẫn với bản ghi đã lưu",
        RefusalCode::Replayed => "Gửi lại nhịp tim cũ",
        RefusalCode::Stale => "Sai giờ",
        RefusalCode::UnknownStation => "Đài chưa đăng ký",
        RefusalCode::BadRequest => "Dữ liệu không đọc được",
        RefusalCode::TooLarge => "Quá lớn",
        RefusalCode::RateLimited => "Gửi quá nhiều",
        RefusalCode::Gap => "Thiếu bản ghi trước đó",
    }
}

/// Percent-encodes a query value (station ids hold `/`).
pub fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
