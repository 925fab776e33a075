//! No input makes the reader, the verifier or the writer's recovery panic:
//! random damage to a real log (bytes changed, inserted, removed, lines
//! cut), checked with proptest.

#[path = "support/airlog/mod.rs"]
mod common;

use common::*;
use loa::airlog::verify::VerifyOptions;
use loa::airlog::{AirLog, read_records};
use proptest::prelude::*;

fn sample_bytes() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    small_log(dir.path());
    std::fs::read(&parts(dir.path())[0]).unwrap()
}

#[derive(Debug, Clone)]
enum Damage {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Damage::Set(at, b)),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 0..40)
        )
            .prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        (any::<usize>(), 0usize..300).prop_map(|(at, n)| Damage::Remove(at, n)),
        any::<usize>().prop_map(Damage::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    let len = bytes.len().max(1);
    match damage {
        Damage::Set(at, b) => {
            if let Some(byte) = bytes.get_mut(at % len) {
                *byte = *b;
            }
        }
        Damage::Insert(at, new) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Damage::Remove(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Damage::Truncate(at) => bytes.truncate(at % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn damaged_logs_never_panic(damages in proptest::collection::vec(damage(), 1..6)) {
        let mut bytes = sample_bytes();
        for d in &damages {
            apply(&mut bytes, d);
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("air-2021-03.jsonl"), &bytes).unwrap();
        for options in [VerifyOptions::default(), chain_only()] {
            let _ = verify_with(dir.path(), options);
        }
        let _ = read_records(dir.path()).unwrap().count();
        // Recovery, then the log must verify from the writer's point on.
        if let Ok((log, _)) = AirLog::open(dir.path(), STATION, key(1), t0() + minutes(99)) {
            drop(log);
            let _ = verify_dir(dir.path());
        }
    }
}
