//! `[upload]` in `station.toml`: where the province's hub is, and which
//! certificate to trust for it.

use std::path::PathBuf;

use reqwest::Url;

/// The station's uploader settings, checked by `loa check`: the daemon
/// pushes its log and heartbeats only when they are set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadSettings {
    /// The hub's base address (`https://hub.example.vn`); the protocol's
    /// paths (`/api/v1/...`) are joined to it.
    pub hub: Url,
    /// A PEM file of the certificates to trust for the hub (its CA, or its
    /// self-signed certificate); `None` trusts the system's roots.
    pub ca: Option<PathBuf>,
}

impl UploadSettings {
    /// The address of one of the protocol's endpoints (`path` starts with
    /// `/`), under the hub's base path (a reverse proxy may mount it under
    /// a folder).
    pub fn endpoint(&self, path: &str) -> Url {
        let mut url = self.hub.clone();
        let base = url.path().trim_end_matches('/').to_string();
        url.set_path(&format!("{base}{path}"));
        url.set_query(None);
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_keep_the_hubs_base_path() {
        let at = |hub: &str| UploadSettings {
            hub: Url::parse(hub).expect("url"),
            ca: None,
        };
        assert_eq!(
            at("https://hub.example.vn")
                .endpoint("/api/v1/head")
                .as_str(),
            "https://hub.example.vn/api/v1/head"
        );
        assert_eq!(
            at("https://tinh.vn/hub/")
                .endpoint("/api/v1/records")
                .as_str(),
            "https://tinh.vn/hub/api/v1/records"
        );
    }
}
