//! Every conformance case: genuine logs of every kind and version, the
//! tamperings the format must catch, the adversarial signatures of ZIP 215,
//! and one case for each decision of `docs/airlog.md` that an independent
//! verifier could otherwise make differently.

use chrono::Duration;

use super::bundle::{Member, Slice, tar};
use super::chain::{
    Chain, Key, Sig, aired_segment, airing_end_data, hex, instant, planned_segment, record_hash, t0,
};
use super::{Case, Expected};

const STATION: &str = "soc-trang/my-xuyen/thanh-phu";
const OTHER: &str = "can-tho/vinh-hai";
const LOG: &str = "log/air-2021-03.jsonl";

/// Every case, in a fixed order.
pub fn all() -> Vec<Case> {
    let mut cases = Vec::new();
    cases.extend(genuine());
    cases.extend(signatures());
    cases.extend(tampering());
    cases.extend(versions());
    cases.extend(canonical_json());
    cases.extend(rules());
    cases.extend(logs_and_collections());
    cases.extend(held_checkpoints());
    cases.extend(public_key_files());
    cases.extend(bundles());
    cases
}

// ---------------------------------------------------------------- helpers

fn case(name: &str, files: Vec<(String, Vec<u8>)>, expected: Expected) -> Case {
    Case {
        name: name.to_string(),
        files,
        expected,
    }
}

fn ok(name: &str, log: Vec<u8>, section: &'static str, note: &str) -> Case {
    case(
        name,
        vec![(LOG.into(), log)],
        Expected::new("log", "ok", section, note),
    )
}

fn invalid(
    name: &str,
    log: Vec<u8>,
    problem: &'static str,
    detail: Option<&'static str>,
    section: &'static str,
    note: &str,
) -> Case {
    let mut expected = Expected::new("log", "invalid", section, note);
    expected.problem = Some(problem);
    expected.detail = detail;
    case(name, vec![(LOG.into(), log)], expected)
}

fn bad_line(
    name: &str,
    log: Vec<u8>,
    detail: &'static str,
    section: &'static str,
    note: &str,
) -> Case {
    invalid(name, log, "bad_line", Some(detail), section, note)
}

/// A station's first start: genesis, `daemon_start`, a plan, one airing.
fn started(station: &str, key: Key) -> Chain {
    let mut chain = Chain::genesis(station, key);
    chain.start("none");
    chain.push(
        1,
        "config_applied",
        &format!("{{\"plan_hash\":\"{}\"}}", hex(&record_hash("plan"))),
    );
    chain.airing();
    chain
}

/// A short genuine log: a start, an airing, a checkpoint and a clean stop.
fn standard(station: &str, key: Key) -> Chain {
    let mut chain = started(station, key);
    chain.checkpoint().stop();
    chain
}

/// A genuine log in which record 5 (after genesis, a start, a plan and an
/// airing's start) is `body` made from the canonical one by `edit`, signed
/// by the station: only the rule the edit breaks can catch it.
fn one_record(v: u32, kind: &str, data: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut chain = Chain::genesis(STATION, Key::new(1));
    chain.start("none");
    chain.push(
        1,
        "config_applied",
        &format!("{{\"plan_hash\":\"{}\"}}", hex(&record_hash("plan"))),
    );
    let body = edit(chain.body(v, kind, data));
    chain.push_body(&body, Sig::Plain);
    chain.checkpoint().stop();
    chain.file()
}

fn airing_end(chain: &Chain, extra: &str, segment: &str) -> String {
    airing_end_data(&chain.next_at(), extra, segment)
}

fn announcement_data(chain: &Chain, interrupted: &str) -> String {
    let at = chain.next_at();
    format!(
        "{{\"priority\":\"emergency\",\"requested_by\":\"loa (cán bộ Lan)\",\"requested_at\":\"{}\",\"source\":\"thong-bao-bao\",\"started\":\"{}\",\"ended\":\"{}\",\"outcome\":\"completed\",\"segments\":[{}]{interrupted}}}",
        instant(at - Duration::seconds(40)),
        instant(at - Duration::seconds(30)),
        instant(at),
        aired_segment("\"aired\"")
    )
}

fn interruption(file: &str) -> String {
    format!(
        ",\"interruptions\":[{{\"priority\":\"emergency\",\"requested_by\":\"loa (cán bộ Lan)\",\"paused_from\":\"2021-03-01T22:35:00.000000Z\",\"paused_until\":\"2021-03-01T22:35:30.000000Z\"{file},\"at_ms\":12000,\"resumed\":true}}]"
    )
}

fn relay(failed: &str, events: &str) -> String {
    format!(
        ",\"relay\":{{\"url\":\"http://vov1.example/stream\",\"relayed_ms\":250000,\"fallback_ms\":50000,\"silent_ms\":0{failed},\"events\":[{events}],\"events_lost\":0}}"
    )
}

fn relay_event(kind: &str, detail: &str) -> String {
    format!("{{\"at\":\"2021-03-01T22:36:00.000000Z\",\"kind\":\"{kind}\"{detail}}}")
}

// ---------------------------------------------------------------- genuine

fn genuine() -> Vec<Case> {
    let mut cases = Vec::new();

    let mut all = started(STATION, Key::new(1));
    for reason in [
        "\"daemon_down\"",
        "{\"device_failure\":{\"detail\":\"hw:1 không mở được\"}}",
        "\"nothing_to_air\"",
        "\"too_late\"",
        "\"clock_step\"",
        "{\"other\":{\"detail\":\"x\"}}",
    ] {
        let data = format!(
            "{{\"slot\":\"trua\",\"scheduled\":\"{}\",\"reason\":{reason}}}",
            instant(all.next_at())
        );
        all.push(1, "missed", &data);
    }
    for (outcome, segment) in [
        ("\"cut_at_max\"", "\"cut\""),
        (
            "{\"interrupted\":{\"reason\":\"daemon stopped\"}}",
            "{\"skipped\":{\"reason\":\"not started\"}}",
        ),
        (
            "{\"failed\":{\"reason\":\"device lost\"}}",
            "{\"failed\":{\"reason\":\"device lost\"}}",
        ),
    ] {
        let data = airing_end(&all, "", &aired_segment(segment)).replace(
            "\"outcome\":\"completed\"",
            &format!("\"outcome\":{outcome}"),
        );
        all.push(1, "airing_end", &data);
    }
    let seq = all.next_seq();
    let outage = format!(
        "{{\"since\":\"2021-03-01T23:00:00.000000Z\",\"until\":\"2021-03-01T22:59:00.000000Z\",\"first_seq\":{},\"last_seq\":{},\"dropped\":3,\"error\":\"No space left on device (os error 28)\"}}",
        seq - 2,
        seq - 1
    );
    all.push(1, "write_outage", &outage);
    all.rotate(Key::new(2));
    all.checkpoint().stop();
    let start = format!(
        "{{\"software\":\"loa 0.1.0\",\"previous_run\":\"clean_stop\",\"torn_tail\":{{\"file\":\"air-2021-03.jsonl\",\"offset\":4096,\"length\":17,\"sha256\":\"{}\",\"quarantine\":\"quarantine/air-2021-03.jsonl.4096.torn\"}},\"broken_file\":{{\"file\":\"air-2021-02.jsonl\",\"line\":7,\"reason\":\"the hash does not match\"}}}}",
        hex(&record_hash("torn"))
    );
    all.push(1, "daemon_start", &start);
    all.airing();
    all.start("crashed");
    cases.push(ok(
        "ok-v1-every-kind",
        all.file(),
        "§5",
        "Every version-1 kind and variant: each miss reason, airing and segment outcome, a write outage (its until before its since: instants are not ordered, §3.1), a key rotation, starts after a clean stop (with a torn tail and a broken file) and after a crash.",
    ));

    let mut dead = started(STATION, Key::new(1));
    let at = dead.next_at();
    let data = format!(
        "{{\"slot\":\"sang\",\"scheduled\":\"{}\",\"started\":\"{}\",\"silent_ms\":8000,\"file\":\"ban-tin-01.mp3\",\"sha256\":\"{}\",\"at_ms\":1000}}",
        instant(at - Duration::minutes(1)),
        instant(at),
        hex(&record_hash("ban-tin-01.mp3"))
    );
    dead.push(2, "dead_air", &data);
    let data = airing_end(
        &dead,
        "",
        &aired_segment("{\"dead_air\":{\"at_ms\":1000,\"silent_ms\":8000}}"),
    );
    dead.push(2, "airing_end", &data);
    dead.checkpoint().stop();
    cases.push(ok(
        "ok-v2-dead-air",
        dead.file(),
        "§5.1",
        "Version 2: a dead_air record and an airing_end with a dead_air segment outcome, each \"v\":2 among version-1 records.",
    ));

    let mut announced = started(STATION, Key::new(1));
    let interrupted = ",\"interrupted\":{\"slot\":\"sang\",\"scheduled\":\"2021-03-01T22:33:00.000000Z\",\"file\":\"ban-tin-01.mp3\",\"at_ms\":12000,\"resumed\":true}";
    let data = announcement_data(&announced, interrupted);
    announced.push(3, "announcement", &data);
    let data = announcement_data(&announced, "");
    announced.push(3, "announcement", &data);
    let data = airing_end(
        &announced,
        &interruption(",\"file\":\"ban-tin-01.mp3\""),
        &aired_segment("\"aired\""),
    );
    announced.push(3, "airing_end", &data);
    announced.checkpoint().stop();
    cases.push(ok(
        "ok-v3-announcement",
        announced.file(),
        "§5.1",
        "Version 3: announcements (one that cut into an airing, one that did not) and an airing_end with interruptions.",
    ));

    let mut relayed = started(STATION, Key::new(1));
    let events = [
        relay_event("connected", ",\"detail\":\"mp3 128 kb/s\""),
        relay_event("title", ",\"detail\":\"Thời sự\""),
        relay_event("dropped", ",\"detail\":\"stalled\""),
        relay_event("to_fallback", ""),
        relay_event("to_stream", ""),
        relay_event("overrun", ",\"detail\":\"120 ms\""),
        relay_event("lost", ",\"detail\":\"3\""),
    ]
    .join(",");
    let data = airing_end(&relayed, &relay("", &events), &aired_segment("\"aired\""));
    relayed.push(4, "airing_end", &data);
    let data = airing_end(
        &relayed,
        &relay(
            ",\"failed\":\"HTTP 404\"",
            &relay_event("dropped", ",\"detail\":\"HTTP 404\""),
        ),
        &aired_segment("\"aired\""),
    );
    relayed.push(4, "airing_end", &data);
    relayed.checkpoint().stop();
    cases.push(ok(
        "ok-v4-relay",
        relayed.file(),
        "§5.1",
        "Version 4: relay airings, every relay event kind, one stream that failed.",
    ));

    let mut waiting = started(STATION, Key::new(1));
    let data = format!(
        "{{\"priority\":\"normal\",\"requested_by\":\"loa\",\"requested_at\":\"{}\",\"source\":\"thong-bao\",\"reason\":\"shutdown\"}}",
        instant(waiting.next_at())
    );
    waiting.push(5, "announcement_not_aired", &data);
    waiting.checkpoint().stop();
    cases.push(ok(
        "ok-v5-announcement-not-aired",
        waiting.file(),
        "§5.1",
        "Version 5: an accepted announcement that did not air (the daemon stopped).",
    ));

    let mut optional = Chain::genesis(STATION, Key::new(1));
    optional.push(
        1,
        "daemon_start",
        "{\"software\":\"loa 0.1.0\",\"previous_run\":\"none\",\"broken_file\":null}",
    );
    let data = announcement_data(&optional, ",\"interrupted\":null");
    optional.push(3, "announcement", &data);
    let data = airing_end(
        &optional,
        &interruption(",\"file\":null"),
        &aired_segment("\"aired\""),
    );
    optional.push(3, "airing_end", &data);
    let data = airing_end(
        &optional,
        &relay(
            ",\"failed\":null",
            &relay_event("to_stream", ",\"detail\":null"),
        ),
        &aired_segment("\"aired\""),
    );
    optional.push(4, "airing_end", &data);
    let data = airing_end(
        &optional,
        ",\"interruptions\":null,\"relay\":null",
        &aired_segment("\"aired\""),
    );
    optional.push(1, "airing_end", &data);
    optional.checkpoint().stop();
    cases.push(ok(
        "ok-optional-absent-or-null",
        optional.file(),
        "§3.2",
        "Optional fields absent (torn_tail) or null (broken_file, interrupted, file, failed, detail, relay, interruptions): both mean absent, and a null relay or interruptions does not raise the version.",
    ));

    let mut late = started(STATION, Key::new(1));
    for (micros, late_ms) in [
        (-1_999i64, -1i64),
        (1_999, 1),
        (-999, 0),
        (-1_000, 0),
        (212_000, 213),
    ] {
        let at = late.next_at();
        let scheduled = at - Duration::minutes(1);
        let data = format!(
            "{{\"slot\":\"sang\",\"scheduled\":\"{}\",\"started\":\"{}\",\"ended\":\"{}\",\"outcome\":\"completed\",\"late_ms\":{late_ms},\"manual\":true,\"segments\":[{}]}}",
            instant(scheduled),
            instant(scheduled + Duration::microseconds(micros)),
            instant(at),
            aired_segment("\"aired\"")
        );
        late.push(1, "airing_end", &data);
    }
    late.checkpoint().stop();
    cases.push(ok(
        "ok-late-ms-within-a-millisecond",
        late.file(),
        "§5",
        "late_ms within a millisecond of started − scheduled: as loa rounds (1,999 µs early is -1, 1,999 µs late is 1, 999 µs early is 0), 1,000 µs early read as 0, and 213 for 212,000 µs.",
    ));
    cases
}

// ---------------------------------------------------------------- signatures

fn signed_all(how: Sig, key: Key) -> Vec<u8> {
    let mut chain = Chain::genesis(STATION, key);
    let body = chain.body(1, "daemon_start", "{\"software\":\"loa 0.1.0\",\"previous_run\":\"none\",\"torn_tail\":null,\"broken_file\":null}");
    chain.push_body(&body, how);
    for _ in 0..6 {
        let body = chain.body(
            1,
            "checkpoint",
            &format!(
                "{{\"seq\":{},\"head\":\"{}\"}}",
                chain.next_seq() - 1,
                hex(&chain.head())
            ),
        );
        chain.push_body(&body, how);
    }
    chain.file()
}

fn signatures() -> Vec<Case> {
    vec![
        ok(
            "zip215-torsion-in-r",
            signed_all(Sig::TorsionR, Key::new(1)),
            "§2.2",
            "Every signature but genesis has an order-8 point added to R (S = r + k·a): valid under ZIP 215's cofactored equation, so valid for batch and single checks alike, on every run; a cofactorless strict verifier would refuse them.",
        ),
        ok(
            "zip215-small-order-non-canonical-r",
            signed_all(Sig::SmallOrderR, Key::new(1)),
            "§2.2",
            "R is the identity spelt non-canonically (y = p + 1) and S = k·a: ZIP 215 accepts non-canonical encodings and small-order R.",
        ),
        ok(
            "zip215-mixed-order-key",
            signed_all(Sig::Plain, Key::mixed_order(1)),
            "§2.2",
            "The genesis key is a·B plus an order-8 point: not of small order, so it may enter the chain, and its signatures are valid under ZIP 215.",
        ),
        invalid(
            "zip215-unreduced-s",
            signed_all(Sig::UnreducedS, Key::new(1)),
            "bad_signature",
            None,
            "§2.2",
            "Valid signatures with ℓ added to S: S must be below ℓ.",
        ),
        invalid(
            "small-order-genesis-key",
            signed_all(Sig::Plain, Key::small_order()),
            "unusable_key",
            None,
            "§2.2",
            "The genesis key is a point of order 8: a key of small order must not enter the chain.",
        ),
    ]
}

// ---------------------------------------------------------------- tampering

fn replace_line(chain: &Chain, index: usize, line: Vec<u8>) -> Vec<u8> {
    let mut lines = chain.lines.clone();
    lines[index] = line;
    lines.concat()
}

fn tampering() -> Vec<Case> {
    let mut cases = Vec::new();
    let genuine = standard(STATION, Key::new(1));
    let n = genuine.lines.len();
    let text = |i: usize| String::from_utf8(genuine.lines[i].clone()).expect("UTF-8");
    let edit = |i: usize, from: &str, to: &str| -> Vec<u8> {
        assert!(text(i).contains(from), "{from}");
        replace_line(&genuine, i, text(i).replacen(from, to, 1).into_bytes())
    };

    cases.push(bad_line(
        "tamper-edited-field",
        edit(4, "\"manual\":false", "\"manual\":true"),
        "hash_mismatch",
        "§2.1",
        "A field edited, hash and signature left as they were.",
    ));
    let mut bytes = genuine.file();
    bytes[300] ^= 0x01;
    cases.push(bad_line(
        "tamper-bit-flip",
        bytes,
        "hash_mismatch",
        "§2.1",
        "One bit of a body flipped.",
    ));
    let mut forged = Chain::genesis(STATION, Key::new(1));
    forged.start("none");
    forged.key = Key::new(9);
    forged.push(
        1,
        "config_applied",
        &format!(
            "{{\"plan_hash\":\"{}\"}}",
            hex(&record_hash("another plan"))
        ),
    );
    forged.checkpoint().stop();
    cases.push(invalid(
        "tamper-rewritten-and-resigned",
        forged.file(),
        "bad_signature",
        None,
        "§7",
        "From record 2 on, the log was rewritten with every hash recomputed and signed by a key that is not the station's.",
    ));
    let drop = |skip: &[usize]| -> Vec<u8> {
        (0..n)
            .filter(|i| !skip.contains(i))
            .flat_map(|i| genuine.lines[i].clone())
            .collect()
    };
    cases.push(invalid(
        "tamper-deleted-first",
        drop(&[0]),
        "no_genesis",
        None,
        "§7",
        "Record 0 (genesis) deleted.",
    ));
    cases.push(invalid(
        "tamper-deleted-middle",
        drop(&[3]),
        "out_of_sequence",
        None,
        "§7",
        "Record 3 deleted.",
    ));
    let order = |indexes: Vec<usize>| -> Vec<u8> {
        indexes
            .into_iter()
            .flat_map(|i| genuine.lines[i].clone())
            .collect()
    };
    cases.push(invalid(
        "tamper-duplicated",
        order(vec![0, 1, 2, 3, 3, 4, 5, 6]),
        "out_of_sequence",
        None,
        "§7",
        "Record 3 written twice.",
    ));
    cases.push(invalid(
        "tamper-swapped",
        order(vec![0, 1, 2, 4, 3, 5, 6]),
        "out_of_sequence",
        None,
        "§7",
        "Records 3 and 4 swapped.",
    ));
    let mut inserted = genuine.lines.clone();
    let mut alien = Chain::genesis(STATION, Key::new(1));
    alien.start("none").start("crashed");
    inserted.insert(2, alien.lines[2].clone());
    cases.push(invalid(
        "tamper-inserted",
        inserted.concat(),
        "out_of_sequence",
        None,
        "§7",
        "A genuine record of the same station from another log inserted.",
    ));
    let mut spliced = genuine.lines.clone();
    let mut foreign = Chain {
        station: OTHER.into(),
        key: Key::new(2),
        lines: genuine.lines[..2].to_vec(),
        hashes: genuine.hashes[..2].to_vec(),
        signers: genuine.signers[..2].to_vec(),
    };
    foreign.push(
        1,
        "config_applied",
        &format!("{{\"plan_hash\":\"{}\"}}", hex(&record_hash("plan"))),
    );
    spliced[2] = foreign.lines[2].clone();
    cases.push(invalid(
        "tamper-foreign-record",
        spliced.concat(),
        "foreign_station",
        None,
        "§7",
        "A record of another station, signed by its key, spliced in at the right place.",
    ));

    let mut rotated = started(STATION, Key::new(1));
    let data = format!("{{\"public_key\":\"{}\"}}", Key::new(2).public_b64());
    rotated.key = Key::new(3);
    rotated.push(1, "key_rotation", &data);
    rotated.key = Key::new(2);
    rotated.checkpoint().stop();
    cases.push(invalid(
        "tamper-rotation-by-wrong-key",
        rotated.file(),
        "bad_signature",
        None,
        "§4",
        "A key rotation signed by a key other than the one in force.",
    ));

    let mut late_genesis = started(STATION, Key::new(1));
    let data = format!("{{\"public_key\":\"{}\"}}", Key::new(1).public_b64());
    late_genesis.push(1, "genesis", &data);
    cases.push(invalid(
        "tamper-second-genesis",
        late_genesis.file(),
        "late_genesis",
        None,
        "§4",
        "A second genesis record.",
    ));

    let mut wrong_checkpoint = started(STATION, Key::new(1));
    let data = format!(
        "{{\"seq\":2,\"head\":\"{}\"}}",
        hex(&wrong_checkpoint.hashes[2])
    );
    wrong_checkpoint.push(1, "checkpoint", &data);
    cases.push(invalid(
        "tamper-checkpoint-names-another-record",
        wrong_checkpoint.file(),
        "checkpoint_mismatch",
        None,
        "§5",
        "A checkpoint that names a record other than the one before it.",
    ));

    let line3 = text(3);
    let sig_at = line3.find(",\"sig\":\"").expect("a signature");
    let unsigned = format!("{}}}\n", &line3[..sig_at]);
    cases.push(bad_line(
        "tamper-signature-missing",
        replace_line(&genuine, 3, unsigned.into_bytes()),
        "layout",
        "§2",
        "A line without its signature.",
    ));
    // The last data character of a 64-byte signature carries 4 unused
    // bits: A, Q, g and w have them zero; B, R, h and x do not.
    let mut sig_line = genuine.lines[3].clone();
    let last_data = sig_line.len() - 6;
    sig_line[last_data] = match sig_line[last_data] {
        b'A' => b'B',
        b'Q' => b'R',
        b'g' => b'h',
        _ => b'x',
    };
    cases.push(bad_line("tamper-signature-not-canonical-base64", replace_line(&genuine, 3, sig_line), "signature_spelling", "§2", "The signature's last base64 character has a non-zero unused bit: base64 must be canonical."));
    let hash_at = line3.find(",\"hash\":\"").expect("a hash") + 9;
    let upper_hash = format!(
        "{}{}{}",
        &line3[..hash_at],
        line3[hash_at..hash_at + 64].to_uppercase(),
        &line3[hash_at + 64..]
    );
    assert_ne!(upper_hash, line3);
    cases.push(bad_line(
        "tamper-hash-uppercase",
        replace_line(&genuine, 3, upper_hash.into_bytes()),
        "hash_spelling",
        "§2",
        "The hash in uppercase hex.",
    ));
    let mut crlf = genuine.lines.clone();
    crlf[2].pop();
    crlf[2].extend_from_slice(b"\r\n");
    cases.push(bad_line(
        "tamper-crlf",
        crlf.concat(),
        "layout",
        "§2",
        "A line ending in CR LF.",
    ));
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(&genuine.file());
    cases.push(bad_line(
        "tamper-bom",
        bom,
        "layout",
        "§2",
        "A byte-order mark before the first line.",
    ));
    let mut not_utf8 = Chain::genesis(STATION, Key::new(1));
    not_utf8.start("none");
    let mut body = not_utf8.body(1, "missed", "{\"slot\":\"s?ng\",\"scheduled\":\"2021-03-01T22:31:00.000000Z\",\"reason\":\"too_late\"}").into_bytes();
    let question = body.iter().position(|&b| b == b'?').expect("a ?");
    body[question] = 0xff;
    not_utf8.push_body(&body, Sig::Plain);
    not_utf8.stop();
    cases.push(bad_line(
        "tamper-invalid-utf8",
        not_utf8.file(),
        "not_utf8",
        "§3",
        "A byte 0xFF (never UTF-8) in a body, hashed and signed by the station.",
    ));
    let mut torn = genuine.file();
    torn.truncate(torn.len() - 40);
    cases.push(invalid(
        "tamper-torn-tail",
        torn,
        "torn_tail",
        None,
        "§7",
        "The last line cut short (a power cut the daemon has not yet repaired).",
    ));
    let mut nul = genuine.file();
    nul.extend_from_slice(&[0u8; 512]);
    cases.push(invalid(
        "tamper-nul-tail",
        nul,
        "torn_tail",
        None,
        "§6.2",
        "512 NUL bytes after the last line (its size reached the disk, its data did not).",
    ));
    cases.push(bad_line(
        "tamper-unknown-field",
        one_record(1, "daemon_stop", "{\"extra\":1}", |b| b),
        "data",
        "§3",
        "A field the kind does not have, signed by the station.",
    ));
    cases.push(bad_line(
        "tamper-duplicate-field",
        one_record(
            1,
            "config_applied",
            &format!(
                "{{\"plan_hash\":\"{0}\",\"plan_hash\":\"{0}\"}}",
                hex(&record_hash("plan"))
            ),
            |b| b,
        ),
        "data",
        "§3",
        "A field written twice, signed by the station.",
    ));
    cases.push(bad_line(
        "tamper-duplicate-top-level-key",
        one_record(1, "daemon_stop", "{}", |b| {
            b.replacen(",\"seq\":", ",\"v\":1,\"seq\":", 1)
        }),
        "field",
        "§3",
        "\"v\" twice at the top level of a body, signed by the station.",
    ));
    cases.push(bad_line(
        "tamper-reordered-top-level-keys",
        one_record(1, "daemon_stop", "{}", |b| {
            let (head, tail) = b.split_at(b.find(",\"at\":").expect("at"));
            let (at, rest) = tail.split_at(tail.find(",\"kind\":").expect("kind"));
            format!(
                "{head}{}{at}{}",
                &rest[..rest.find(",\"data\":").expect("data")],
                &rest[rest.find(",\"data\":").expect("data")..]
            )
        }),
        "field",
        "§3",
        "\"kind\" before \"at\", signed by the station.",
    ));
    cases.push(invalid(
        "tamper-relay-201-events",
        {
            let mut chain = started(STATION, Key::new(1));
            let events = vec![relay_event("title", ",\"detail\":\"x\""); 201].join(",");
            let data = airing_end(&chain, &relay("", &events), &aired_segment("\"aired\""));
            chain.push(4, "airing_end", &data);
            chain.checkpoint().stop();
            chain.file()
        },
        "bad_line",
        Some("relay_events"),
        "§5",
        "A relay airing with 201 events: at most 200.",
    ));
    let mut truncated = genuine.clone();
    truncated.lines.truncate(n - 2);
    cases.push(ok(
        "truncated-without-held-checkpoint",
        truncated.file(),
        "§6.5",
        "The last two records deleted at a record boundary: a valid shorter chain. Only a held checkpoint shows it (see held-truncated).",
    ));
    cases
}

// ---------------------------------------------------------------- versions

fn versions() -> Vec<Case> {
    let mut cases = Vec::new();
    cases.push(bad_line("version-higher-than-its-content", one_record(2, "daemon_stop", "{}", |b| b), "wrong_version", "§5.1", "A daemon_stop with \"v\":2: v is exactly the lowest version that has what the record uses."));
    let dead = format!(
        "{{\"slot\":\"sang\",\"scheduled\":\"2021-03-01T22:30:00.000000Z\",\"started\":\"2021-03-01T22:31:00.000000Z\",\"silent_ms\":8000,\"file\":\"a.mp3\",\"sha256\":\"{}\",\"at_ms\":0}}",
        hex(&record_hash("a"))
    );
    cases.push(bad_line(
        "version-lower-than-its-content",
        one_record(1, "dead_air", &dead, |b| b),
        "wrong_version",
        "§5.1",
        "A dead_air record with \"v\":1.",
    ));
    cases.push(bad_line(
        "version-6-unknown",
        one_record(6, "daemon_stop", "{}", |b| b),
        "unsupported_version",
        "§3",
        "\"v\":6: a version this verifier does not know is rejected, not guessed.",
    ));
    cases.push(bad_line(
        "version-0",
        one_record(0, "daemon_stop", "{}", |b| b),
        "unsupported_version",
        "§3",
        "\"v\":0.",
    ));
    cases.push(bad_line(
        "version-with-leading-zero",
        one_record(1, "daemon_stop", "{}", |b| {
            b.replacen("{\"v\":1,", "{\"v\":01,", 1)
        }),
        "field",
        "§3",
        "\"v\":01.",
    ));
    cases.push(bad_line(
        "unknown-kind",
        one_record(1, "daemon_pause", "{}", |b| b),
        "unknown_kind",
        "§3",
        "A kind §5 does not have.",
    ));
    let data = airing_end_data(
        &(t0() + Duration::minutes(3)),
        &relay("", ""),
        &aired_segment("\"aired\""),
    );
    cases.push(bad_line(
        "version-relay-in-v3",
        one_record(3, "airing_end", &data, |b| b),
        "wrong_version",
        "§5.1",
        "An airing_end with relay says \"v\":3; it must say 4.",
    ));
    cases
}

// ---------------------------------------------------------------- JSON

fn canonical_json() -> Vec<Case> {
    let title = |t: &str| {
        format!(
            "{{\"slot\":\"sang\",\"scheduled\":\"2021-03-01T22:32:00.000000Z\",\"started\":\"2021-03-01T22:32:00.212000Z\",\"manual\":false,\"segments\":[{}]}}",
            planned_segment().replace("Bản tin cải cách hành chính số 1", t)
        )
    };
    let start = |edit: &dyn Fn(String) -> String| one_record(1, "airing_start", &title("x"), edit);
    let mut cases = Vec::new();
    cases.push(ok(
        "ok-json-required-escapes",
        one_record(1, "airing_start", &title("a\\\"b\\\\c\\nd\\te\\u0001f\\u001fg\\b\\f\\r/h\u{7f}i\u{85}j😀"), |b| b),
        "§3.3",
        "A string with every escape JSON requires, in the one spelling (\\\" \\\\ \\n \\t \\b \\f \\r \\u0001 \\u001f), and raw /, DEL, U+0085 and an emoji.",
    ));
    for (name, from, to, note) in [
        (
            "json-escaped-solidus",
            "\"x\"",
            "\"a\\/b\"",
            "\\/ in a string: / is written as itself.",
        ),
        (
            "json-unicode-escape-of-letter",
            "\"x\"",
            "\"\\u0078\"",
            "\\u0078 for x.",
        ),
        (
            "json-unicode-escape-of-non-ascii",
            "\"x\"",
            "\"\\u00e9\"",
            "\\u00e9 for é: non-ASCII is written as UTF-8.",
        ),
        (
            "json-uppercase-hex-escape",
            "\"x\"",
            "\"\\u001F\"",
            "\\u001F: the hex digits are lowercase.",
        ),
        (
            "json-long-form-of-short-escape",
            "\"x\"",
            "\"\\u000a\"",
            "\\u000a for a newline: its escape is \\n.",
        ),
        (
            "json-lone-surrogate",
            "\"x\"",
            "\"\\ud800\"",
            "A lone surrogate escape.",
        ),
        (
            "json-surrogate-pair",
            "\"x\"",
            "\"\\ud83d\\ude00\"",
            "😀 as a surrogate pair: it is written as UTF-8.",
        ),
        (
            "json-raw-control-character",
            "\"x\"",
            "\"a\u{1}b\"",
            "A raw U+0001 in a string: it must be escaped.",
        ),
        (
            "json-escape-in-data-key",
            "\"slot\"",
            "\"\\u0073lot\"",
            "A key spelt with an escape.",
        ),
        (
            "json-escape-in-instant",
            "\"2021-03-01T22:32:00.000000Z\"",
            "\"2021\\u002d03-01T22:32:00.000000Z\"",
            "An instant in data spelt with an escape: 27 bytes, no escape.",
        ),
        (
            "json-number-minus-zero",
            "\"topic\":3",
            "\"topic\":-0",
            "-0 for 0.",
        ),
        (
            "json-number-with-fraction",
            "\"topic\":3",
            "\"topic\":3.0",
            "3.0 for 3.",
        ),
        (
            "json-number-with-exponent",
            "\"topic\":3",
            "\"topic\":3e0",
            "3e0 for 3.",
        ),
        (
            "json-number-leading-zero",
            "\"topic\":3",
            "\"topic\":03",
            "03 for 3.",
        ),
    ] {
        cases.push(bad_line(
            name,
            start(&|b: String| b.replacen(from, to, 1)),
            "not_canonical",
            "§3.3",
            note,
        ));
    }
    cases.push(bad_line(
        "json-whitespace",
        start(&|b: String| b.replacen("\"topic\":3", "\"topic\": 3", 1)),
        "not_compact",
        "§3",
        "A space after a colon in data.",
    ));
    cases.push(bad_line(
        "json-number-plus-sign",
        start(&|b: String| b.replacen("\"topic\":3", "\"topic\":+3", 1)),
        "data",
        "§3.3",
        "+3: not JSON.",
    ));
    let header = |edit: &dyn Fn(String) -> String| one_record(1, "daemon_stop", "{}", edit);
    cases.push(bad_line(
        "json-escape-in-station",
        header(&|b: String| b.replacen("\"soc-trang", "\"\\u0073oc-trang", 1)),
        "not_canonical",
        "§3.3",
        "The station spelt with an escape: its only escapes are \\\" and \\\\.",
    ));
    cases.push(bad_line(
        "json-escape-in-kind",
        header(&|b: String| {
            b.replacen(
                "\"kind\":\"daemon_stop\"",
                "\"kind\":\"daemon\\u005fstop\"",
                1,
            )
        }),
        "field",
        "§3.3",
        "The kind spelt with an escape.",
    ));
    cases.push(bad_line(
        "json-escape-in-at",
        header(&|b: String| b.replacen("\"at\":\"2021-", "\"at\":\"2021\\u002d", 1)),
        "field",
        "§3.1",
        "at spelt with an escape: an instant is 27 bytes.",
    ));
    cases.push(bad_line(
        "json-seq-leading-zero",
        header(&|b: String| b.replacen("\"seq\":3,", "\"seq\":03,", 1)),
        "field",
        "§3",
        "seq 03.",
    ));
    cases.push(bad_line(
        "station-with-del",
        header(&|b: String| b.replacen("\"soc-trang", "\"soc\u{7f}trang", 1)),
        "field",
        "§3",
        "A station id with DEL, a control character.",
    ));
    cases.push(bad_line(
        "station-empty",
        header(&|b: String| b.replacen("\"soc-trang/my-xuyen/thanh-phu\"", "\"\"", 1)),
        "field",
        "§3",
        "An empty station id.",
    ));
    let quoted = "Phường 3 \"Mỹ Xuyên\" \\ A";
    let chain = standard(quoted, Key::new(1));
    let mut expected = Expected::new(
        "log",
        "ok",
        "§3.3, §4.1",
        "A station id with spaces, quotes and a backslash: written with its two escapes, filed in a .pub line whose station is the rest of the line.",
    );
    expected.pubkeys = vec!["station.pub".into()];
    cases.push(case(
        "ok-station-with-quotes-and-spaces",
        vec![
            (LOG.into(), chain.file()),
            (
                "station.pub".into(),
                format!("loa-ed25519 {} {quoted}\n", Key::new(1).public_b64()).into_bytes(),
            ),
        ],
        expected,
    ));
    cases
}

// ---------------------------------------------------------------- rules

fn rules() -> Vec<Case> {
    let mut cases = Vec::new();
    let at = t0() + Duration::minutes(3);
    let end = airing_end_data(&at, "", &aired_segment("\"aired\""));
    cases.push(bad_line(
        "rule-late-ms",
        one_record(1, "airing_end", &end, |b| {
            b.replacen("\"late_ms\":212", "\"late_ms\":200", 1)
        }),
        "late_ms",
        "§5",
        "late_ms 200 where started − scheduled is 212 ms: more than a millisecond off.",
    ));
    cases.push(bad_line(
        "rule-late-ms-two-off",
        one_record(1, "airing_end", &end, |b| {
            b.replacen("\"late_ms\":212", "\"late_ms\":214", 1)
        }),
        "late_ms",
        "§5",
        "late_ms 214 where started − scheduled is 212,000 µs: 2 ms off.",
    ));
    let outage = |first: u64, last: u64| {
        format!(
            "{{\"since\":\"2021-03-01T22:31:00.000000Z\",\"until\":\"2021-03-01T22:32:00.000000Z\",\"first_seq\":{first},\"last_seq\":{last},\"dropped\":0,\"error\":\"EIO\"}}"
        )
    };
    cases.push(ok(
        "ok-rule-write-outage",
        one_record(1, "write_outage", &outage(1, 2), |b| b),
        "§5",
        "A write outage holding records 1..=2, written as record 3.",
    ));
    cases.push(bad_line("rule-write-outage-not-just-before", one_record(1, "write_outage", &outage(1, 1), |b| b), "write_outage", "§5", "A write outage whose held records end at 1, written as record 3: they must end just before it."));
    cases.push(bad_line(
        "rule-write-outage-first-after-last",
        one_record(1, "write_outage", &outage(3, 2), |b| b),
        "write_outage",
        "§5",
        "first_seq above last_seq.",
    ));
    let relayed = airing_end_data(
        &at,
        &relay("", &relay_event("buffering", "")),
        &aired_segment("\"aired\""),
    );
    cases.push(bad_line(
        "rule-relay-event-kind",
        one_record(4, "airing_end", &relayed, |b| b),
        "relay_event_kind",
        "§5",
        "A relay event of a kind §5 does not list.",
    ));
    let announced = announcement_data(
        &{
            let mut c = Chain::genesis(STATION, Key::new(1));
            c.start("none");
            c.start("crashed");
            c
        },
        "",
    );
    cases.push(bad_line(
        "rule-priority",
        one_record(3, "announcement", &announced, |b| {
            b.replacen("\"priority\":\"emergency\"", "\"priority\":\"urgent\"", 1)
        }),
        "priority",
        "§5",
        "An announcement of a priority §5 does not list.",
    ));
    let interrupted = airing_end_data(&at, &interruption(""), &aired_segment("\"aired\""));
    cases.push(ok(
        "ok-interruption-without-file",
        one_record(3, "airing_end", &interrupted, |b| b),
        "§3.2",
        "An interruption between segments: its optional file absent.",
    ));
    cases.push(bad_line(
        "rule-interruptions-empty-list",
        one_record(
            3,
            "airing_end",
            &end.replacen("\"segments\"", "\"interruptions\":[],\"segments\"", 1),
            |b| b,
        ),
        "data",
        "§3.2",
        "\"interruptions\":[]: none is written by leaving the field out.",
    ));
    cases.push(bad_line(
        "rule-interruptions-empty-list-v1",
        one_record(
            1,
            "airing_end",
            &end.replacen("\"segments\"", "\"interruptions\":[],\"segments\"", 1),
            |b| b,
        ),
        "data",
        "§3.2",
        "\"interruptions\":[] in a version-1 record.",
    ));

    let mut after_crash = Chain::genesis(STATION, Key::new(1));
    after_crash.start("none").start("clean_stop");
    cases.push(invalid(
        "rule-previous-run-clean-stop-after-a-crash",
        after_crash.file(),
        "previous_run",
        None,
        "§7.10",
        "clean_stop, but the record before is not a daemon_stop.",
    ));
    let mut after_stop = Chain::genesis(STATION, Key::new(1));
    after_stop.start("none").stop().start("crashed");
    cases.push(invalid(
        "rule-previous-run-crashed-after-a-stop",
        after_stop.file(),
        "previous_run",
        None,
        "§7.10",
        "crashed, but the record before is a daemon_stop.",
    ));
    let mut again = Chain::genesis(STATION, Key::new(1));
    again.start("none").stop().start("none");
    cases.push(invalid(
        "rule-previous-run-none-after-a-stop",
        again.file(),
        "previous_run",
        None,
        "§7.10",
        "none, but the record before is not genesis.",
    ));
    let mut genesis_only = Chain::genesis(STATION, Key::new(1));
    genesis_only.start("crashed").stop();
    cases.push(ok(
        "ok-previous-run-crashed-after-genesis",
        genesis_only.file(),
        "§7.10",
        "crashed right after genesis: the writer stopped between the two.",
    ));
    cases
}

// ---------------------------------------------------------------- files

fn logs_and_collections() -> Vec<Case> {
    let mut cases = Vec::new();
    let chain = standard(STATION, Key::new(1));
    let lines = &chain.lines;
    cases.push(case(
        "ok-month-files-and-continuations",
        vec![
            ("log/air-2021-03.jsonl".into(), lines[..3].concat()),
            ("log/air-2021-03.2.jsonl".into(), lines[3..5].concat()),
            ("log/air-2021-04.jsonl".into(), Vec::new()),
            ("log/air-2021-05.jsonl".into(), lines[5..].concat()),
            ("log/air-2021-03.1.jsonl".into(), b"not a month file: N starts at 2\n".to_vec()),
            ("log/air-2021-03.02.jsonl".into(), b"not a month file: N has a leading zero\n".to_vec()),
            ("log/air-2021-13.jsonl".into(), b"not a month file: month 13\n".to_vec()),
            ("log/air-21-03.jsonl".into(), b"not a month file: 2-digit year\n".to_vec()),
            ("log/notes.txt".into(), b"ignored\n".to_vec()),
            ("log/quarantine/air-2021-03.jsonl.100.torn".into(), b"torn bytes\n".to_vec()),
        ],
        Expected::new("log", "ok", "§1", "One chain across month files in (year, month, N) order, an empty month file, and files whose names are not month files (ignored)."),
    ));
    cases.push(case("empty-log", vec![(LOG.into(), Vec::new())], {
        let mut e = Expected::new(
            "log",
            "invalid",
            "§1.1",
            "A log whose only month file is empty: a log proves nothing before its genesis.",
        );
        e.problem = Some("empty");
        e
    }));
    let mut bad_older = lines.clone();
    bad_older[2][100] ^= 0x20;
    let mut continued = chain.clone();
    continued.start("clean_stop");
    cases.push(case(
        "damage-in-an-older-month-file",
        vec![
            ("log/air-2021-03.jsonl".into(), bad_older.concat()),
            ("log/air-2021-04.jsonl".into(), continued.lines[lines.len()..].concat()),
        ],
        {
            let mut e = Expected::new("log", "invalid", "§6.3", "A damaged line in an older month file, and the newest file continued by the writer with broken_file null (the writer judges the newest file only): the verifier reports the damage.");
            e.problem = Some("bad_line");
            e.detail = Some("hash_mismatch");
            e
        },
    ));
    let mut partial = lines[..4].concat();
    partial.extend_from_slice(b"{\"body\":{\"v\":1");
    cases.push(case(
        "partial-line-in-an-older-month-file",
        vec![
            ("log/air-2021-03.jsonl".into(), partial),
            ("log/air-2021-04.jsonl".into(), lines[4..].concat()),
        ],
        {
            let mut e = Expected::new(
                "log",
                "invalid",
                "§7",
                "An older month file ends in a partial line.",
            );
            e.problem = Some("partial_line");
            e
        },
    ));
    let deep = "collection/a/b/c/d/e/f/air-2021-03.jsonl";
    cases.push(case(
        "ok-collection-depth-6",
        vec![(deep.into(), chain.file())],
        Expected::new(
            "collection",
            "ok",
            "§1.1",
            "A station log six levels below the given folder is found.",
        ),
    ));
    cases.push(case(
        "collection-depth-7",
        vec![(
            "collection/a/b/c/d/e/f/g/air-2021-03.jsonl".into(),
            chain.file(),
        )],
        {
            let mut e = Expected::new(
                "collection",
                "invalid",
                "§1.1",
                "Seven levels below the given folder is too deep: no log is found.",
            );
            e.problem = Some("no_log");
            e.logs = 0;
            e
        },
    ));
    let other = standard(OTHER, Key::new(2));
    cases.push(case(
        "ok-collection-two-stations",
        vec![
            ("collection/my-xuyen/thanh-phu/air-2021-03.jsonl".into(), chain.file()),
            ("collection/vinh-hai/air-2021-03.jsonl".into(), other.file()),
            ("collection/vinh-hai/sub/air-2021-03.jsonl".into(), b"below a station log: not searched\n".to_vec()),
            ("collection/readme.txt".into(), b"ignored\n".to_vec()),
        ],
        {
            let mut e = Expected::new("collection", "ok", "§1.1", "A folder of two stations' logs at different depths; a station log's own subfolders are not searched.");
            e.logs = 2;
            e
        },
    ));
    cases
}

// ---------------------------------------------------------------- held

fn held_checkpoints() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut chain = standard(STATION, Key::new(1));
    let held_seq = chain.lines.len() - 2;
    let held = chain.lines[held_seq].clone();
    chain.start("clean_stop").airing().checkpoint().stop();
    let with_held = |name: &str,
                     log: Vec<u8>,
                     line: Vec<u8>,
                     verdict: &'static str,
                     problem: Option<&'static str>,
                     section: &'static str,
                     note: &str| {
        let mut e = Expected::new("log", verdict, section, note);
        e.checkpoints = vec!["held.checkpoint".into()];
        e.problem = problem;
        case(
            name,
            vec![(LOG.into(), log), ("held.checkpoint".into(), line)],
            e,
        )
    };
    cases.push(with_held(
        "ok-held-checkpoint",
        chain.file(),
        held.clone(),
        "ok",
        None,
        "§6.5",
        "The log contains the held checkpoint and extends it.",
    ));
    let mut cut = chain.clone();
    cut.lines.truncate(held_seq);
    cases.push(with_held(
        "held-truncated",
        cut.file(),
        held.clone(),
        "invalid",
        Some("truncated"),
        "§6.5",
        "The log ends before the held checkpoint: records were removed.",
    ));
    let mut rewritten = standard(STATION, Key::new(1));
    rewritten.lines.truncate(held_seq);
    rewritten.hashes.truncate(held_seq);
    rewritten.signers.truncate(held_seq);
    rewritten.push(
        1,
        "config_applied",
        &format!("{{\"plan_hash\":\"{}\"}}", hex(&record_hash("other"))),
    );
    rewritten.stop();
    cases.push(with_held("held-differs", rewritten.file(), held.clone(), "invalid", Some("checkpoint_differs"), "§6.5", "The log has another record, signed by the station, where the held checkpoint was: rewritten."));
    let body = super::chain::body_of(&held);
    let hash = record_hash(body);
    let resigned = super::chain::assemble(body, &hash, &Key::new(9).sign(&hash, Sig::Plain));
    cases.push(with_held(
        "held-forged",
        chain.file(),
        resigned,
        "invalid",
        Some("forged_checkpoint"),
        "§6.5",
        "The held checkpoint's body and hash are the log's, its signature another key's.",
    ));

    let mut rotated = standard(STATION, Key::new(1));
    rotated.start("clean_stop").rotate(Key::new(2));
    let in_force = rotated.key.clone();
    rotated.key = Key::new(1);
    rotated.checkpoint();
    let signed_by_old = rotated.lines.last().cloned().expect("a line");
    rotated.lines.pop();
    rotated.hashes.pop();
    rotated.signers.pop();
    rotated.key = in_force;
    rotated.checkpoint().stop();
    cases.push(with_held("held-signed-by-a-retired-key", rotated.file(), signed_by_old, "invalid", Some("forged_checkpoint"), "§6.5", "A held checkpoint after a key rotation, signed by the key the rotation retired: the key in force at its seq decides."));

    let mut other = standard(OTHER, Key::new(2));
    let other_held = other.lines[other.lines.len() - 2].clone();
    other.start("clean_stop").stop();
    let mut e = Expected::new(
        "collection",
        "ok",
        "§6.5",
        "Two stations' logs and a folder of both stations' held checkpoints: each applies to its own station's log only.",
    );
    e.checkpoints = vec![
        "held/thanh-phu.checkpoint".into(),
        "held/vinh-hai.checkpoint".into(),
    ];
    e.logs = 2;
    cases.push(case(
        "ok-held-checkpoints-of-two-stations",
        vec![
            (
                "collection/thanh-phu/air-2021-03.jsonl".into(),
                chain.file(),
            ),
            ("collection/vinh-hai/air-2021-03.jsonl".into(), other.file()),
            ("held/thanh-phu.checkpoint".into(), held.clone()),
            ("held/vinh-hai.checkpoint".into(), other_held.clone()),
        ],
        e,
    ));
    let mut e = Expected::new(
        "log",
        "invalid",
        "§6.5",
        "A held checkpoint of a station none of the logs is of.",
    );
    e.checkpoints = vec!["held.checkpoint".into()];
    e.problem = Some("checkpoint_unmatched");
    cases.push(case(
        "held-of-another-station",
        vec![
            (LOG.into(), chain.file()),
            ("held.checkpoint".into(), other_held),
        ],
        e,
    ));
    let mut e = Expected::new(
        "log",
        "refused",
        "§6.5",
        "A held checkpoint file that is not a valid record line is refused.",
    );
    e.checkpoints = vec!["held.checkpoint".into()];
    e.logs = 0;
    let mut two_lines = held.clone();
    two_lines.extend_from_slice(&held);
    cases.push(case(
        "held-file-of-two-lines",
        vec![
            (LOG.into(), chain.file()),
            ("held.checkpoint".into(), two_lines),
        ],
        e,
    ));
    cases
}

// ---------------------------------------------------------------- .pub

fn public_key_files() -> Vec<Case> {
    let mut cases = Vec::new();
    let one = standard(STATION, Key::new(1));
    let two = standard(OTHER, Key::new(2));
    let line = |key: &Key, station: &str| format!("loa-ed25519 {} {station}\n", key.public_b64());
    let pub_case = |name: &str,
                    text: String,
                    verdict: &'static str,
                    problem: Option<&'static str>,
                    note: &str| {
        let mut e = Expected::new("collection", verdict, "§4.1", note);
        e.pubkeys = vec!["keys.pub".into()];
        e.problem = problem;
        e.logs = if verdict == "refused" { 0 } else { 2 };
        case(
            name,
            vec![
                ("collection/thanh-phu/air-2021-03.jsonl".into(), one.file()),
                ("collection/vinh-hai/air-2021-03.jsonl".into(), two.file()),
                ("keys.pub".into(), text.into_bytes()),
            ],
            e,
        )
    };
    let ring = format!(
        "{}{}",
        line(&Key::new(1), STATION),
        line(&Key::new(2), OTHER)
    );
    cases.push(pub_case(
        "ok-keyring",
        ring.clone(),
        "ok",
        None,
        "One .pub file with both stations' keys, one line each.",
    ));
    cases.push(pub_case(
        "ok-keyring-without-final-lf",
        ring.trim_end_matches('\n').to_string(),
        "ok",
        None,
        "The last line's LF may be missing.",
    ));
    cases.push(pub_case(
        "ok-keyring-two-keys-of-one-station",
        format!(
            "{}{}{}",
            line(&Key::new(7), STATION),
            ring,
            line(&Key::new(8), OTHER)
        ),
        "ok",
        None,
        "Several keys filed for each station (before and after a rotation).",
    ));
    cases.push(pub_case(
        "keyring-with-an-empty-line",
        format!(
            "{}\n{}",
            line(&Key::new(1), STATION),
            line(&Key::new(2), OTHER)
        ),
        "refused",
        None,
        "An empty line: the whole file is refused.",
    ));
    cases.push(pub_case(
        "keyring-with-crlf",
        ring.replace('\n', "\r\n"),
        "refused",
        None,
        "CR LF line ends: refused.",
    ));
    cases.push(pub_case(
        "pub-small-order-key",
        line(&Key::small_order(), STATION),
        "refused",
        None,
        "A filed key of small order: refused.",
    ));
    cases.push(pub_case(
        "pub-key-of-another-station-only",
        line(&Key::new(1), STATION),
        "invalid",
        Some("no_filed_key"),
        "Only thanh-phu's key is filed: vinh-hai has no filed key.",
    ));
    cases.push(pub_case(
        "pub-wrong-key",
        format!(
            "{}{}",
            line(&Key::new(1), STATION),
            line(&Key::new(1), OTHER)
        ),
        "invalid",
        Some("key_not_filed"),
        "vinh-hai's filed key is not its genesis key (the log was made with another key).",
    ));
    cases.push(pub_case("pub-key-filed-for-the-other-station", format!("{}{}", line(&Key::new(2), STATION), line(&Key::new(1), OTHER)), "invalid", Some("key_not_filed"), "Each key is filed under the other station: a key is filed for the station its line names only."));
    cases
}

// ---------------------------------------------------------------- bundles

fn bundle_case(
    name: &str,
    slice: &Slice,
    verdict: &'static str,
    problem: Option<&'static str>,
    note: &str,
) -> Case {
    let mut e = Expected::new("bundle.tar", verdict, "§8.3", note);
    e.problem = problem;
    if verdict == "refused" {
        e.logs = 0;
    }
    case(name, vec![("bundle.tar".into(), slice.tar())], e)
}

fn bundles() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut chain = standard(STATION, Key::new(1));
    let kept_seq = chain.lines.len() - 2;
    let kept = chain.lines[kept_seq].clone();
    chain.start("clean_stop").airing().checkpoint();
    let whole = Slice::of(&chain, 0);
    cases.push(bundle_case(
        "ok-bundle-whole-log",
        &whole,
        "ok",
        None,
        "A bundle of the whole log, from genesis to its checkpoint.",
    ));
    let slice = Slice::of(&chain, kept_seq);
    let mut e = Expected::new(
        "bundle.tar",
        "ok",
        "§8.3",
        "A bundle of a slice that begins at the previous export's checkpoint, which the Department kept and gives.",
    );
    e.checkpoints = vec!["previous.checkpoint".into()];
    cases.push(case(
        "ok-bundle-slice-extends-kept-checkpoint",
        vec![
            ("bundle.tar".into(), slice.tar()),
            ("previous.checkpoint".into(), kept.clone()),
        ],
        e,
    ));
    let mut e = Expected::new(
        "bundle.tar",
        "ok",
        "§8.3",
        "The previous bundle itself given as the kept checkpoint: its checkpoint member is used.",
    );
    let mut previous = standard(STATION, Key::new(1));
    previous.lines.truncate(kept_seq + 1);
    previous.hashes.truncate(kept_seq + 1);
    previous.signers.truncate(kept_seq + 1);
    e.checkpoints = vec!["previous.tar".into()];
    cases.push(case(
        "ok-bundle-slice-against-previous-bundle",
        vec![
            ("bundle.tar".into(), slice.tar()),
            ("previous.tar".into(), Slice::of(&previous, 0).tar()),
        ],
        e,
    ));
    let later = Slice::of(&chain, kept_seq + 2);
    let mut e = Expected::new(
        "bundle.tar",
        "invalid",
        "§6.5",
        "A slice that begins after the kept checkpoint cannot show it extends it.",
    );
    e.checkpoints = vec!["previous.checkpoint".into()];
    e.problem = Some("starts_after_checkpoint");
    cases.push(case(
        "bundle-starts-after-kept-checkpoint",
        vec![
            ("bundle.tar".into(), later.tar()),
            ("previous.checkpoint".into(), kept.clone()),
        ],
        e,
    ));
    let mut resigned = chain.clone();
    resigned.lines.truncate(kept_seq);
    resigned.hashes.truncate(kept_seq);
    resigned.signers.truncate(kept_seq);
    resigned.key = Key::new(9);
    resigned.push_body(super::chain::body_of(&kept), Sig::Plain);
    resigned.stop().start("clean_stop").airing().checkpoint();
    let mut e = Expected::new(
        "bundle.tar",
        "invalid",
        "§6.5",
        "A slice with the same bodies and hashes re-signed by another key (the manifest names that key): the kept checkpoint's signature is not the key's in force there.",
    );
    e.checkpoints = vec!["previous.checkpoint".into()];
    e.problem = Some("forged_checkpoint");
    cases.push(case(
        "bundle-slice-resigned",
        vec![
            ("bundle.tar".into(), Slice::of(&resigned, kept_seq).tar()),
            ("previous.checkpoint".into(), kept.clone()),
        ],
        e,
    ));

    let mut missing = Slice::of(&chain, 0);
    missing.checkpoint = None;
    cases.push(bundle_case(
        "bundle-without-checkpoint-member",
        &missing,
        "invalid",
        Some("bad_checkpoint_member"),
        "The checkpoint member is required.",
    ));
    let mut not_checkpoint = Slice::of(&chain, 0);
    not_checkpoint.checkpoint = Some(chain.lines[chain.lines.len() - 2].clone());
    cases.push(bundle_case(
        "bundle-checkpoint-member-not-a-checkpoint",
        &not_checkpoint,
        "invalid",
        Some("bad_checkpoint_member"),
        "The checkpoint member is a record of another kind.",
    ));
    let other = standard(OTHER, Key::new(2));
    let mut foreign = Slice::of(&chain, 0);
    foreign.checkpoint = Some(other.lines[other.lines.len() - 2].clone());
    cases.push(bundle_case(
        "bundle-foreign-checkpoint-member",
        &foreign,
        "invalid",
        Some("foreign_checkpoint"),
        "The checkpoint member is another station's record.",
    ));
    let mut station = Slice::of(&chain, 0);
    station.station = OTHER.into();
    cases.push(bundle_case(
        "bundle-manifest-station",
        &station,
        "invalid",
        Some("manifest_mismatch"),
        "The manifest names another station than the records.",
    ));
    let mut named = Slice::of(&chain, 0);
    named.station_name = Some("Đài truyền thanh xã Thạnh Phú".into());
    named.version = 2;
    cases.push(bundle_case(
        "ok-bundle-manifest-v2-station-name",
        &named,
        "ok",
        None,
        "A version-2 manifest carries the station's name (station_name).",
    ));
    let mut named_v1 = named.clone();
    named_v1.version = 1;
    cases.push(bundle_case(
        "bundle-manifest-v1-with-station-name",
        &named_v1,
        "refused",
        None,
        "A version-1 manifest with station_name, given directly: a version 1 has no such key (one manifest, one spelling): refused.",
    ));
    let mut unnamed_v2 = Slice::of(&chain, 0);
    unnamed_v2.version = 2;
    cases.push(bundle_case(
        "bundle-manifest-v2-without-station-name",
        &unnamed_v2,
        "refused",
        None,
        "A version-2 manifest without station_name, given directly: the lowest version that has its keys is 1: refused.",
    ));
    let mut first = Slice::of(&chain, 0);
    first.first.1 = hex(&record_hash("x"));
    cases.push(bundle_case(
        "bundle-manifest-first-hash",
        &first,
        "invalid",
        Some("manifest_mismatch"),
        "The manifest's first hash is not the first record's.",
    ));
    let mut first_key = Slice::of(&chain, 0);
    first_key.first.2 = Key::new(5).public_b64();
    cases.push(bundle_case(
        "bundle-manifest-first-key",
        &first_key,
        "invalid",
        Some("manifest_mismatch"),
        "The manifest's first key is not the genesis key.",
    ));
    let mut last = Slice::of(&chain, 0);
    last.last = (3, hex(&chain.hashes[3]));
    cases.push(bundle_case(
        "bundle-manifest-last",
        &last,
        "invalid",
        Some("manifest_mismatch"),
        "The manifest's last record is not the bundle's last record.",
    ));
    let mut late = Slice::of(&chain, kept_seq);
    late.period = ("2021-03".into(), "2021-03-01".into());
    cases.push(bundle_case(
        "bundle-slice-starts-after-period",
        &late,
        "invalid",
        Some("starts_after_period"),
        "A slice (not from genesis) whose first record is after its period began: records of the period are missing.",
    ));
    let mut files = Slice::of(&chain, 0);
    files.files = vec!["log/air-2021-04.jsonl".into()];
    cases.push(bundle_case(
        "bundle-manifest-files",
        &files,
        "invalid",
        Some("manifest_mismatch"),
        "The manifest's files are not the month files the tar holds.",
    ));
    let mut no_manifest_e = Expected::new(
        "bundle.tar",
        "refused",
        "§8.1",
        "A tar without manifest.json, given directly: refused.",
    );
    no_manifest_e.logs = 0;
    let no_manifest = tar(vec![(LOG.into(), Member::File(chain.file()))]);
    cases.push(case(
        "bundle-without-manifest",
        vec![("bundle.tar".into(), no_manifest.clone())],
        no_manifest_e,
    ));
    let mut e = Expected::new(
        "collection",
        "invalid",
        "§1.1, §8.1",
        "In a folder, a bundle with a symbolic link member is unreadable, beside a good bundle.",
    );
    e.problem = Some("unreadable");
    e.logs = 2;
    let mut members = vec![
        ("manifest.json".to_string(), Member::File(whole.manifest())),
        (
            "checkpoint".to_string(),
            Member::File(whole.checkpoint.clone().expect("a checkpoint")),
        ),
        (LOG.to_string(), Member::File(whole.log.clone())),
    ];
    members.insert(1, ("station.pub".to_string(), Member::Link("/etc/passwd")));
    cases.push(case(
        "bundle-with-a-link-member-in-a-folder",
        vec![
            ("collection/a-district/thanh-phu.tar".into(), tar(members)),
            ("collection/b-district/thanh-phu.tar".into(), whole.tar()),
        ],
        e,
    ));
    let mut e = Expected::new(
        "collection",
        "ok",
        "§1.1",
        "A folder of a bundle (ending in .tar) and a log directory; other files ignored.",
    );
    e.logs = 2;
    cases.push(case(
        "ok-bundles-in-a-folder",
        vec![
            (
                "collection/district/thanh-phu-2021-03.tar".into(),
                whole.tar(),
            ),
            (
                "collection/district/vinh-hai/air-2021-03.jsonl".into(),
                other.file(),
            ),
            (
                "collection/district/thanh-phu-2021-03.tar.sha256".into(),
                b"ignored\n".to_vec(),
            ),
        ],
        e,
    ));
    let extra = String::from_utf8(whole.manifest())
        .expect("UTF-8")
        .replacen("\"version\": 1,", "\"version\": 1,\n  \"extra\": true,", 1);
    let mut e = Expected::new(
        "collection",
        "invalid",
        "§8.3",
        "In a folder, a bundle whose manifest has a key §8.3 does not list is unreadable.",
    );
    e.problem = Some("unreadable");
    cases.push(case(
        "bundle-manifest-unknown-key-in-a-folder",
        vec![(
            "collection/thanh-phu.tar".into(),
            tar(vec![
                ("manifest.json".into(), Member::File(extra.into_bytes())),
                (
                    "checkpoint".into(),
                    Member::File(whole.checkpoint.clone().expect("a checkpoint")),
                ),
                (LOG.into(), Member::File(whole.log.clone())),
            ]),
        )],
        e,
    ));
    cases
}
