//! The relay tests' misbehaving stream server and their test audio.
//!
//! The server is raw TCP on 127.0.0.1 (port 0), written here on purpose:
//! it has to stall, trickle, close mid-frame and send garbage, which no
//! well-behaved server library would do. Each accepted connection gets its
//! own thread that runs the test's handler.
#![allow(dead_code)] // each test uses a different subset

pub mod audio;

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use loa::audio::{CHANNELS, SAMPLE_RATE};
use loa::relay::{Relay, RelayEvent, RelayEventKind, RelayFailure};

/// The longest any connection is served: every loop here is bounded.
const MAX_CONNECTION_TIME: Duration = Duration::from_secs(30);

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    /// 0 for the first connection to this server, 1 for the next ...
    pub index: usize,
    pub path: String,
    /// Header names lower case.
    pub headers: Vec<(String, String)>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

type Handler = dyn Fn(&Request, &mut Conn) + Send + Sync;

/// A running test server.
pub struct Server {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Request>>>,
    /// Bytes written on each connection, by index.
    sent: Arc<Mutex<Vec<Arc<AtomicU64>>>>,
    stopped: Arc<AtomicBool>,
}

impl Server {
    /// Serves every connection with `handler`.
    pub fn start(handler: impl Fn(&Request, &mut Conn) + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let server = Server {
            addr,
            requests: Arc::default(),
            sent: Arc::default(),
            stopped: Arc::default(),
        };
        let handler: Arc<Handler> = Arc::new(handler);
        let (requests, sent, stopped) = (
            Arc::clone(&server.requests),
            Arc::clone(&server.sent),
            Arc::clone(&server.stopped),
        );
        std::thread::spawn(move || {
            for (index, stream) in listener.incoming().enumerate() {
                if stopped.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let counter = Arc::new(AtomicU64::new(0));
                sent.lock().expect("sent").push(Arc::clone(&counter));
                let (handler, requests, stopped) = (
                    Arc::clone(&handler),
                    Arc::clone(&requests),
                    Arc::clone(&stopped),
                );
                std::thread::spawn(move || {
                    serve_one(index, stream, &*handler, &requests, counter, stopped)
                });
            }
        });
        server
    }

    /// `http://127.0.0.1:port{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().expect("requests").clone()
    }

    /// Bytes written on connection `index` so far.
    pub fn bytes_sent(&self, index: usize) -> u64 {
        self.sent
            .lock()
            .expect("sent")
            .get(index)
            .map_or(0, |c| c.load(Ordering::SeqCst))
    }
}

impl Drop for Server {
    /// Ends every connection's loop at its next step.
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

fn serve_one(
    index: usize,
    mut stream: TcpStream,
    handler: &Handler,
    requests: &Mutex<Vec<Request>>,
    sent: Arc<AtomicU64>,
    stopped: Arc<AtomicBool>,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Some(request) = read_request(index, &mut stream) else {
        return;
    };
    requests.lock().expect("requests").push(request.clone());
    let mut conn = Conn {
        stream,
        sent,
        stopped,
        started: Instant::now(),
    };
    handler(&request, &mut conn);
    let _ = conn.stream.shutdown(Shutdown::Both);
}

fn read_request(index: usize, stream: &mut TcpStream) -> Option<Request> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 16 * 1024 || stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines();
    let path = lines.next()?.split(' ').nth(1)?.to_string();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Request {
        index,
        path,
        headers,
    })
}

/// One connection, as the handler drives it.
pub struct Conn {
    stream: TcpStream,
    sent: Arc<AtomicU64>,
    stopped: Arc<AtomicBool>,
    started: Instant,
}

impl Conn {
    /// Whether to keep going: the test is running and this connection has
    /// not outlived its bound.
    fn live(&self) -> bool {
        !self.stopped.load(Ordering::SeqCst) && self.started.elapsed() < MAX_CONNECTION_TIME
    }

    /// Writes `bytes`; false once the client is gone.
    pub fn send(&mut self, bytes: &[u8]) -> bool {
        if !self.live() || self.stream.write_all(bytes).is_err() {
            return false;
        }
        self.sent.fetch_add(bytes.len() as u64, Ordering::SeqCst);
        true
    }

    /// A status line and headers (`HTTP/1.0 200 OK` and the like).
    pub fn head(&mut self, status_line: &str, headers: &[(&str, String)]) -> bool {
        let mut text = format!("{status_line}\r\n");
        for (name, value) in headers {
            text.push_str(&format!("{name}: {value}\r\n"));
        }
        text.push_str("\r\n");
        self.send(text.as_bytes())
    }

    /// `200 OK` with a content type, and `icy-metaint` if given.
    pub fn ok(&mut self, content_type: &str, metaint: Option<usize>) -> bool {
        let mut headers = vec![("Content-Type", content_type.to_string())];
        if let Some(metaint) = metaint {
            headers.push(("icy-metaint", metaint.to_string()));
            headers.push(("icy-name", "Test VOV".to_string()));
        }
        self.head("HTTP/1.0 200 OK", &headers)
    }

    /// Sends `bytes` at `bytes_per_second`, in 20 ms pieces; false once the
    /// client is gone.
    pub fn send_paced(&mut self, bytes: &[u8], bytes_per_second: f64) -> bool {
        let piece = ((bytes_per_second * 0.02) as usize).max(1);
        let start = Instant::now();
        let mut done = 0;
        for chunk in bytes.chunks(piece) {
            let due = start + Duration::from_secs_f64(done as f64 / bytes_per_second);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            if !self.send(chunk) {
                return false;
            }
            done += chunk.len();
        }
        true
    }

    /// Keeps the connection open, sending nothing, until the client closes
    /// it or `max` passes.
    pub fn hold(&mut self, max: Duration) {
        let until = Instant::now() + max;
        let _ = self
            .stream
            .set_read_timeout(Some(Duration::from_millis(50)));
        let mut scratch = [0u8; 256];
        while self.live() && Instant::now() < until {
            match self.stream.read(&mut scratch) {
                Ok(0) => return,
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return,
            }
        }
    }
}

/// Events taken from `relay` until `done` says the collected ones suffice,
/// or `limit` passes. Returns all collected.
pub fn events_until(
    relay: &mut Relay,
    limit: Duration,
    done: impl Fn(&[RelayEvent]) -> bool,
) -> Vec<RelayEvent> {
    let until = Instant::now() + limit;
    let mut events = Vec::new();
    loop {
        events.extend(relay.take_events());
        if done(&events) || Instant::now() >= until {
            return events;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// How many `Connected` events are in `events`.
pub fn connections(events: &[RelayEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e.kind, RelayEventKind::Connected { .. }))
        .count()
}

/// The failures in `events`, in order.
pub fn failures(events: &[RelayEvent]) -> Vec<RelayFailure> {
    events
        .iter()
        .filter_map(|e| match &e.kind {
            RelayEventKind::Dropped(failure) => Some(failure.clone()),
            _ => None,
        })
        .collect()
}

/// Waits until `relay` has `seconds` of audio buffered (or `limit` passes),
/// then takes all of it.
pub fn take_audio(relay: &mut Relay, seconds: f64, limit: Duration) -> Vec<f32> {
    let until = Instant::now() + limit;
    while relay.buffered().as_secs_f64() < seconds && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut audio = vec![0.0; (seconds * 2.5 * f64::from(SAMPLE_RATE)) as usize * CHANNELS];
    let count = relay.read(&mut audio);
    audio.truncate(count);
    audio
}

/// Drops `relay` and asserts that its thread stopped within a second.
pub fn assert_drops_promptly(relay: Relay) {
    let dropping = Instant::now();
    drop(relay);
    let took = dropping.elapsed();
    assert!(took < Duration::from_secs(1), "dropping took {took:?}");
}
