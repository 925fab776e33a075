//! The hub's three endpoints over HTTPS (reqwest on rustls with ring),
//! exactly as `crate::hub::protocol` defines them: every answer is a
//! [`Head`] or a refusal with its code.

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, USER_AGENT};
use reqwest::{Client, Response, StatusCode};

use super::error::UploadError;
use super::settings::UploadSettings;
use crate::hub::protocol::{HEAD_PATH, HEARTBEAT_PATH, Head, RECORDS_PATH, Refusal, RefusalCode};

/// How long connecting may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// How long a whole request may take (a full batch on a slow link).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// The largest answer read: a head or a refusal is far smaller.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// A connection pool to one hub, for one station.
#[derive(Debug, Clone)]
pub struct HubClient {
    http: Client,
    settings: UploadSettings,
    station: String,
}

impl HubClient {
    /// A client trusting `settings.ca` (or the system's roots).
    pub fn new(settings: &UploadSettings, station: &str) -> Result<Self, UploadError> {
        // Installs ring for the whole process; an error means a provider is
        // already installed, which is what is needed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .https_only(settings.hub.scheme() == "https");
        if let Some(ca) = &settings.ca {
            let certificates = crate::config::load_ca(ca)
                .map_err(|detail| UploadError::Ca(format!("{}: {detail}", ca.display())))?;
            builder = builder.tls_certs_only(certificates);
        }
        let http = builder
            .build()
            .map_err(|e| UploadError::Ca(render_chain(&e)))?;
        Ok(Self {
            http,
            settings: settings.clone(),
            station: station.to_string(),
        })
    }

    /// The settings it was made from.
    pub fn settings(&self) -> &UploadSettings {
        &self.settings
    }

    /// `GET /api/v1/head?station=ID`: how far the hub holds the log.
    pub async fn head(&self) -> Result<Head, UploadError> {
        let mut url = self.settings.endpoint(HEAD_PATH);
        url.query_pairs_mut().append_pair("station", &self.station);
        let request = self.http.get(url).header(USER_AGENT, user_agent());
        self.answer(request).await
    }

    /// `POST /api/v1/records`: consecutive log lines, each with its LF.
    pub async fn post_records(&self, lines: Vec<u8>) -> Result<Head, UploadError> {
        let request = self
            .http
            .post(self.settings.endpoint(RECORDS_PATH))
            .header(USER_AGENT, user_agent())
            .header(CONTENT_TYPE, "application/x-ndjson")
            .body(lines);
        self.answer(request).await
    }

    /// `POST /api/v1/heartbeat`: one signed heartbeat line.
    pub async fn post_heartbeat(&self, line: Vec<u8>) -> Result<Head, UploadError> {
        let request = self
            .http
            .post(self.settings.endpoint(HEARTBEAT_PATH))
            .header(USER_AGENT, user_agent())
            .header(CONTENT_TYPE, "application/json")
            .body(line);
        self.answer(request).await
    }

    async fn answer(&self, request: reqwest::RequestBuilder) -> Result<Head, UploadError> {
        let response = request
            .send()
            .await
            .map_err(|e| UploadError::Unreachable(render_chain(&e)))?;
        let status = response.status();
        let body = read_small(response).await?;
        if status == StatusCode::OK {
            return self.parse_head(&body);
        }
        match serde_json::from_slice::<Refusal>(&body) {
            Ok(refusal) => match RefusalCode::from_code(&refusal.error) {
                Some(code) => Err(UploadError::Refused {
                    code,
                    detail: refusal.detail,
                    next_seq: refusal.next_seq,
                }),
                None => Err(UploadError::BadAnswer(crate::tr!(
                    "upload-answer-unknown-refusal",
                    status = status.as_u16().to_string(),
                    code = format!("{:?}", refusal.error)
                ))),
            },
            Err(_) => Err(UploadError::Status(status.as_u16())),
        }
    }

    fn parse_head(&self, body: &[u8]) -> Result<Head, UploadError> {
        let head: Head = serde_json::from_slice(body).map_err(|e| {
            UploadError::BadAnswer(crate::tr!(
                "upload-answer-not-a-head",
                detail = e.to_string()
            ))
        })?;
        if head.station != self.station {
            return Err(UploadError::BadAnswer(crate::tr!(
                "upload-answer-other-station",
                station = format!("{:?}", head.station)
            )));
        }
        if crate::airlog::Sha256Hash::from_hex(head.head.as_bytes()).is_none() {
            return Err(UploadError::BadAnswer(crate::tr!("upload-answer-bad-hash")));
        }
        Ok(head)
    }
}

/// The answer's body, refused past [`MAX_ANSWER_BYTES`].
async fn read_small(mut response: Response) -> Result<Vec<u8>, UploadError> {
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| UploadError::Unreachable(render_chain(&e)))?
    {
        if body.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(UploadError::BadAnswer(crate::tr!(
                "upload-answer-too-large"
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn user_agent() -> &'static str {
    concat!("loa/", env!("CARGO_PKG_VERSION"))
}

/// An error and its causes on one line: reqwest's own message is often
/// just "error sending request".
fn render_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
