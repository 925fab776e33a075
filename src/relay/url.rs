//! The relay's address as the station config gives it, parsed and checked
//! offline (so `loa check` can reject a bad one without touching the network).

use std::fmt;

use reqwest::Url;

/// A checked http(s) stream or playlist address.
///
/// It keeps the address as written for connecting, and a copy without any
/// `user:password@` part for everything that is shown or logged, so a
/// station's stream credentials never reach the airing log or the journal.
#[derive(Clone, PartialEq, Eq)]
pub struct RelayUrl {
    url: Url,
    shown: String,
}

/// Why a configured relay address cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelayUrlError {
    /// Nothing was written.
    Empty,
    /// Not a URL at all; the parser's reason.
    Invalid(String),
    /// A scheme other than http or https (rtsp, mms, file ...).
    Scheme(String),
    /// No host to connect to.
    NoHost,
}

impl RelayUrl {
    /// Parses and checks `s`: http or https, with a host. No network.
    pub fn parse(s: &str) -> Result<RelayUrl, RelayUrlError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(RelayUrlError::Empty);
        }
        let url = Url::parse(s).map_err(|e| RelayUrlError::Invalid(e.to_string()))?;
        Self::checked(url)
    }

    /// Checks a URL found at run time (a playlist's entry, a redirect).
    pub(crate) fn checked(url: Url) -> Result<RelayUrl, RelayUrlError> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(RelayUrlError::Scheme(url.scheme().to_string()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(RelayUrlError::NoHost);
        }
        let shown = without_credentials(&url);
        Ok(RelayUrl { url, shown })
    }

    /// The address without credentials: the form that may be shown or logged.
    pub fn as_str(&self) -> &str {
        &self.shown
    }

    /// The address to connect to, credentials included.
    pub(crate) fn url(&self) -> &Url {
        &self.url
    }
}

/// `url` with any user name and password removed.
fn without_credentials(url: &Url) -> String {
    let mut shown = url.clone();
    // Both only fail for URLs that cannot have credentials at all.
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.to_string()
}

impl fmt::Debug for RelayUrl {
    /// Shows the address without credentials, like [`RelayUrl::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RelayUrl").field(&self.shown).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_with_a_host_are_accepted() {
        for s in [
            "http://vov1.example.vn:8000/live",
            " https://radio.example.vn/a.mp3 ",
        ] {
            let url = RelayUrl::parse(s).expect(s);
            assert_eq!(url.as_str(), Url::parse(s.trim()).expect("url").as_str());
        }
    }

    #[test]
    fn other_schemes_and_missing_hosts_are_rejected() {
        assert_eq!(RelayUrl::parse(""), Err(RelayUrlError::Empty));
        assert_eq!(
            RelayUrl::parse("rtsp://x/live"),
            Err(RelayUrlError::Scheme("rtsp".into()))
        );
        assert_eq!(
            RelayUrl::parse("file:///tmp/a.mp3"),
            Err(RelayUrlError::Scheme("file".into()))
        );
        assert!(matches!(
            RelayUrl::parse("vov1 stream"),
            Err(RelayUrlError::Invalid(_))
        ));
    }

    #[test]
    fn credentials_are_kept_for_connecting_but_never_shown() {
        let url = RelayUrl::parse("http://source:s3cret@relay.example.vn:8000/vov1").expect("url");
        assert_eq!(url.as_str(), "http://relay.example.vn:8000/vov1");
        assert!(!format!("{url:?}").contains("s3cret"));
        assert_eq!(url.url().password(), Some("s3cret"));
    }
}
