//! Reading `[upload]`: the hub's address and the certificate to trust for
//! it, checked so that `loa check` finds a mistyped address or a missing
//! certificate file before the daemon quietly fails to upload.

use std::path::Path;

use reqwest::Url;
use toml_edit::Item;

use super::fields::{Fields, Spanned, table_like};
use super::problem::{Diagnostics, Problem};
use super::relative_path::join_clean;
use super::source::SourceFile;
use crate::upload::UploadSettings;

const UPLOAD_KEYS: &[&str] = &["hub", "ca"];
/// A CA file larger than this is not a CA file (a bundle of every public
/// root is about 200 kB).
const MAX_CA_BYTES: u64 = 1 << 20;

/// `None` when the file has no `[upload]` (or it is wrong: reported).
pub fn read_upload(
    item: Option<&Item>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<UploadSettings> {
    let item = item?;
    let span = item.span().unwrap_or(0..0);
    let table = table_like(item, "upload", source, d)?;
    let f = Fields::new(table, "[upload]".into(), span, source);
    f.reject_unknown(UPLOAD_KEYS, d);
    let hub = f
        .required_string("hub", d)
        .and_then(|hub| read_hub(&f, hub, d));
    let base = source.path.parent().unwrap_or(Path::new("."));
    let ca = match f.string("ca", d) {
        Some(ca) => Some(read_ca(&f, base, ca, d)?),
        None => None,
    };
    Some(UploadSettings { hub: hub?, ca })
}

/// The hub's address: https (the records are public, but the heartbeat's
/// freshness and the hub's answers must not be tampered with on the way),
/// or http to this machine only (a local reverse proxy or tunnel).
fn read_hub(f: &Fields, hub: Spanned<String>, d: &mut Diagnostics) -> Option<Url> {
    let bad = |detail: &str, d: &mut Diagnostics| {
        d.error(
            f.at(hub.span.clone()),
            Problem::BadHubUrl {
                value: hub.value.clone(),
                detail: detail.into(),
            },
        )
    };
    let url = match Url::parse(hub.value.trim()) {
        Ok(url) => url,
        Err(error) => {
            bad(&error.to_string(), d);
            return None;
        }
    };
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && local);
    if !scheme_ok {
        bad(&crate::tr!("config-hub-url-not-https"), d);
        return None;
    }
    if url.host_str().is_none_or(str::is_empty) || url.query().is_some() {
        bad(&crate::tr!("config-hub-url-host-query"), d);
        return None;
    }
    if !url.username().is_empty() || url.password().is_some() {
        bad(&crate::tr!("config-hub-url-password"), d);
        return None;
    }
    Some(url)
}

/// The certificate file: readable, and holding at least one certificate.
fn read_ca(
    f: &Fields,
    base: &Path,
    ca: Spanned<String>,
    d: &mut Diagnostics,
) -> Option<std::path::PathBuf> {
    let path = join_clean(base, &ca.value);
    let problem = match load_ca(&path) {
        Ok(_) => return Some(path),
        Err(detail) => Problem::BadHubCa {
            path: path.clone(),
            detail,
        },
    };
    d.error(f.at(ca.span), problem);
    None
}

/// The certificates in the PEM file at `path`, or why there are none.
pub fn load_ca(path: &Path) -> Result<Vec<reqwest::Certificate>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut pem = Vec::new();
    file.take(MAX_CA_BYTES + 1)
        .read_to_end(&mut pem)
        .map_err(|e| e.to_string())?;
    if pem.len() as u64 > MAX_CA_BYTES {
        return Err("larger than 1 MB".into());
    }
    let has_certificate = pem
        .windows(b"-----BEGIN CERTIFICATE-----".len())
        .any(|w| w == b"-----BEGIN CERTIFICATE-----");
    if !has_certificate {
        return Err("no PEM certificate in it".into());
    }
    match reqwest::Certificate::from_pem_bundle(&pem) {
        Ok(certificates) if !certificates.is_empty() => Ok(certificates),
        Ok(_) => Err("no PEM certificate in it".into()),
        Err(error) => Err(error.to_string()),
    }
}
