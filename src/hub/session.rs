//! Officers' sessions: random ids in an HttpOnly, Secure, SameSite=Strict
//! cookie, expiring; and the limits on login attempts, so a password
//! cannot be guessed at speed. Memory is bounded in both.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::hub::rate::TokenBucket;

/// The session cookie's name.
pub const COOKIE: &str = "loa_hub_session";
/// How long a session lasts.
pub const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
/// The most sessions kept; the oldest go first beyond it.
const MAX_SESSIONS: usize = 10_000;
/// Login attempts per account name: a burst, then one per this period.
const NAME_BURST: u32 = 5;
const NAME_PER_SECOND: f64 = 1.0 / 30.0;
/// Login attempts for the whole hub.
const ALL_BURST: u32 = 20;
const ALL_PER_SECOND: f64 = 2.0;
const MAX_NAMES: usize = 1_000;

#[derive(Debug, Clone)]
struct Session {
    user: String,
    expires: Instant,
}

/// The open sessions and the login limits.
#[derive(Debug)]
pub struct Sessions {
    open: Mutex<HashMap<String, Session>>,
    attempts: Mutex<(TokenBucket, HashMap<String, TokenBucket>)>,
}

impl Default for Sessions {
    fn default() -> Self {
        Self {
            open: Mutex::new(HashMap::new()),
            attempts: Mutex::new((TokenBucket::new(ALL_BURST, ALL_PER_SECOND), HashMap::new())),
        }
    }
}

impl Sessions {
    /// Opens a session for `user`; returns its id (256 random bits, hex).
    pub fn open(&self, user: &str) -> Option<String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).ok()?;
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if open.len() >= MAX_SESSIONS {
            let now = Instant::now();
            open.retain(|_, s| s.expires > now);
            if open.len() >= MAX_SESSIONS
                && let Some(oldest) = open
                    .iter()
                    .min_by_key(|(_, s)| s.expires)
                    .map(|(k, _)| k.clone())
            {
                open.remove(&oldest);
            }
        }
        open.insert(
            id.clone(),
            Session {
                user: user.to_string(),
                expires: Instant::now() + SESSION_TTL,
            },
        );
        Some(id)
    }

    /// The officer of a live session.
    pub fn user(&self, id: &str) -> Option<String> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        match open.get(id) {
            Some(session) if session.expires > Instant::now() => Some(session.user.clone()),
            Some(_) => {
                open.remove(id);
                None
            }
            None => None,
        }
    }

    /// Ends a session.
    pub fn close(&self, id: &str) {
        self.open
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
    }

    /// Whether a login attempt for `name` may be tried now.
    pub fn may_try(&self, name: &str) -> bool {
        let mut attempts = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        let (all, names) = &mut *attempts;
        if !all.take() {
            return false;
        }
        if names.len() >= MAX_NAMES && !names.contains_key(name) {
            names.clear();
        }
        names
            .entry(name.to_string())
            .or_insert_with(|| TokenBucket::new(NAME_BURST, NAME_PER_SECOND))
            .take()
    }
}

/// The `Set-Cookie` value that opens a session.
pub fn set_cookie(id: &str) -> String {
    format!(
        "{COOKIE}={id}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age={}",
        SESSION_TTL.as_secs()
    )
}

/// The `Set-Cookie` value that ends it.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0")
}

/// The session id in a `Cookie` header.
pub fn cookie_value(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_open_and_close_and_logins_are_limited() {
        let sessions = Sessions::default();
        let id = sessions.open("can-bo").expect("session");
        assert_eq!(id.len(), 64);
        assert_eq!(sessions.user(&id).as_deref(), Some("can-bo"));
        assert_eq!(
            cookie_value(&format!("a=b; {COOKIE}={id}")),
            Some(id.as_str())
        );
        sessions.close(&id);
        assert_eq!(sessions.user(&id), None);
        let allowed = (0..10).filter(|_| sessions.may_try("can-bo")).count();
        assert_eq!(allowed, NAME_BURST as usize);
    }
}
