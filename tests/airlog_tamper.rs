//! Adversarial tests: every way of changing a log after the fact that the
//! issue lists must be caught by `verify` (or, for a torn tail, reported).

#[path = "support/airlog/mod.rs"]
mod common;

use common::*;
use loa::airlog::AirLog;
use loa::airlog::checkpoint::{HeldCheckpoint, latest_checkpoint};
use loa::airlog::key::{PublicKey, PublicKeyFile};
use loa::airlog::verify::{
    LogSource, ProblemKind, SignatureCheck, StationVerdict, VerifyOptions, verify_source,
};

fn sample(dir: &std::path::Path) -> Vec<Vec<u8>> {
    small_log(dir);
    lines(&parts(dir)[0])
}

fn caught(verdict: &StationVerdict) -> bool {
    !verdict.is_ok()
}

fn kinds(verdict: &StationVerdict) -> Vec<ProblemKind> {
    verdict.problems.iter().map(|p| p.kind.clone()).collect()
}

/// A log held in memory: the verifier reads it through the same
/// `LogSource` seam an export bundle will use.
struct MemoryLog(Vec<u8>);

impl LogSource for MemoryLog {
    fn label(&self) -> String {
        "memory".into()
    }
    fn part_names(&self) -> Vec<String> {
        vec!["air-2021-03.jsonl".into()]
    }
    fn open_part(&self, _: usize) -> std::io::Result<Box<dyn std::io::Read + '_>> {
        Ok(Box::new(&self.0[..]))
    }
}

#[test]
fn every_single_bit_flip_is_caught_or_reported_as_torn() {
    let dir = tempfile::tempdir().unwrap();
    let (mut log, _) = AirLog::open(dir.path(), STATION, key(1), t0()).unwrap();
    let (start, end) = airing("sang", t0(), 1);
    log.append(t0(), start).unwrap();
    log.append(t0() + minutes(5), end).unwrap();
    log.stop(t0() + minutes(6)).unwrap();
    let original = std::fs::read(&parts(dir.path())[0]).unwrap();
    let options = VerifyOptions {
        threads: 1,
        ..VerifyOptions::default()
    };
    assert!(verify_source(&MemoryLog(original.clone()), &options).is_ok());
    let flips: Vec<(usize, u8)> = (0..original.len())
        .flat_map(|byte| (0..8).map(move |bit| (byte, bit)))
        .collect();
    let torn = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for share in flips.chunks(flips.len().div_ceil(2)) {
            let (original, options, torn) = (&original, &options, &torn);
            scope.spawn(move || {
                for &(byte, bit) in share {
                    let mut bytes = original.clone();
                    bytes[byte] ^= 1 << bit;
                    let verdict = verify_source(&MemoryLog(bytes), options);
                    assert!(caught(&verdict), "flip of bit {bit} of byte {byte} passed");
                    let only_torn = kinds(&verdict)
                        .iter()
                        .all(|k| matches!(k, ProblemKind::TornTail { .. }));
                    if only_torn {
                        assert_eq!(
                            byte,
                            original.len() - 1,
                            "only the last newline may look torn"
                        );
                        torn.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    assert!(torn.into_inner() <= 8);
}

#[test]
fn an_edited_field_with_the_old_signature_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = sample(dir.path());
    lines[4] = String::from_utf8(lines[4].clone())
        .unwrap()
        .replacen("\"late_ms\":212", "\"late_ms\":0", 1)
        .into_bytes();
    single_file_log(dir.path(), &lines);
    let verdict = verify_dir(dir.path());
    assert!(matches!(
        kinds(&verdict)[..],
        [ProblemKind::BadLine(loa::airlog::LineError::HashMismatch)]
    ));
}

#[test]
fn an_edit_with_every_hash_recomputed_but_no_key_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = sample(dir.path());
    // An edit that keeps every rule of §5 (the airing turned manual), so
    // only the signatures can catch it.
    lines[4] = rewrite(
        &lines[4],
        |b| b.replacen("\"manual\":false", "\"manual\":true", 1),
        None,
    );
    rechain(&mut lines, 5, None);
    single_file_log(dir.path(), &lines);
    let verdict = verify_dir(dir.path());
    assert!(caught(&verdict));
    assert!(
        kinds(&verdict)
            .iter()
            .all(|k| *k == ProblemKind::BadSignature)
    );
    assert_eq!(verdict.problems.len(), lines.len() - 4);
    // Chain-only checking cannot see this: it checks no signatures.
    assert!(verify_with(dir.path(), chain_only()).is_ok());
    // Signed by another key instead: still caught.
    rechain(&mut lines, 4, Some(&key(9)));
    single_file_log(dir.path(), &lines);
    assert!(caught(&verify_dir(dir.path())));
}

/// The positions the issue lists: first, middle, last.
fn positions(lines: &[Vec<u8>]) -> [usize; 3] {
    [0, lines.len() / 2, lines.len() - 1]
}

#[test]
fn a_deleted_record_is_caught_first_and_middle() {
    for at in positions(&sample(tempfile::tempdir().unwrap().path()))[..2].iter() {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = sample(dir.path());
        lines.remove(*at);
        single_file_log(dir.path(), &lines);
        assert!(caught(&verify_dir(dir.path())), "deleting record {at}");
    }
}

#[test]
fn a_deleted_last_record_is_caught_with_the_held_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    let (mut log, _) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(60)).unwrap();
    log.checkpoint(t0() + minutes(61)).unwrap();
    drop(log);
    let held = latest_checkpoint(dir.path()).unwrap().unwrap();
    let options = VerifyOptions {
        held_checkpoints: vec![held.clone()],
        ..VerifyOptions::default()
    };
    let verdict = verify_with(dir.path(), options.clone());
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    assert_eq!(verdict.held_checkpoints, vec![(held.seq, true)]);

    let file = parts(dir.path())[0].clone();
    let mut lines = lines(&file);
    lines.pop();
    write_lines(&file, &lines);
    let verdict = verify_with(dir.path(), options);
    assert!(matches!(
        kinds(&verdict)[..],
        [ProblemKind::Truncated { .. }]
    ));
}

#[test]
fn a_duplicated_record_is_caught_first_middle_and_last() {
    for at in positions(&sample(tempfile::tempdir().unwrap().path())) {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = sample(dir.path());
        lines.insert(at, lines[at].clone());
        single_file_log(dir.path(), &lines);
        assert!(caught(&verify_dir(dir.path())), "duplicating record {at}");
    }
}

#[test]
fn swapped_records_are_caught_first_middle_and_last() {
    for at in positions(&sample(tempfile::tempdir().unwrap().path())) {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = sample(dir.path());
        let other = if at == 0 { 1 } else { at - 1 };
        lines.swap(at, other);
        single_file_log(dir.path(), &lines);
        assert!(caught(&verify_dir(dir.path())), "swapping record {at}");
    }
}

#[test]
fn an_inserted_record_is_caught_first_middle_and_last() {
    for at in positions(&sample(tempfile::tempdir().unwrap().path())) {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = sample(dir.path());
        // A forged record, properly chained, every later record re-chained,
        // signed by a key that is not the station's.
        let forged = rewrite(
            &lines[2],
            |b| {
                let plan = loa::airlog::Sha256Hash::of_bytes(b"plan").to_hex();
                let forged = loa::airlog::Sha256Hash::of_bytes(b"forged").to_hex();
                b.replacen(&plan, &forged, 1)
            },
            Some(&key(7)),
        );
        lines.insert(at + 1, forged);
        renumber(&mut lines);
        rechain(&mut lines, 1, None);
        single_file_log(dir.path(), &lines);
        assert!(caught(&verify_dir(dir.path())), "inserting at {at}");
    }
}

/// Rewrites every `seq` to its position (keeping signatures).
fn renumber(lines: &mut [Vec<u8>]) {
    for (i, line) in lines.iter_mut().enumerate() {
        *line = rewrite(
            line,
            |body| {
                let start = body.find("\"seq\":").unwrap() + 6;
                let end = start + body[start..].find(',').unwrap();
                format!("{}{i}{}", &body[..start], &body[end..])
            },
            None,
        );
    }
}

#[test]
fn tampering_across_month_files_is_caught() {
    type Tamper = fn(&mut Vec<Vec<u8>>, &mut Vec<Vec<u8>>);
    let cases: [(&str, Tamper); 4] = [
        ("delete the first record of the second file", |_, b| {
            b.remove(0);
        }),
        ("delete the last record of the first file", |a, _| {
            a.pop();
        }),
        ("duplicate a record into the next file", |a, b| {
            b.insert(0, a.last().unwrap().clone())
        }),
        ("swap records across the files", |a, b| {
            std::mem::swap(a.last_mut().unwrap(), &mut b[0])
        }),
    ];
    for (name, tamper) in cases {
        let dir = tempfile::tempdir().unwrap();
        log_across_months(dir.path());
        let files = parts(dir.path());
        let (mut first, mut second) = (lines(&files[0]), lines(&files[1]));
        tamper(&mut first, &mut second);
        write_lines(&files[0], &first);
        write_lines(&files[1], &second);
        assert!(caught(&verify_dir(dir.path())), "{name}");
    }
    // Renaming the files to swap their order breaks the chain too.
    let dir = tempfile::tempdir().unwrap();
    log_across_months(dir.path());
    let files = parts(dir.path());
    let tmp = dir.path().join("tmp");
    std::fs::rename(&files[0], &tmp).unwrap();
    std::fs::rename(&files[1], &files[0]).unwrap();
    std::fs::rename(&tmp, &files[1]).unwrap();
    assert!(caught(&verify_dir(dir.path())));
}

#[test]
fn truncation_at_a_record_boundary_needs_a_held_checkpoint_to_be_seen() {
    let dir = tempfile::tempdir().unwrap();
    log_across_months(dir.path());
    let held_early = HeldCheckpoint::from_line(checkpoint_line(dir.path(), 0).as_slice()).unwrap();
    let held_late = latest_checkpoint(dir.path()).unwrap().unwrap();
    // Cut the log just after the first checkpoint.
    let files = parts(dir.path());
    std::fs::remove_file(&files[1]).unwrap();
    let first = lines(&files[0]);
    let cut = first
        .iter()
        .position(|l| hash_of(l) == held_early.hash)
        .unwrap();
    write_lines(&files[0], &first[..=cut]);

    assert!(
        verify_dir(dir.path()).is_ok(),
        "a shorter chain is valid on its own"
    );
    let with = |held: HeldCheckpoint| VerifyOptions {
        held_checkpoints: vec![held],
        ..VerifyOptions::default()
    };
    assert!(verify_with(dir.path(), with(held_early)).is_ok());
    let verdict = verify_with(dir.path(), with(held_late.clone()));
    assert!(matches!(
        kinds(&verdict)[..],
        [ProblemKind::Truncated { held_seq, .. }] if held_seq == held_late.seq
    ));
    // A checkpoint file someone made up is not evidence of anything.
    let mut forged_line = held_late.line.clone();
    forged_line.push(b'\n');
    let forged = rewrite(&forged_line, |b| b.to_string(), Some(&key(8)));
    let forged = HeldCheckpoint::from_line(forged.strip_suffix(b"\n").unwrap()).unwrap();
    let verdict = verify_with(dir.path(), with(forged));
    assert!(matches!(
        kinds(&verdict)[..],
        [ProblemKind::ForgedCheckpoint { .. }]
    ));
}

/// The `n`th checkpoint line of the log in `dir`.
fn checkpoint_line(dir: &std::path::Path, n: usize) -> Vec<u8> {
    let all: Vec<Vec<u8>> = parts(dir).iter().flat_map(|p| lines(p)).collect();
    let line = all
        .into_iter()
        .filter(|l| l.windows(22).any(|w| w == b"\"kind\":\"checkpoint\",\"d"))
        .nth(n)
        .unwrap();
    line.strip_suffix(b"\n").unwrap().to_vec()
}

#[test]
fn a_record_from_another_station_spliced_in_is_caught() {
    let ours = tempfile::tempdir().unwrap();
    let theirs = tempfile::tempdir().unwrap();
    let mut lines = sample(ours.path());
    let (mut other, _) = AirLog::open(theirs.path(), "can-tho/vinh-hai", key(3), t0()).unwrap();
    other.append(t0(), config_applied()).unwrap();
    drop(other);
    let foreign = common::lines(&parts(theirs.path())[0]).remove(2);
    lines.insert(3, foreign);
    single_file_log(ours.path(), &lines);
    let verdict = verify_dir(ours.path());
    assert!(
        kinds(&verdict)
            .iter()
            .any(|k| matches!(k, ProblemKind::ForeignStation { .. }))
    );
}

#[test]
fn a_valid_log_checked_against_the_wrong_public_key_fails() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    let filed = |seed, station: &str| PublicKeyFile {
        station: station.into(),
        key: PublicKey::of(&key(seed)),
    };
    let with = |keys| VerifyOptions {
        filed_keys: keys,
        ..VerifyOptions::default()
    };
    assert!(verify_with(dir.path(), with(vec![filed(1, STATION)])).is_ok());
    let verdict = verify_with(dir.path(), with(vec![filed(2, STATION)]));
    assert!(matches!(
        kinds(&verdict)[..],
        [ProblemKind::KeyNotFiled { .. }]
    ));
    let verdict = verify_with(dir.path(), with(vec![filed(1, "can-tho/vinh-hai")]));
    assert!(matches!(
        kinds(&verdict)[..],
        [ProblemKind::NoFiledKey { .. }]
    ));
}

#[test]
fn key_rotation_is_followed_and_a_rotation_signed_by_the_wrong_key_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    let (mut log, _) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(60)).unwrap();
    log.rotate_key(t0() + minutes(61), key(2)).unwrap();
    log.append(t0() + minutes(62), config_applied()).unwrap();
    log.stop(t0() + minutes(63)).unwrap();
    let verdict = verify_dir(dir.path());
    assert!(verdict.is_ok(), "{:?}", verdict.problems);
    assert_eq!(verdict.keys.len(), 2);

    let mut lines = lines(&parts(dir.path())[0]);
    let rotation = lines
        .iter()
        .position(|l| l.windows(14).any(|w| w == b"\"key_rotation\""))
        .unwrap();
    lines[rotation] = rewrite(&lines[rotation], |b| b.to_string(), Some(&key(2)));
    single_file_log(dir.path(), &lines);
    let verdict = verify_dir(dir.path());
    assert_eq!(kinds(&verdict), vec![ProblemKind::BadSignature]);
    assert_eq!(verdict.problems[0].line, Some(rotation as u64 + 1));
}

#[test]
fn a_missing_or_misspelt_signature_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let lines = sample(dir.path());
    let text = String::from_utf8(lines[3].clone()).unwrap();
    let sig_at = text.find(",\"sig\":").unwrap();
    let without = format!("{}}}\n", &text[..sig_at]);
    let empty = format!("{}\"}}\n", &text[..sig_at + 8]);
    // Same signature bits, but with the unused low bits of base64 set.
    let end = text.len() - 5;
    let mut misspelt = text.clone().into_bytes();
    misspelt[end] = if misspelt[end] == b'w' { b'x' } else { b'w' };
    for bad in [without.into_bytes(), empty.into_bytes(), misspelt] {
        let mut tampered = lines.clone();
        tampered[3] = bad;
        single_file_log(dir.path(), &tampered);
        assert!(caught(&verify_dir(dir.path())));
    }
}

#[test]
fn parser_abuse_is_caught_even_when_signed_by_the_station() {
    let station_key = key(1);
    type Abuse = fn(&str) -> String;
    let abuses: [(&str, Abuse); 6] = [
        ("duplicate key in data", |b| {
            b.replacen("\"slot\":\"sang\"", "\"slot\":\"sang\",\"slot\":\"toi\"", 1)
        }),
        ("duplicate fixed key", |b| {
            b.replacen("\"seq\":3,", "\"seq\":3,\"seq\":3,", 1)
        }),
        ("unknown field", |b| {
            b.replacen("\"manual\":", "\"extra\":1,\"manual\":", 1)
        }),
        ("whitespace in data", |b| {
            b.replacen("\"slot\":\"", "\"slot\": \"", 1)
        }),
        ("whitespace in header", |b| {
            b.replacen("\"seq\":", "\"seq\": ", 1)
        }),
        ("reordered fixed keys", |b| {
            b.replacen("{\"v\":1,\"station\":", "{\"station\":", 1)
                .replacen(",\"seq\":", ",\"v\":1,\"seq\":", 1)
        }),
    ];
    for (name, abuse) in abuses {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = sample(dir.path());
        lines[3] = rewrite(&lines[3], abuse, Some(&station_key));
        assert_ne!(
            lines[3],
            sample(tempfile::tempdir().unwrap().path())[3],
            "{name}"
        );
        rechain(&mut lines, 4, Some(&station_key));
        single_file_log(dir.path(), &lines);
        let verdict = verify_dir(dir.path());
        assert!(caught(&verdict), "{name}");
        assert!(
            matches!(verdict.problems[0].kind, ProblemKind::BadLine(_)),
            "{name}: {:?}",
            verdict.problems
        );
    }
}

#[test]
fn crlf_bom_and_invalid_utf8_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let original = sample(dir.path());
    let mut crlf = original.clone();
    crlf[2] = [&crlf[2][..crlf[2].len() - 1], b"\r\n"].concat();
    let mut bom = original.clone();
    bom[0] = [b"\xEF\xBB\xBF", &bom[0][..]].concat();
    let mut utf8 = original.clone();
    utf8[3] = rewrite(&utf8[3], |b| b.to_string(), Some(&key(1)));
    let at = utf8[3].windows(4).position(|w| w == b"sang").unwrap();
    utf8[3][at] = 0xff;
    for bad in [crlf, bom, utf8] {
        single_file_log(dir.path(), &bad);
        let verdict = verify_dir(dir.path());
        assert!(
            matches!(verdict.problems[0].kind, ProblemKind::BadLine(_)),
            "{:?}",
            verdict.problems
        );
    }
}

#[test]
fn strict_and_batch_verification_agree() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = sample(dir.path());
    lines[4] = rewrite(&lines[4], |b| b.replacen("212", "213", 1), None);
    rechain(&mut lines, 5, None);
    single_file_log(dir.path(), &lines);
    let batch = verify_dir(dir.path());
    let strict = verify_with(
        dir.path(),
        VerifyOptions {
            signatures: SignatureCheck::Strict,
            ..VerifyOptions::default()
        },
    );
    assert_eq!(batch.problems, strict.problems);
}

/// Regression: a relay record with 201 events was accepted, though §5 says
/// at most 200 and §7.1 that verifiers check each kind's schema. Signed by
/// the station itself: only the schema can catch it.
#[test]
fn a_relay_record_with_more_than_200_events_is_rejected() {
    use loa::airlog::record::{RelayAired, RelayEventAired};
    for (events, accepted) in [(200, true), (201, false)] {
        let dir = tempfile::tempdir().unwrap();
        let (mut log, _) = AirLog::open(dir.path(), STATION, key(1), t0()).unwrap();
        let (start, mut end) = airing("tiep-song", t0() + minutes(1), 1);
        if let loa::airlog::RecordKind::AiringEnd(end) = &mut end {
            end.relay = Some(RelayAired {
                url: "https://radio.example.vn/live".into(),
                relayed_ms: 60_000,
                fallback_ms: 0,
                silent_ms: 0,
                failed: None,
                events: (0..events)
                    .map(|i| RelayEventAired {
                        at: t0() + minutes(1) + chrono::Duration::milliseconds(i),
                        kind: "title".into(),
                        detail: Some(format!("title {i}")),
                    })
                    .collect(),
                events_lost: 0,
            });
        }
        log.append(t0() + minutes(1), start).unwrap();
        log.append(t0() + minutes(6), end).unwrap();
        log.stop(t0() + minutes(7)).unwrap();
        let verdict = verify_dir(dir.path());
        assert_eq!(
            !caught(&verdict),
            accepted,
            "{events} events: {:?}",
            verdict.problems
        );
    }
}
