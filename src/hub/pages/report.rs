//! The report page: choose a period (halves, years, quarters, months, any
//! range; the official cut-off) and a format; the download is built from
//! the store by `loa report`'s own code.

use maud::{Markup, html};

use crate::hub::pages::page;
use crate::report::views::VIEW_NAMES;

/// The form, with a message when the last request could not be served.
pub fn render(user: &str, message: Option<&str>) -> Markup {
    let body = html! {
        @if let Some(message) = message { p.bad #message { (message) } }
        form method="get" action="/report/download" {
            label { "Kỳ báo cáo "
                input type="text" name="period" required placeholder="2026-H1";
            }
            p { small { "Ví dụ: 2026-H1 (6 tháng đầu năm), 2026-H2, 2026 (cả năm), 2026-Q2 (quý II), 2026-03 (tháng 3), 2026-03-01..2026-06-30 (khoảng bất kỳ)." } }
            label { "Mốc số liệu "
                select name="cutoff" {
                    option value="calendar" { "Theo lịch" }
                    option value="official" { "Theo quy định (15/12 – 14/6, 15/6 – 14/12)" }
                }
            }
            label { "Định dạng "
                select name="format" {
                    option value="xlsx" { "Excel (xlsx)" }
                    option value="html" { "Văn bản in (html)" }
                    option value="csv" { "CSV" }
                }
            }
            label { "Bảng (cho CSV) "
                select name="view" { @for view in VIEW_NAMES { option value=(view) { (view) } } }
            }
            button type="submit" { "Tải báo cáo" }
        }
    };
    page("Báo cáo", Some(user), body)
}
