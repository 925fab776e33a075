//! Messages of `loa hub` (the pages' Vietnamese is content, in
//! `hub::pages`). Vietnamese first: the hub is run by the province's
//! technicians.

use std::fmt;
use std::net::SocketAddr;

use crate::hub::config::{HubConfigError, HubConfigProblem, HubProblem};
use crate::hub::registry::RegistryError;
use crate::hub::run::HubError;
use crate::hub::tls::TlsError;
use crate::hub::users::{MIN_PASSWORD_CHARS, UserError};

/// The line the hub prints once it listens (tests read the address).
pub fn listening(scheme: &str, address: SocketAddr, stations: usize) -> String {
    format!("loa hub: đang nhận kết nối tại {scheme}://{address} ({stations} đài đã đăng ký)")
}

/// What `loa hub user add` prints when done.
pub fn user_added(name: &str, path: &std::path::Path) -> String {
    format!("đã lưu tài khoản {name} vào {}", path.display())
}

impl fmt::Display for HubProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { detail } => write!(f, "lỗi cú pháp TOML: {detail}"),
            Self::UnknownKey {
                key,
                table,
                suggestion,
            } => {
                write!(f, "khóa không biết `{key}` trong {table}")?;
                if let Some(s) = suggestion {
                    write!(f, "; có phải `{s}`?")?;
                }
                Ok(())
            }
            Self::WrongType { key, expected } => {
                write!(f, "`{key}` phải là {}", expected_vi(expected))
            }
            Self::MissingKey { key, table } if table.is_empty() => {
                write!(f, "thiếu bảng {key}")
            }
            Self::MissingKey { key, table } => write!(f, "thiếu `{key}` trong {table}"),
            Self::BadListen { value } => write!(
                f,
                "listen = {value:?} không phải địa chỉ và cổng (ví dụ \"0.0.0.0:8443\")"
            ),
            Self::BadDuration { value } => write!(
                f,
                "offline_after = {value:?} không phải khoảng thời gian (ví dụ \"15m\", \"1h\")"
            ),
            Self::UnknownTimezone { value } => write!(
                f,
                "timezone = {value:?} không phải múi giờ (ví dụ \"Asia/Ho_Chi_Minh\")"
            ),
            Self::TlsAndProxy => write!(
                f,
                "[tls] có cả cert/key lẫn proxy = true; chọn một trong hai"
            ),
            Self::NoTls => write!(
                f,
                "[tls] cần cert và key (tệp PEM), hoặc proxy = true khi một reverse proxy trên máy này lo TLS"
            ),
            Self::ProxyNotLoopback { value } => write!(
                f,
                "proxy = true nhưng listen = {value:?} mở ra ngoài; khi dùng proxy, listen phải là 127.0.0.1 hoặc ::1"
            ),
        }
    }
}

fn expected_vi(expected: &str) -> &str {
    match expected {
        "table" => "một bảng",
        "text in quotes" => "chữ trong ngoặc kép",
        "true or false" => "true hoặc false",
        other => other,
    }
}

/// A problem as `loa check` shows one: message, file:line:column, the line.
pub fn render_problem(problem: &HubConfigProblem) -> String {
    let location = &problem.location;
    let number = location.line.to_string();
    let pad = " ".repeat(number.len());
    let indent: String = location
        .line_text
        .chars()
        .take(location.column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "lỗi: {}\n{pad}--> {}:{}:{}\n{pad} |\n{number} | {}\n{pad} | {indent}{}",
        problem.problem,
        location.path.display(),
        location.line,
        location.column,
        location.line_text,
        "^".repeat(location.width.clamp(1, 80))
    )
}

impl fmt::Display for HubConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => {
                write!(f, "không đọc được {}: {source}", path.display())
            }
            Self::Invalid(problems) => {
                let rendered: Vec<String> = problems.iter().map(render_problem).collect();
                write!(
                    f,
                    "cấu hình hub có {} lỗi:\n{}",
                    problems.len(),
                    rendered.join("\n")
                )
            }
        }
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(
                f,
                "không đọc được thư mục đăng ký đài {}: {source}",
                path.display()
            ),
            Self::Malformed { path } => write!(
                f,
                "{}: không phải tệp khóa công khai (một dòng `loa-ed25519 <khóa> <mã đài>` do `loa key show --out` ghi)",
                path.display()
            ),
            Self::BadStationId { path, station } => write!(
                f,
                "{}: mã đài {station:?} không dùng làm thư mục được (phần rỗng, `..`, bắt đầu bằng `.` hoặc `_`)",
                path.display()
            ),
            Self::NestedStations { outer, inner } => write!(
                f,
                "mã đài {inner:?} nằm trong thư mục của đài {outer:?}; `loa verify` sẽ không thấy cả hai"
            ),
        }
    }
}

impl fmt::Display for TlsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Certificate { path, detail } => write!(
                f,
                "{}: không đọc được chứng chỉ TLS (PEM): {detail}",
                path.display()
            ),
            Self::Key { path, detail } => write!(
                f,
                "{}: không đọc được khóa riêng TLS (PEM): {detail}",
                path.display()
            ),
            Self::Refused(detail) => write!(f, "chứng chỉ và khóa TLS không dùng được: {detail}"),
        }
    }
}

impl fmt::Display for HubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config(e) => e.fmt(f),
            Self::Registry(e) => e.fmt(f),
            Self::Tls(e) => e.fmt(f),
            Self::Store { path, source } => {
                write!(f, "kho dữ liệu {}: {source}", path.display())
            }
            Self::Listen { address, source } => {
                write!(f, "không mở được cổng {address}: {source}")
            }
        }
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Self::BadName { name } => write!(
                f,
                "tên tài khoản {name:?} không hợp lệ: dùng 1–64 ký tự a-z, 0-9, `.`, `_`, `-`"
            ),
            Self::WeakPassword => write!(
                f,
                "mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD_CHARS} ký tự (đọc từ đầu vào chuẩn, một dòng)"
            ),
            Self::Hash(detail) => write!(f, "không tạo được mã băm mật khẩu: {detail}"),
        }
    }
}
