//! The status socket: a Unix socket in the state folder (mode 0660, no
//! network listener). A client sends `status` and gets the [`Status`] as one
//! line of JSON.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

use super::control::DaemonHandle;
use crate::shutdown::Shutdown;

/// A client gets this long to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
/// Longest request line read.
const MAX_REQUEST: u64 = 256;

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
    let (reader, mut writer) = stream.into_split();
    let mut line = String::new();
    let mut reader = BufReader::new(reader.take(MAX_REQUEST));
    let read = tokio::time::timeout(REQUEST_TIMEOUT, reader.read_line(&mut line)).await;
    let reply = match (read, line.trim()) {
        (Ok(Ok(_)), "status") => serde_json::to_string(&handle.status()).unwrap_or_default(),
        _ => "{\"error\":\"unknown request\"}".to_string(),
    };
    let _ = writer.write_all(reply.as_bytes()).await;
    let _ = writer.write_all(b"\n").await;
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
