//! Playlists that stations publish instead of a stream address: `.m3u`
//! (one address per line) and `.pls` (`File1=address`). The relay takes the
//! first http(s) address in it. HLS (`#EXT-X-...` segment lists) is a
//! different protocol and is refused with a clear reason.

use reqwest::Url;

use super::event::RelayFailure;

/// The most bytes of a playlist body read: real ones are a few hundred.
pub(crate) const MAX_PLAYLIST_BYTES: usize = 64 * 1024;

/// Content types that mean "this is a playlist, not audio".
pub(crate) fn is_playlist_type(content_type: &str) -> bool {
    matches!(
        content_type,
        "audio/x-mpegurl"
            | "audio/mpegurl"
            | "application/x-mpegurl"
            | "application/vnd.apple.mpegurl"
            | "audio/x-scpls"
            | "application/pls+xml"
    )
}

/// Whether a URL names a playlist by its extension.
pub(crate) fn is_playlist_path(url: &Url) -> bool {
    let path = url.path().to_ascii_lowercase();
    [".m3u", ".m3u8", ".pls"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The first stream address in `body`, resolved against `base` (where the
/// playlist came from) when it is relative.
pub(crate) fn first_stream(body: &[u8], base: &Url) -> Result<Url, RelayFailure> {
    let text = String::from_utf8_lossy(body);
    if text.contains("#EXT-X-") {
        return Err(RelayFailure::Playlist(
            "an HLS playlist (segments), not a stream address".into(),
        ));
    }
    let entries = text.lines().map(str::trim).filter_map(|line| {
        if line.starts_with('#') || line.starts_with('[') {
            return None;
        }
        match line.split_once('=') {
            // .pls: File1=http://...
            Some((key, value)) if key.trim().to_ascii_lowercase().starts_with("file") => {
                Some(value.trim())
            }
            Some(_) if !line.contains("://") => None,
            _ => Some(line),
        }
    });
    for entry in entries.filter(|entry| !entry.is_empty()) {
        if let Ok(url) = base.join(entry)
            && matches!(url.scheme(), "http" | "https")
        {
            return Ok(url);
        }
    }
    Err(RelayFailure::Playlist(
        "no http(s) stream address in it".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("http://radio.example.vn/lists/vov1.m3u").expect("url")
    }

    #[test]
    fn m3u_gives_its_first_stream() {
        let body =
            b"#EXTM3U\r\n#EXTINF:-1,VOV1\r\nhttp://s1.example.vn:8000/vov1\r\nhttp://s2/\r\n";
        let url = first_stream(body, &base()).expect("stream");
        assert_eq!(url.as_str(), "http://s1.example.vn:8000/vov1");
    }

    #[test]
    fn pls_gives_file1_and_relative_entries_are_resolved() {
        let body = b"[playlist]\nNumberOfEntries=1\nFile1=../live/vov2\nTitle1=VOV2\nVersion=2\n";
        let url = first_stream(body, &base()).expect("stream");
        assert_eq!(url.as_str(), "http://radio.example.vn/live/vov2");
    }

    #[test]
    fn empty_hls_and_non_http_playlists_are_refused() {
        for body in [
            &b""[..],
            b"#EXTM3U\n",
            b"#EXTM3U\n#EXT-X-TARGETDURATION:10\nseg1.ts\n",
            b"[playlist]\nFile1=rtsp://x/live\n",
        ] {
            assert!(
                matches!(first_stream(body, &base()), Err(RelayFailure::Playlist(_))),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
