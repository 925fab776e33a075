//! The live-stream source for relay slots against a local server that
//! behaves well and badly on purpose (`relay_support`): real encoded audio
//! goes in, the tone must come out, and every failure must be reported,
//! bounded and recovered from.

#[path = "support/relay/mod.rs"]
mod relay_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use loa::relay::{Relay, RelayEventKind, RelayFailure, RelayOptions, RelayUrl};
use relay_support::audio::{
    Encoding, SECONDS, assert_tone, encoded, left, reference_level, rms, with_icy,
};
use relay_support::{
    Conn, Request, Server, assert_drops_promptly, connections, events_until, failures, take_audio,
};

/// Short timings so failures show within a second or two.
fn quick() -> RelayOptions {
    RelayOptions {
        buffer: Duration::from_secs(1),
        connect_timeout: Duration::from_secs(2),
        stall_timeout: Duration::from_secs(1),
        backoff_first: Duration::from_millis(200),
        backoff_max: Duration::from_secs(1),
    }
}

fn url(s: &str) -> RelayUrl {
    RelayUrl::parse(s).expect("test url")
}

/// Serves the whole of `encoding` at 4× real time, then keeps the
/// connection open and silent (a live stream whose source paused).
fn serve_fast_then_hold(conn: &mut Conn, encoding: Encoding) {
    let body = encoded(encoding);
    if conn.ok(encoding.content_type(), None) && conn.send_paced(&body, encoding.byte_rate() * 4.0)
    {
        conn.hold(Duration::from_secs(15));
    }
}

fn plays_the_tone(encoding: Encoding, codec: &str) {
    let server = Server::start(move |_, conn| serve_fast_then_hold(conn, encoding));
    let mut relay = Relay::start(&url(&server.url("/live")), RelayOptions::default());
    let audio = take_audio(&mut relay, 2.5, Duration::from_secs(10));
    assert_tone(&audio, encoding, codec);
    let events = relay.take_events();
    assert_eq!(
        events[0].kind,
        RelayEventKind::Connected {
            content_type: Some(encoding.content_type().into()),
            codec: codec.into()
        }
    );
    assert!(failures(&events).is_empty(), "{events:?}");
}

#[test]
fn mp3_with_icy_metadata_plays_the_tone_and_reports_each_title_once() {
    const METAINT: usize = 8192;
    let titles = ["Thời sự VOV1", "Thời sự VOV1", "Ca nhạc – Hò Huế"];
    let server = Server::start(move |_, conn| {
        let body = with_icy(&encoded(Encoding::Mp3), METAINT, &titles);
        if conn.ok("audio/mpeg", Some(METAINT))
            && conn.send_paced(&body, Encoding::Mp3.byte_rate() * 4.0)
        {
            conn.hold(Duration::from_secs(15));
        }
    });
    let mut relay = Relay::start(&url(&server.url("/vov1")), RelayOptions::default());
    let audio = take_audio(&mut relay, 2.5, Duration::from_secs(10));
    // A block left in the audio would decode as damage and lower the level.
    assert_tone(&audio, Encoding::Mp3, "mp3 with ICY blocks");
    let events = events_until(&mut relay, Duration::from_secs(5), |events| {
        events
            .iter()
            .filter(|e| matches!(e.kind, RelayEventKind::Title(_)))
            .count()
            >= 2
    });
    let seen: Vec<&str> = events
        .iter()
        .filter_map(|e| match &e.kind {
            RelayEventKind::Title(title) => Some(title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(seen, ["Thời sự VOV1", "Ca nhạc – Hò Huế"]);
    assert_eq!(server.requests()[0].header("icy-metadata"), Some("1"));

    // Dropping a relay whose server is holding the connection open is prompt.
    assert_drops_promptly(relay);
}

#[test]
fn ogg_vorbis_stream_plays_the_tone() {
    plays_the_tone(Encoding::Vorbis, "vorbis");
}

#[test]
fn aac_adts_stream_plays_the_tone() {
    plays_the_tone(Encoding::Aac, "aac");
}

#[test]
fn a_stream_that_stops_sending_is_stalled_then_reconnected() {
    let server = Server::start(|request, conn| {
        let mp3 = encoded(Encoding::Mp3);
        let body = match request.index {
            0 => &mp3[..mp3.len() / 6], // one second, then silence
            _ => &mp3[..],
        };
        if conn.ok("audio/mpeg", None) && conn.send_paced(body, Encoding::Mp3.byte_rate() * 4.0) {
            conn.hold(Duration::from_secs(15));
        }
    });
    let options = quick();
    let mut relay = Relay::start(&url(&server.url("/live")), options);
    let events = events_until(&mut relay, Duration::from_secs(8), |events| {
        connections(events) >= 2
    });
    assert_eq!(
        failures(&events).first(),
        Some(&RelayFailure::Stalled),
        "{events:?}"
    );
    let connected = events
        .iter()
        .find(|e| matches!(e.kind, RelayEventKind::Connected { .. }));
    let dropped = events
        .iter()
        .find(|e| matches!(e.kind, RelayEventKind::Dropped(_)));
    let (Some(connected), Some(dropped)) = (connected, dropped) else {
        panic!("{events:?}");
    };
    // One second of audio took 0.25 s to send; then stall_timeout, plus 1 s.
    let limit = options.stall_timeout + Duration::from_millis(1250);
    let took = (dropped.at - connected.at).to_std().expect("ordered");
    assert!(took <= limit, "stalled after {took:?}");
    let mut stale = vec![0.0; 48_000 * 2 * 10];
    relay.read(&mut stale);
    let audio = take_audio(&mut relay, 1.0, Duration::from_secs(5));
    assert_tone(&audio, Encoding::Mp3, "after reconnecting");
}

#[test]
fn a_stream_closed_mid_frame_is_reported_and_reconnected() {
    let server = Server::start(|request, conn| {
        let mp3 = encoded(Encoding::Mp3);
        match request.index {
            0 => {
                // 1.5 s and part of the next frame (an mp3 frame is 417 bytes).
                let cut = mp3.len() / 4 + 200;
                if conn.ok("audio/mpeg", None) {
                    conn.send_paced(&mp3[..cut], Encoding::Mp3.byte_rate() * 4.0);
                }
            }
            _ => serve_fast_then_hold(conn, Encoding::Mp3),
        }
    });
    let mut relay = Relay::start(&url(&server.url("/live")), quick());
    let events = events_until(&mut relay, Duration::from_secs(8), |events| {
        connections(events) >= 2
    });
    assert_eq!(failures(&events), [RelayFailure::Closed], "{events:?}");
    assert_eq!(connections(&events), 2);
    let mut first = vec![0.0; 48_000 * 2 * 10];
    let count = relay.read(&mut first);
    assert!(count >= 48_000 * 2, "only {count} samples before the drop");
    let audio = take_audio(&mut relay, 1.0, Duration::from_secs(5));
    assert_tone(&audio, Encoding::Mp3, "after the server closed mid-frame");
}

#[test]
fn garbage_is_not_audio_within_a_bounded_number_of_bytes() {
    let server = Server::start(|request, conn| {
        if request.index > 0 || !conn.ok("audio/mpeg", None) {
            return;
        }
        // A xorshift generator: bytes with no structure at all, at most 64 MiB.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut chunk = vec![0u8; 16 * 1024];
        for _ in 0..4096 {
            for byte in &mut chunk {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *byte = (state >> 24) as u8;
            }
            if !conn.send(&chunk) {
                return;
            }
        }
    });
    let mut relay = Relay::start(&url(&server.url("/live")), RelayOptions::default());
    let events = events_until(&mut relay, Duration::from_secs(10), |events| {
        !failures(events).is_empty()
    });
    assert!(
        matches!(failures(&events).first(), Some(RelayFailure::NotAudio(_))),
        "{events:?}"
    );
    assert_eq!(connections(&events), 0, "{events:?}");
    drop(relay);
    // What the relay read, plus what the sockets' buffers held.
    let sent = server.bytes_sent(0);
    assert!(sent < 8 * 1024 * 1024, "{sent} bytes sent before giving up");
}

#[test]
fn an_html_page_is_not_audio() {
    let server = Server::start(|_, conn| {
        if conn.ok("text/html; charset=utf-8", None) {
            conn.send(b"<html><body>Stream offline</body></html>");
        }
    });
    let mut relay = Relay::start(&url(&server.url("/live")), quick());
    let events = events_until(&mut relay, Duration::from_secs(5), |e| {
        !failures(e).is_empty()
    });
    assert_eq!(
        failures(&events).first(),
        Some(&RelayFailure::NotAudio("text/html".into()))
    );
}

#[test]
fn not_found_is_http_status_404() {
    let server = Server::start(|_, conn| {
        conn.head(
            "HTTP/1.0 404 Not Found",
            &[("Content-Type", "text/html".to_string())],
        );
    });
    let mut relay = Relay::start(&url(&server.url("/nothing")), quick());
    let events = events_until(&mut relay, Duration::from_secs(5), |e| {
        failures(e).len() >= 2
    });
    assert_eq!(
        failures(&events)[..2],
        [RelayFailure::HttpStatus(404), RelayFailure::HttpStatus(404)],
        "and it retries"
    );
}

#[test]
fn connection_refused_is_reported_as_refused() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let mut relay = Relay::start(&url(&format!("http://127.0.0.1:{port}/live")), quick());
    let events = events_until(&mut relay, Duration::from_secs(5), |e| {
        !failures(e).is_empty()
    });
    assert!(
        matches!(failures(&events).first(), Some(RelayFailure::Refused(_))),
        "{events:?}"
    );
}

#[test]
fn a_slow_loris_server_is_stalled_and_retried() {
    let server = Server::start(|_, conn| {
        let mp3 = encoded(Encoding::Mp3);
        if !conn.ok("audio/mpeg", None) {
            return;
        }
        for byte in mp3.iter().take(100) {
            std::thread::sleep(Duration::from_millis(300));
            if !conn.send(&[*byte]) {
                return;
            }
        }
    });
    let options = quick();
    let started = Instant::now();
    let mut relay = Relay::start(&url(&server.url("/live")), options);
    let events = events_until(&mut relay, Duration::from_secs(6), |e| {
        !failures(e).is_empty()
    });
    let took = started.elapsed();
    assert_eq!(
        failures(&events).first(),
        Some(&RelayFailure::Stalled),
        "{events:?}"
    );
    assert!(
        took < options.stall_timeout + Duration::from_secs(1),
        "{took:?}"
    );
    assert_eq!(relay.buffered(), Duration::ZERO);
    events_until(&mut relay, Duration::from_secs(3), |_| {
        server.requests().len() >= 2
    });
    assert!(server.requests().len() >= 2, "reconnected after the stall");
}

#[test]
fn a_server_sending_20x_real_time_overruns_a_bounded_buffer() {
    // Regression: the test watched a fixed 3.5 s of wall time, and on a
    // loaded machine the server had sent only 18 s of its 60 s by then. It
    // now watches until the server has sent everything.
    let sent_all = Arc::new(AtomicBool::new(false));
    let server_sent_all = Arc::clone(&sent_all);
    let server = Server::start(move |request, conn| {
        if request.index > 0 || !conn.ok("audio/mpeg", None) {
            return;
        }
        let mp3 = encoded(Encoding::Mp3);
        let rate = Encoding::Mp3.byte_rate() * 20.0;
        // 3 s of wall time (unloaded): 60 s of audio.
        for _ in 0..(60.0 / SECONDS) as usize {
            if !conn.send_paced(&mp3, rate) {
                return;
            }
        }
        server_sent_all.store(true, Ordering::SeqCst);
        conn.hold(Duration::from_secs(60));
    });
    let options = RelayOptions {
        buffer: Duration::from_millis(500),
        ..RelayOptions::default()
    };
    let began = Instant::now();
    let mut relay = Relay::start(&url(&server.url("/live")), options);
    let (mut most, mut dropped, mut overruns) = (Duration::ZERO, Duration::ZERO, 0);
    // Until the server has sent everything and the relay has gone a second
    // and a half without dropping more: on a loaded machine the stream
    // waits in the socket while the decoder catches up.
    let mut last_drop = Instant::now();
    while !sent_all.load(Ordering::SeqCst) || last_drop.elapsed() < Duration::from_millis(1500) {
        assert!(
            began.elapsed() < Duration::from_secs(60),
            "the server never finished, or the relay never stopped dropping"
        );
        most = most.max(relay.buffered());
        for event in relay.take_events() {
            if let RelayEventKind::Overrun { dropped: more } = event.kind {
                dropped += more;
                overruns += 1;
                last_drop = Instant::now();
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let watched = began.elapsed();
    assert!(most <= options.buffer * 2, "buffer grew to {most:?}");
    assert!(most >= options.buffer, "buffer only reached {most:?}");
    // Of the 60 s sent, the relay holds at most twice its buffer; nothing
    // consumes it here: the rest was dropped (20 s is a wide margin).
    assert!(
        dropped > Duration::from_secs(20),
        "only {dropped:?} dropped in {watched:?}"
    );
    // Reported about once a second, not once per packet.
    let seconds = watched.as_secs() as usize;
    assert!(
        (2..=seconds + 3).contains(&overruns),
        "{overruns} overrun events in {watched:?}"
    );
    // What is left is decoded audio (the drops cut the sine's phase, so
    // only its level is checked).
    let audio = take_audio(&mut relay, 0.8, Duration::from_secs(1));
    let level = rms(&left(&audio, 0.0));
    let expected = reference_level(Encoding::Mp3);
    assert!(
        (level - expected).abs() < 0.1 * expected,
        "level {level:.3}"
    );
}

fn playlist_server() -> Server {
    Server::start(
        |request: &Request, conn: &mut Conn| match request.path.as_str() {
            "/vov1.m3u" => {
                let host = request.header("host").unwrap_or_default().to_string();
                let body = format!("#EXTM3U\r\n#EXTINF:-1,VOV1\r\nhttp://{host}/live\r\n");
                if conn.ok("text/plain", None) {
                    conn.send(body.as_bytes());
                }
            }
            "/listen" => {
                if conn.ok("audio/x-scpls", None) {
                    conn.send(b"[playlist]\nNumberOfEntries=1\nFile1=/live\nTitle1=VOV1\n");
                }
            }
            "/live" => serve_fast_then_hold(conn, Encoding::Mp3),
            _ => {
                conn.head("HTTP/1.0 404 Not Found", &[]);
            }
        },
    )
}

#[test]
fn m3u_and_pls_playlists_lead_to_their_stream() {
    let server = playlist_server();
    for path in ["/vov1.m3u", "/listen"] {
        let mut relay = Relay::start(&url(&server.url(path)), RelayOptions::default());
        let audio = take_audio(&mut relay, 1.5, Duration::from_secs(10));
        assert_tone(&audio, Encoding::Mp3, path);
        assert!(failures(&relay.take_events()).is_empty(), "{path}");
    }
    let paths: Vec<String> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/vov1.m3u", "/live", "/listen", "/live"]);
}

#[test]
fn dropping_a_relay_blocked_in_connect_returns_within_a_second() {
    let server = Server::start(|_, conn| conn.hold(Duration::from_secs(20)));
    let options = RelayOptions {
        connect_timeout: Duration::from_secs(30),
        ..RelayOptions::default()
    };
    let mut relay = Relay::start(&url(&server.url("/live")), options);
    events_until(&mut relay, Duration::from_secs(5), |_| {
        !server.requests().is_empty()
    });
    assert_eq!(server.requests().len(), 1, "the request reached the server");
    std::thread::sleep(Duration::from_millis(200));
    assert_drops_promptly(relay);
}

/// SHOUTcast v1 answers `ICY 200 OK`; hyper (under reqwest) refuses that
/// status line. This records the behaviour: a clear failure, retried.
#[test]
fn shoutcast_v1_icy_status_line_is_refused_clearly() {
    let server = Server::start(|_, conn| {
        let mp3 = encoded(Encoding::Mp3);
        if conn.head("ICY 200 OK", &[("content-type", "audio/mpeg".to_string())]) {
            conn.send(&mp3);
        }
    });
    let mut relay = Relay::start(&url(&server.url("/")), quick());
    let events = events_until(&mut relay, Duration::from_secs(5), |e| {
        !failures(e).is_empty()
    });
    let failure = failures(&events).first().cloned();
    assert!(matches!(failure, Some(RelayFailure::Io(_))), "{failure:?}");
}

#[test]
fn https_to_a_server_that_does_not_speak_tls_is_a_tls_failure() {
    use std::io::{Read, Write};
    // Answers the TLS client hello in plain HTTP, as a misconfigured port would.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = format!("https://{}/live", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().take(3) {
            let Ok(mut stream) = stream else { continue };
            let mut hello = [0u8; 1024];
            let _ = stream.read(&mut hello);
            let _ = stream.write_all(b"HTTP/1.0 400 Bad Request\r\n\r\n");
        }
    });
    let mut relay = Relay::start(&url(&address), quick());
    let events = events_until(&mut relay, Duration::from_secs(5), |e| {
        !failures(e).is_empty()
    });
    let failure = failures(&events).first().cloned();
    assert!(matches!(failure, Some(RelayFailure::Tls(_))), "{failure:?}");
}

/// Icecast starts a new Ogg logical stream at each track change (a chained
/// Ogg file): the relay must play on through the boundary, not drop.
#[test]
fn a_chained_ogg_stream_plays_through_the_track_change() {
    let server = Server::start(|_, conn| {
        let vorbis = encoded(Encoding::Vorbis);
        let chained = [&vorbis[..], &vorbis[..]].concat();
        if conn.ok("application/ogg", None)
            && conn.send_paced(&chained, Encoding::Vorbis.byte_rate() * 8.0)
        {
            conn.hold(Duration::from_secs(15));
        }
    });
    let options = RelayOptions {
        buffer: Duration::from_secs(10),
        ..RelayOptions::default()
    };
    let mut relay = Relay::start(&url(&server.url("/live")), options);
    let wanted = 2.0 * SECONDS - 0.5;
    let audio = take_audio(&mut relay, wanted, Duration::from_secs(8));
    let events = relay.take_events();
    assert!(failures(&events).is_empty(), "{events:?}");
    let seconds = audio.len() as f64 / 96_000.0;
    assert!(seconds >= wanted, "only {seconds:.2} s through the chain");
}
