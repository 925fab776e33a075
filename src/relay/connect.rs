//! Opening a stream: the HTTP request (with ICY metadata asked for),
//! redirects, playlists followed to their first stream, and every failure
//! sorted into a [`RelayFailure`].
//!
//! reqwest does the HTTP (hyper underneath, rustls with the ring backend for
//! https). Old SHOUTcast v1 servers answer `ICY 200 OK` instead of an HTTP
//! status line; hyper refuses that, so such a server is reported as an
//! [`RelayFailure::Io`] naming the bad status line. Every SHOUTcast v2 and
//! Icecast server answers in HTTP.

use std::error::Error as StdError;
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use reqwest::redirect::Policy;
use reqwest::{Client, Response, Url};

use super::event::RelayFailure;
use super::icy::MAX_METAINT;
use super::options::RelayOptions;
use super::playlist::{self, MAX_PLAYLIST_BYTES};

/// Redirects followed per request: enough for a CDN's load balancer.
const MAX_REDIRECTS: usize = 5;

/// Playlists followed to reach a stream (a playlist naming a playlist).
const MAX_PLAYLIST_HOPS: usize = 3;

/// An open stream, its headers read, its body not yet.
pub(crate) struct Connection {
    pub response: Response,
    /// The declared content type, lower case, without parameters.
    pub content_type: Option<String>,
    /// Audio bytes between ICY metadata blocks (0: none).
    pub metaint: usize,
}

/// The HTTP client for one relay: timeouts on connecting, bounded
/// redirects, ring as the TLS crypto backend.
pub(crate) fn client(options: &RelayOptions) -> Result<Client, RelayFailure> {
    // Installs ring for the whole process; an error means a provider is
    // already installed, which is what is needed.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut headers = HeaderMap::new();
    headers.insert("icy-metadata", HeaderValue::from_static("1"));
    headers.insert(
        USER_AGENT,
        HeaderValue::from_static(concat!("loa/", env!("CARGO_PKG_VERSION"))),
    );
    Client::builder()
        .default_headers(headers)
        .connect_timeout(options.connect_timeout)
        .redirect(Policy::limited(MAX_REDIRECTS))
        .http1_only()
        .build()
        .map_err(|e| RelayFailure::Io(render_chain(&e)))
}

/// Connects to `url`, following playlists to the stream they name.
pub(crate) async fn open(
    client: &Client,
    url: &Url,
    options: &RelayOptions,
) -> Result<Connection, RelayFailure> {
    let mut url = url.clone();
    for _ in 0..=MAX_PLAYLIST_HOPS {
        let response = request(client, &url, options.connect_timeout).await?;
        let content_type = content_type(&response);
        let is_playlist = content_type
            .as_deref()
            .is_some_and(playlist::is_playlist_type)
            || playlist::is_playlist_path(response.url());
        if is_playlist {
            let base = response.url().clone();
            let body = read_small_body(response, options.connect_timeout).await?;
            url = playlist::first_stream(&body, &base)?;
            continue;
        }
        if let Some(kind) = content_type.as_deref().filter(|kind| !is_audio_type(kind)) {
            return Err(RelayFailure::NotAudio(kind.to_string()));
        }
        let metaint = response
            .headers()
            .get("icy-metaint")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<usize>().ok())
            .filter(|&metaint| metaint <= MAX_METAINT)
            .unwrap_or(0);
        return Ok(Connection {
            response,
            content_type,
            metaint,
        });
    }
    Err(RelayFailure::Playlist(crate::text::catalogue::for_the_log(
        "relay-detail-nested-playlists",
        &[],
    )))
}

/// Sends the GET and waits for the response headers, within `timeout`.
async fn request(client: &Client, url: &Url, timeout: Duration) -> Result<Response, RelayFailure> {
    let sent = tokio::time::timeout(timeout, client.get(url.clone()).send()).await;
    let response = sent
        .map_err(|_| RelayFailure::Timeout)?
        .map_err(|e| classify(&e))?;
    let status = response.status();
    if !status.is_success() {
        return Err(RelayFailure::HttpStatus(status.as_u16()));
    }
    Ok(response)
}

/// A playlist's body, at most [`MAX_PLAYLIST_BYTES`] of it.
async fn read_small_body(
    mut response: Response,
    timeout: Duration,
) -> Result<Vec<u8>, RelayFailure> {
    let mut body = Vec::new();
    let read = tokio::time::timeout(timeout, async {
        while body.len() < MAX_PLAYLIST_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => return Ok(()),
                Err(error) => return Err(classify(&error)),
            }
        }
        Ok(())
    })
    .await;
    read.map_err(|_| RelayFailure::Timeout)??;
    body.truncate(MAX_PLAYLIST_BYTES);
    Ok(body)
}

/// The content type without parameters, lower case.
fn content_type(response: &Response) -> Option<String> {
    let value = response.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    let kind = value.split(';').next()?.trim().to_ascii_lowercase();
    (!kind.is_empty()).then_some(kind)
}

/// Content types a stream's audio may come under. Servers label streams
/// loosely (`application/octet-stream`, `application/ogg`), so only types
/// that are clearly something else (an HTML error page) are refused.
fn is_audio_type(kind: &str) -> bool {
    kind.starts_with("audio/")
        || matches!(
            kind,
            "application/ogg" | "application/octet-stream" | "binary/octet-stream"
        )
}

/// Sorts a reqwest error by its cause.
pub(crate) fn classify(error: &reqwest::Error) -> RelayFailure {
    if error.is_timeout() {
        return RelayFailure::Timeout;
    }
    let detail = without_credentials(render_chain(error), error.url());
    for cause in causes(error) {
        if cause.downcast_ref::<rustls::Error>().is_some() {
            return RelayFailure::Tls(detail);
        }
        match cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
        {
            Some(std::io::ErrorKind::ConnectionRefused) => return RelayFailure::Refused(detail),
            Some(std::io::ErrorKind::TimedOut) => return RelayFailure::Timeout,
            _ => {}
        }
    }
    if detail.contains("dns error") {
        return RelayFailure::Dns(detail);
    }
    RelayFailure::Io(detail)
}

/// `error` and everything under it. `io::Error::source` skips the error it
/// wraps (and hyper nests io errors), so wrapped errors are visited too.
fn causes<'e>(error: &'e (dyn StdError + 'static)) -> Vec<&'e (dyn StdError + 'static)> {
    let mut found = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        found.push(current);
        next = match current.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|inner| inner as &(dyn StdError + 'static)),
            None => current.source(),
        };
    }
    found
}

/// `text` with `url`'s credentials, if any, taken out: reqwest's messages
/// name the URL, and these details go to the log.
fn without_credentials(text: String, url: Option<&Url>) -> String {
    match url {
        Some(url) if !url.username().is_empty() || url.password().is_some() => {
            let mut shown = url.clone();
            let _ = shown.set_username("");
            let _ = shown.set_password(None);
            text.replace(url.as_str(), shown.as_str())
        }
        _ => text,
    }
}

/// An error and its causes on one line: reqwest's own message is often just
/// "error sending request", with the useful part in a cause.
fn render_chain(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(current) = cause {
        let part = current.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        cause = current.source();
    }
    text
}
