//! Whether a batch of lines extends a station's chain: the same rules
//! `loa verify` applies (`docs/airlog.md` §4, §7), checked one batch at a
//! time against the head the hub holds, so the store never holds a record
//! that `loa verify` would refuse.

use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;

use crate::airlog::codec::check_line;
use crate::airlog::hash::Sha256Hash;
use crate::airlog::key::PublicKey;
use crate::airlog::record::RecordKind;
use crate::airlog::verify::SignatureCheck;
use crate::airlog::verify::signatures::{SignatureItem, failing};
use crate::hub::protocol::{MAX_BATCH_BYTES, MAX_BATCH_RECORDS, RefusalCode};

/// How far the hub holds one station's chain.
#[derive(Debug, Clone, Default)]
pub struct ChainState {
    /// The `seq` expected next.
    pub next_seq: u64,
    /// The hash of record `next_seq - 1` (zeros when empty).
    pub head: Sha256Hash,
    /// The key in force for the next record (`None` before genesis).
    pub key: Option<VerifyingKey>,
}

/// One line of a batch, checked on its own (layout, hash, fields, kind).
#[derive(Debug, Clone)]
pub struct BatchLine<'a> {
    /// The line as sent, LF included: what is stored.
    pub bytes: &'a [u8],
    /// The station its body names.
    pub station: String,
    /// `seq`.
    pub seq: u64,
    /// `prev`.
    pub prev: Sha256Hash,
    /// `at`.
    pub at: DateTime<Utc>,
    /// The record hash.
    pub hash: Sha256Hash,
    /// The signature as stored.
    pub signature: [u8; 64],
    /// The kind, parsed strictly.
    pub kind: RecordKind,
}

/// A refusal, before it becomes the protocol's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The code.
    pub code: RefusalCode,
    /// What was wrong, for the station's journal.
    pub detail: String,
    /// The 1-based line at fault.
    pub line: Option<u64>,
    /// The `seq` the hub expects next (gap, fork).
    pub next_seq: Option<u64>,
}

impl Refused {
    /// A refusal with no line or head.
    pub fn new(code: RefusalCode, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
            line: None,
            next_seq: None,
        }
    }

    fn at_line(code: RefusalCode, index: usize, detail: impl Into<String>) -> Self {
        Self {
            line: Some(index as u64 + 1),
            ..Self::new(code, detail)
        }
    }
}

/// Splits a batch body into its lines (each keeps its LF) and checks each
/// on its own. Garbage, an unfinished last line, too many lines or lines
/// of two stations refuse the whole batch.
pub fn parse_batch(body: &[u8]) -> Result<Vec<BatchLine<'_>>, Refused> {
    if body.len() > MAX_BATCH_BYTES {
        return Err(Refused::new(RefusalCode::TooLarge, "batch too large"));
    }
    if body.is_empty() || !body.ends_with(b"\n") {
        return Err(Refused::new(
            RefusalCode::BadRequest,
            "a batch is log lines, each ending in LF",
        ));
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', body) {
        if lines.len() == MAX_BATCH_RECORDS {
            return Err(Refused::new(RefusalCode::TooLarge, "too many lines"));
        }
        let index = lines.len();
        let line = check_one(&body[start..=end])
            .map_err(|detail| Refused::at_line(RefusalCode::Invalid, index, detail))?;
        if let Some(first) = lines.first().map(|l: &BatchLine<'_>| &l.station)
            && *first != line.station
        {
            return Err(Refused::at_line(
                RefusalCode::BadRequest,
                index,
                "lines of two stations in one batch",
            ));
        }
        lines.push(line);
        start = end + 1;
    }
    Ok(lines)
}

fn check_one(bytes: &[u8]) -> Result<BatchLine<'_>, String> {
    let without_lf = &bytes[..bytes.len() - 1];
    let checked = check_line(without_lf).map_err(|e| format!("{e:?}"))?;
    let kind = checked.kind().map_err(|e| format!("{e:?}"))?;
    Ok(BatchLine {
        bytes,
        station: checked.header.station.to_string(),
        seq: checked.header.seq,
        prev: checked.header.prev,
        at: checked.header.at,
        hash: checked.hash(),
        signature: checked.raw.signature,
        kind,
    })
}

/// Checks that `lines` (whose first `seq` is `state.next_seq`) extend the
/// chain: consecutive `seq`, `prev` links, genesis first and signed by a
/// filed key, key rotations, checkpoints naming the record before them,
/// and every signature under the key in force (ZIP 215, batch-checked).
/// Returns the state after them. `offset` is the index of `lines[0]` in
/// the batch, for the line number of a refusal.
pub fn extend(
    state: &ChainState,
    filed: &[PublicKey],
    lines: &[BatchLine<'_>],
    offset: usize,
) -> Result<ChainState, Refused> {
    let mut next = state.clone();
    let mut items = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let invalid = |detail: &str| Refused::at_line(RefusalCode::Invalid, offset + index, detail);
        if line.seq != next.next_seq {
            return Err(invalid("seq does not follow the one before"));
        }
        if line.prev != next.head {
            return Err(invalid("prev is not the hash of the record before"));
        }
        let signer = match &line.kind {
            RecordKind::Genesis(genesis) => {
                if line.seq != 0 {
                    return Err(invalid("a second genesis"));
                }
                if !filed.contains(&genesis.public_key) {
                    return Err(invalid("the genesis key is not the station's filed key"));
                }
                next.key = genesis.public_key.verifying_key();
                next.key
            }
            _ if line.seq == 0 => return Err(invalid("the first record must be genesis")),
            RecordKind::KeyRotation(rotation) => {
                let signer = next.key;
                next.key = Some(
                    rotation
                        .public_key
                        .verifying_key()
                        .ok_or_else(|| invalid("the rotated-to key is not usable"))?,
                );
                signer
            }
            RecordKind::Checkpoint(checkpoint) => {
                let before = line.seq.checked_sub(1);
                if Some(checkpoint.seq) != before || checkpoint.head != line.prev {
                    return Err(invalid("the checkpoint does not name the record before it"));
                }
                next.key
            }
            _ => next.key,
        };
        let key = signer.ok_or_else(|| invalid("no usable key in force"))?;
        items.push(SignatureItem {
            index: index as u32,
            hash: line.hash.0,
            signature: line.signature,
            key,
        });
        next.next_seq = line.seq + 1;
        next.head = line.hash;
    }
    if let Some(&bad) = failing(&items, SignatureCheck::Batch).iter().min() {
        return Err(Refused::at_line(
            RefusalCode::Invalid,
            offset + bad as usize,
            "the signature does not verify under the station's key",
        ));
    }
    Ok(next)
}
