//! A small receiver that speaks `loa::hub::protocol` exactly, over real
//! HTTPS on loopback (a certificate made here with rcgen), for the
//! uploader's tests. It keeps one station's lines in memory and accepts a
//! batch only if every line extends the chain it holds and verifies under
//! the station's registered key, using loa's own codec and signature rule. It can be
//! stopped (connections refused), restarted on the same port with its
//! store, and made to lose its tail, like a hub restored from a backup.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ed25519_dalek::VerifyingKey;
use loa::airlog::Sha256Hash;
use loa::airlog::codec::check_line;
use loa::airlog::verify::signatures::zip215_valid;
use loa::hub::protocol::{
    HEAD_PATH, HEARTBEAT_PATH, Head, Heartbeat, MAX_BATCH_BYTES, MAX_BATCH_RECORDS, RECORDS_PATH,
    Refusal, RefusalCode, heartbeat_station, open_heartbeat,
};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

/// What the receiver holds and has seen.
#[derive(Debug, Default)]
pub struct Store {
    /// The station's lines in `seq` order, without their LF.
    pub lines: Vec<Vec<u8>>,
    /// The hash of the last line.
    pub head: Option<Sha256Hash>,
    /// The station's registered key.
    pub key: Option<VerifyingKey>,
    /// Every heartbeat accepted, in order.
    pub heartbeats: Vec<Heartbeat>,
    /// Lines received again that were already held (idempotent answers).
    pub duplicates: usize,
    /// Every refusal sent, by code.
    pub refusals: Vec<String>,
    /// Batches accepted.
    pub batches: usize,
}

impl Store {
    fn head(&self, station: &str) -> Head {
        Head {
            station: station.to_string(),
            next_seq: self.lines.len() as u64,
            head: self.head.unwrap_or(Sha256Hash::ZERO).to_hex(),
        }
    }
}

struct Shared {
    station: String,
    store: Mutex<Store>,
}

/// The receiver: its certificate, its port, its store, and its server
/// while running.
pub struct Receiver {
    shared: Arc<Shared>,
    addr: SocketAddr,
    /// The certificate, PEM: what the station trusts (`[upload] ca`).
    pub cert_pem: String,
    tls: Arc<tokio_rustls::rustls::ServerConfig>,
    server: Option<Server>,
}

struct Server {
    stop: tokio::sync::oneshot::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Receiver {
    /// A receiver for `station`, started on a free loopback port.
    pub fn start(station: &str) -> Self {
        let certified =
            rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).expect("certificate");
        let cert_pem = certified.cert.pem();
        let key_der = certified.signing_key.serialize_der();
        let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
        let tls = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![certified.cert.der().clone()],
                tokio_rustls::rustls::pki_types::PrivateKeyDer::Pkcs8(key_der.into()),
            )
            .expect("server config");
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
        let addr = probe.local_addr().expect("addr");
        drop(probe);
        let mut receiver = Self {
            shared: Arc::new(Shared {
                station: station.to_string(),
                store: Mutex::new(Store::default()),
            }),
            addr,
            cert_pem,
            tls: Arc::new(tls),
            server: None,
        };
        receiver.resume();
        receiver
    }

    /// Registers the station's public key, as the province does from the
    /// file `loa key show --out` writes.
    pub fn register(&self, key: VerifyingKey) {
        self.store().key = Some(key);
    }

    /// The hub address for `[upload] hub`.
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// Stops answering: the port refuses connections, open ones are cut.
    pub fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.stop.send(());
            server.thread.join().expect("server thread");
        }
    }

    /// Answers again on the same port, with the same store.
    pub fn resume(&mut self) {
        assert!(self.server.is_none(), "already running");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, is_ready) = std::sync::mpsc::channel();
        let (shared, tls, addr) = (Arc::clone(&self.shared), Arc::clone(&self.tls), self.addr);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let tcp = bind_again(addr).await;
                let listener = TlsListener {
                    tcp,
                    acceptor: TlsAcceptor::from(tls),
                };
                let _ = ready.send(());
                let app = Router::new()
                    .route(HEAD_PATH, get(head))
                    .route(RECORDS_PATH, post(records))
                    .route(HEARTBEAT_PATH, post(heartbeat))
                    .with_state(shared);
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stopped => {}
                }
            });
            // Cuts every connection still open.
            runtime.shutdown_background();
        });
        is_ready
            .recv_timeout(Duration::from_secs(10))
            .expect("receiver listening");
        self.server = Some(Server { stop, thread });
    }

    /// Forgets every line from `seq` on (a hub restored from an old
    /// backup).
    pub fn lose_tail(&self, seq: usize) {
        let mut store = self.store();
        store.lines.truncate(seq);
        store.head = store
            .lines
            .last()
            .map(|line| check_line(line).expect("a held line is valid").hash());
    }

    /// The store, locked.
    pub fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.shared.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until `done` holds for the store, or panics after `limit`.
    pub fn wait_for(&self, limit: Duration, what: &str, done: impl Fn(&Store) -> bool) {
        let began = Instant::now();
        loop {
            let (held, refusals) = {
                let store = self.store();
                if done(&store) {
                    return;
                }
                (store.lines.len(), store.refusals.clone())
            };
            assert!(
                began.elapsed() < limit,
                "receiver: {what} did not happen in {limit:?}; it holds {held} lines, \
                 refusals {refusals:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Binds `addr` again (the port may linger a moment after a stop).
async fn bind_again(addr: SocketAddr) -> TcpListener {
    let began = Instant::now();
    loop {
        match TcpListener::bind(addr).await {
            Ok(listener) => return listener,
            Err(error) if began.elapsed() > Duration::from_secs(10) => {
                panic!("cannot bind {addr} again: {error}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// TLS over a TCP listener, for axum::serve.
struct TlsListener {
    tcp: TcpListener,
    acceptor: TlsAcceptor,
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let Ok((stream, addr)) = self.tcp.accept().await else {
                continue;
            };
            if let Ok(Ok(tls)) =
                tokio::time::timeout(Duration::from_secs(5), self.acceptor.accept(stream)).await
            {
                return (tls, addr);
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        self.tcp.local_addr()
    }
}

fn refuse(
    shared: &Shared,
    code: RefusalCode,
    detail: &str,
    next_seq: Option<u64>,
    line: Option<u64>,
) -> Response {
    shared
        .store
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .refusals
        .push(code.code().to_string());
    let body = Refusal {
        error: code.code().to_string(),
        detail: detail.to_string(),
        next_seq,
        line,
    };
    let status = StatusCode::from_u16(code.http_status()).expect("status");
    (status, serde_json::to_string(&body).expect("json")).into_response()
}

fn ok_head(shared: &Shared) -> Response {
    let head = shared
        .store
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .head(&shared.station);
    (StatusCode::OK, serde_json::to_string(&head).expect("json")).into_response()
}

async fn head(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let query = format!("http://x/?{}", uri.query().unwrap_or(""));
    let station = reqwest::Url::parse(&query).ok().and_then(|url| {
        url.query_pairs()
            .find(|(k, _)| k == "station")
            .map(|(_, v)| v.into_owned())
    });
    if station.as_deref() != Some(shared.station.as_str()) {
        return refuse(
            &shared,
            RefusalCode::UnknownStation,
            "not registered",
            None,
            None,
        );
    }
    ok_head(&shared)
}

async fn records(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    if body.len() > MAX_BATCH_BYTES {
        return refuse(
            &shared,
            RefusalCode::TooLarge,
            "batch too large",
            None,
            None,
        );
    }
    if body.is_empty() || body.last() != Some(&b'\n') {
        return refuse(
            &shared,
            RefusalCode::BadRequest,
            "lines must end in LF",
            None,
            None,
        );
    }
    let lines: Vec<&[u8]> = body[..body.len() - 1].split(|b| *b == b'\n').collect();
    if lines.len() > MAX_BATCH_RECORDS {
        return refuse(&shared, RefusalCode::TooLarge, "too many lines", None, None);
    }
    let verdict = {
        let mut store = shared.store.lock().unwrap_or_else(|e| e.into_inner());
        accept_batch(&mut store, &shared.station, &lines)
    };
    match verdict {
        Ok(()) => ok_head(&shared),
        Err((code, detail, next_seq, line)) => refuse(&shared, code, &detail, next_seq, line),
    }
}

type Refused = (RefusalCode, String, Option<u64>, Option<u64>);

/// Checks every line, then stores the new ones: all or nothing.
fn accept_batch(store: &mut Store, station: &str, lines: &[&[u8]]) -> Result<(), Refused> {
    let mut next = store.lines.len() as u64;
    let mut head = store.head.unwrap_or(Sha256Hash::ZERO);
    let Some(key) = store.key else {
        return Err((
            RefusalCode::UnknownStation,
            "no key registered".into(),
            None,
            None,
        ));
    };
    let mut fresh = Vec::new();
    let mut duplicates = 0;
    for (index, line) in lines.iter().enumerate() {
        let number = Some(index as u64 + 1);
        let invalid = |detail: String| (RefusalCode::Invalid, detail, None, number);
        let checked = check_line(line).map_err(|e| invalid(e.to_string()))?;
        let seq = checked.header.seq;
        if seq < next && fresh.is_empty() {
            match store.lines.get(seq as usize) {
                Some(held) if held.as_slice() == *line => {
                    duplicates += 1;
                    continue;
                }
                _ => {
                    return Err((
                        RefusalCode::Fork,
                        format!("record {seq} differs"),
                        Some(next),
                        number,
                    ));
                }
            }
        }
        if seq != next {
            return Err((
                RefusalCode::Gap,
                format!("expected {next}, got {seq}"),
                Some(next),
                number,
            ));
        }
        if checked.header.station != station || checked.header.prev != head {
            return Err(invalid("does not extend the chain".into()));
        }
        if checked.kind().is_err() {
            return Err(invalid("not a record loa knows".into()));
        }
        if !zip215_valid(&key, &checked.hash().0, &checked.raw.signature) {
            return Err(invalid("bad signature".into()));
        }
        head = checked.hash();
        next += 1;
        fresh.push(line.to_vec());
    }
    store.duplicates += duplicates;
    store.batches += 1;
    if !fresh.is_empty() {
        store.head = Some(head);
        store.lines.extend(fresh);
    }
    Ok(())
}

async fn heartbeat(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    if heartbeat_station(&body).ok().as_deref() != Some(shared.station.as_str()) {
        return refuse(
            &shared,
            RefusalCode::UnknownStation,
            "not registered",
            None,
            None,
        );
    }
    let key = shared.store.lock().unwrap_or_else(|e| e.into_inner()).key;
    let Some(key) = key else {
        return refuse(
            &shared,
            RefusalCode::UnknownStation,
            "no key registered",
            None,
            None,
        );
    };
    let beat = match open_heartbeat(&body, &key, chrono::Utc::now()) {
        Ok(beat) => beat,
        Err(error) => {
            return refuse(
                &shared,
                RefusalCode::Invalid,
                &format!("{error:?}"),
                None,
                None,
            );
        }
    };
    {
        let mut store = shared.store.lock().unwrap_or_else(|e| e.into_inner());
        if store
            .heartbeats
            .last()
            .is_some_and(|last| beat.counter <= last.counter)
        {
            drop(store);
            return refuse(
                &shared,
                RefusalCode::Replayed,
                "counter not above the last",
                None,
                None,
            );
        }
        store.heartbeats.push(beat);
    }
    ok_head(&shared)
}
