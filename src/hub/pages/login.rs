//! The login page.

use maud::{Markup, html};

use crate::hub::pages::page;

/// The form, with a message after a failed attempt.
pub fn render(message: Option<&str>) -> Markup {
    let body = html! {
        @if let Some(message) = message { p.bad #message { (message) } }
        form method="post" action="/login" {
            label { "Tên đăng nhập " input type="text" name="name" autocomplete="username" required; }
            label { "Mật khẩu " input type="password" name="password" autocomplete="current-password" required; }
            button type="submit" { "Đăng nhập" }
        }
    };
    page("Đăng nhập", None, body)
}
