//! The status socket: a Unix socket in the state folder (mode 0660, no
//! network listener). A client sends one line and gets one line of JSON:
//! `status` → the [`Status`]; `announce {AnnounceRequest}` → the
//! announcement as queued (`{"queued": …}`) or `{"error": …}`. Who asked is
//! taken from the socket's peer credentials, not from the request.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

use super::control::{AnnounceRequest, DaemonHandle};
use crate::shutdown::Shutdown;

/// A client gets this long to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
/// Longest request line read (an announcement names a path).
const MAX_REQUEST: u64 = 8192;
/// The request that queues an announcement, before its JSON.
const ANNOUNCE: &str = "announce ";

/// Where the socket lives: beside the log folder, in the state folder.
pub fn socket_path(log_dir: &Path) -> PathBuf {
    log_dir
        .parent()
        .map_or_else(|| log_dir.to_path_buf(), Path::to_path_buf)
        .join("loa.sock")
}

/// Binds the socket (replacing a stale one) and serves until shutdown.
pub async fn serve(path: PathBuf, handle: DaemonHandle, shutdown: Shutdown) -> std::io::Result<()> {
    if path.exists() && std::os::unix::net::UnixStream::connect(&path).is_err() {
        std::fs::remove_file(&path)?;
    }
    let listener = UnixListener::bind(&path)?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o660))?;
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                if let Ok((stream, _)) = accepted {
                    let handle = handle.clone();
                    tokio::spawn(async move { answer(stream, handle).await });
                }
            }
            _ = shutdown.wait() => break,
        }
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

async fn answer(stream: UnixStream, handle: DaemonHandle) {
    let user = stream
        .peer_cred()
        .map_or_else(|_| "unknown".to_string(), |cred| user_name(cred.uid()));
    let (reader, mut writer) = stream.into_split();
    let mut line = String::new();
    let mut reader = BufReader::new(reader.take(MAX_REQUEST));
    let read = tokio::time::timeout(REQUEST_TIMEOUT, reader.read_line(&mut line)).await;
    let reply = match (read, line.trim()) {
        (Ok(Ok(_)), "status") => serde_json::to_string(&handle.status()).unwrap_or_default(),
        (Ok(Ok(_)), request) if request.starts_with(ANNOUNCE) => {
            announce(&handle, &request[ANNOUNCE.len()..], user).await
        }
        _ => "{\"error\":\"unknown request\"}".to_string(),
    };
    let _ = writer.write_all(reply.as_bytes()).await;
    let _ = writer.write_all(b"\n").await;
}

/// Queues the announcement `json` asks for (probing a file takes a
/// blocking thread); the reply line.
async fn announce(handle: &DaemonHandle, json: &str, user: String) -> String {
    let request: AnnounceRequest = match serde_json::from_str(json) {
        Ok(request) => request,
        Err(error) => return serde_json::json!({ "error": error.to_string() }).to_string(),
    };
    let handle = handle.clone();
    let queued = tokio::task::spawn_blocking(move || handle.announce(request, &user)).await;
    match queued {
        Ok(Ok((announcement, ahead))) => serde_json::json!({ "queued": {
            "priority": announcement.priority,
            "requested_by": announcement.requested_by,
            "segments": announcement.segments.len(),
            "length_ms": announcement.length().as_millis() as u64,
            "ahead": ahead,
        }})
        .to_string(),
        // English, as the log: the caller shows it in its own language.
        Ok(Err(error)) => {
            serde_json::json!({ "error": crate::text::reason::english(&error) }).to_string()
        }
        Err(_) => {
            serde_json::json!({ "error": "the daemon could not take the request" }).to_string()
        }
    }
}

/// The login name of `uid`, or the number when it has none.
fn user_name(uid: u32) -> String {
    let mut buffer = vec![0u8; 4096];
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is to a live local of the size given; the
    // result only borrows `buffer`, read before it is dropped.
    let status = unsafe {
        libc::getpwuid_r(
            uid,
            &mut entry,
            buffer.as_mut_ptr().cast(),
            buffer.len(),
            &mut found,
        )
    };
    if status != 0 || found.is_null() || entry.pw_name.is_null() {
        return uid.to_string();
    }
    // SAFETY: getpwuid_r succeeded, so pw_name points to a NUL-terminated
    // string inside `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
    format!("{} (uid {uid})", name.to_string_lossy())
}

/// The client side: sends an announcement request to the running daemon;
/// the daemon's reply line, `None` when no daemon answers.
pub fn send_announcement(path: &Path, request: &AnnounceRequest) -> Option<serde_json::Value> {
    use std::io::{BufRead, Write};
    let mut stream = std::os::unix::net::UnixStream::connect(path).ok()?;
    // Probing and measuring a long file takes a while.
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .ok()?;
    let line = format!("{ANNOUNCE}{}\n", serde_json::to_string(request).ok()?);
    stream.write_all(line.as_bytes()).ok()?;
    let mut reply = String::new();
    std::io::BufReader::new(stream).read_line(&mut reply).ok()?;
    serde_json::from_str(&reply).ok()
}

/// The client side: asks a running daemon for its status. `None` when no
/// daemon answers.
pub fn query_status(path: &Path) -> Option<super::status::Status> {
    use std::io::{BufRead, Write};
    let mut stream = std::os::unix::net::UnixStream::connect(path).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream.write_all(b"status\n").ok()?;
    let mut line = String::new();
    std::io::BufReader::new(stream).read_line(&mut line).ok()?;
    serde_json::from_str(&line).ok()
}
