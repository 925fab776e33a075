//! The in-order half of verification: sequence numbers, the hash chain, the
//! station, which key is in force for each record (genesis, rotations),
//! checkpoints inside the log and held outside it. It runs on one thread
//! over the workers' summaries and hands signatures back to them.

use ed25519_dalek::VerifyingKey;

use crate::airlog::checkpoint::HeldCheckpoint;
use crate::airlog::hash::Sha256Hash;
use crate::airlog::key::{PublicKey, PublicKeyFile};
use crate::airlog::record::PreviousRun;

use super::chunks::After;
use super::parse::{ParsedChunk, Role, Summary};
use super::signatures::SignatureItem;
use super::source::{ChainStart, Claims};
use super::verdict::{Problem, ProblemKind, StationVerdict};

/// Where a record of a chunk came from, for reporting signature failures.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    /// Which month file.
    pub part: usize,
    /// 1-based line.
    pub line: u64,
    /// Sequence number.
    pub seq: u64,
}

/// Signatures to check for one chunk, and where each record came from.
pub struct SignatureJob {
    /// One item per record whose key is known; `index` points into `origins`.
    pub items: Vec<SignatureItem>,
    /// Where each item's record is.
    pub origins: Vec<Origin>,
}

/// The chain check's state between chunks.
pub struct Sequencer<'a> {
    part_names: &'a [String],
    filed_keys: &'a [PublicKeyFile],
    held: Vec<HeldCheckpoint>,
    held_found: Vec<bool>,
    /// Where in `held` the checkpoints carried with the log begin (a
    /// bundle's own): those must belong to the log, whatever station.
    carried_from: usize,
    /// The previous good record: seq and hash.
    last: Option<(u64, Sha256Hash)>,
    /// The line before this one was bad: the chain cannot be checked across it.
    after_bad_line: bool,
    /// What the previous good record was, for `previous_run` (§7.10);
    /// `None` before a slice's first record.
    previous: Option<Previous>,
    /// The first good record: seq and hash (a bundle's manifest names it).
    first: Option<(u64, Sha256Hash)>,
    key: Option<VerifyingKey>,
    genesis_seen: bool,
    /// Where a slice of the chain begins, until its first record is seen.
    start: Option<ChainStart>,
    /// What a bundle's manifest says of the records.
    claims: Option<Claims>,
    /// The verdict being built.
    pub verdict: StationVerdict,
}

impl<'a> Sequencer<'a> {
    /// A sequencer for one source.
    pub fn new(
        label: String,
        part_names: &'a [String],
        filed_keys: &'a [PublicKeyFile],
        held: Vec<HeldCheckpoint>,
        signatures_checked: bool,
    ) -> Self {
        let held_found = vec![false; held.len()];
        let carried_from = held.len();
        Self {
            part_names,
            filed_keys,
            held,
            held_found,
            carried_from,
            last: None,
            after_bad_line: false,
            previous: None,
            first: None,
            key: None,
            genesis_seen: false,
            start: None,
            claims: None,
            verdict: StationVerdict {
                label,
                signatures_checked,
                ..StationVerdict::default()
            },
        }
    }

    /// Checks a slice of the chain (an export): the first record must be
    /// `start.seq`, signed by `start.key`; the chain is checked from there.
    pub fn start_at(&mut self, start: ChainStart) {
        if start.seq > 0 {
            self.start = Some(start);
            self.verdict.first_seq = Some(start.seq);
        }
    }

    /// Holds the records to what a bundle's manifest says of them.
    pub fn hold_to(&mut self, claims: Claims) {
        self.claims = Some(claims);
    }

    /// Checks a chunk's records in order; returns its signatures to check.
    pub fn take(&mut self, chunk: ParsedChunk, is_last_part: bool) -> SignatureJob {
        let mut job = SignatureJob {
            items: Vec::with_capacity(chunk.entries.len()),
            origins: Vec::with_capacity(chunk.entries.len()),
        };
        let mut line = chunk.first_line;
        for entry in chunk.entries {
            match entry {
                Ok(summary) => {
                    let station = chunk.stations.get(usize::from(summary.station));
                    self.good_record(&summary, station, chunk.part, line, &mut job);
                }
                Err(error) => {
                    self.problem(chunk.part, Some(line), None, ProblemKind::BadLine(error));
                    self.after_bad_line = true;
                }
            }
            line += 1;
        }
        self.after_lines(chunk.part, line, chunk.after, is_last_part);
        job
    }

    fn after_lines(&mut self, part: usize, line: u64, after: After, is_last_part: bool) {
        let kind = match after {
            After::Nothing => return,
            After::PartialLine(length) if is_last_part => ProblemKind::TornTail { length },
            After::PartialLine(length) => ProblemKind::PartialLine { length },
            After::OverlongLine => ProblemKind::BadLine(crate::airlog::LineError::Layout),
            After::Unreadable(kind) => {
                ProblemKind::Unreadable(std::io::Error::from(kind).to_string())
            }
        };
        self.problem(part, Some(line), None, kind);
        self.after_bad_line = true;
    }

    fn good_record(
        &mut self,
        record: &Summary,
        station: Option<&String>,
        part: usize,
        line: u64,
        job: &mut SignatureJob,
    ) {
        let here = |kind| (part, Some(line), Some(record.seq), kind);
        let mut problems = Vec::new();
        self.check_station(station, &mut problems, here);
        if let Some(start) = self.start.take() {
            self.begin_slice(record, start, &mut problems, &here);
        }
        self.check_chain(record, &mut problems, here);
        self.check_previous_run(record, &mut problems, here);
        let signer = self.key_for(record, &mut problems, here);
        if let (Some(key), true) = (signer, self.verdict.signatures_checked) {
            job.items.push(SignatureItem {
                index: job.origins.len() as u32,
                hash: record.hash.0,
                signature: record.signature,
                key,
            });
            job.origins.push(Origin {
                part,
                line,
                seq: record.seq,
            });
        }
        for (part, line, seq, kind) in problems {
            self.problem(part, line, seq, kind);
        }
        self.check_held(record, signer);
        self.count(record);
        self.last = Some((record.seq, record.hash));
        self.first.get_or_insert((record.seq, record.hash));
        self.previous = Some(match record.role {
            Role::Genesis(_) => Previous::Genesis,
            Role::DaemonStop => Previous::DaemonStop,
            _ => Previous::Other,
        });
        self.after_bad_line = false;
    }

    /// A `daemon_start` says `clean_stop` exactly when the record before it
    /// is a `daemon_stop`, and `none` only right after genesis (§5, §7.10).
    fn check_previous_run(
        &mut self,
        record: &Summary,
        problems: &mut Vec<Located>,
        here: impl Fn(ProblemKind) -> Located,
    ) {
        let (Role::DaemonStart(said), Some(previous), false) =
            (record.role, self.previous, self.after_bad_line)
        else {
            return;
        };
        let consistent = match said {
            PreviousRun::CleanStop => previous == Previous::DaemonStop,
            PreviousRun::Crashed => previous != Previous::DaemonStop,
            PreviousRun::None => previous == Previous::Genesis,
        };
        if !consistent {
            problems.push(here(ProblemKind::PreviousRunMismatch { said }));
        }
    }

    fn check_station(
        &mut self,
        station: Option<&String>,
        problems: &mut Vec<Located>,
        here: impl Fn(ProblemKind) -> Located,
    ) {
        let found = station.cloned().unwrap_or_default();
        match &self.verdict.station {
            None => self.verdict.station = Some(found),
            Some(expected) if *expected != found => {
                problems.push(here(ProblemKind::ForeignStation {
                    expected: expected.clone(),
                    found,
                }));
            }
            Some(_) => {}
        }
    }

    fn check_chain(
        &mut self,
        record: &Summary,
        problems: &mut Vec<Located>,
        here: impl Fn(ProblemKind) -> Located,
    ) {
        match self.last {
            None if !self.after_bad_line => {
                let is_genesis = matches!(record.role, Role::Genesis(_));
                if !(is_genesis && record.seq == 0 && record.prev == Sha256Hash::ZERO) {
                    problems.push(here(ProblemKind::NoGenesis));
                }
            }
            Some((seq, hash)) if !self.after_bad_line => {
                if record.seq != seq.wrapping_add(1) {
                    problems.push(here(ProblemKind::OutOfSequence {
                        expected: seq.wrapping_add(1),
                        found: record.seq,
                    }));
                } else if record.prev != hash {
                    problems.push(here(ProblemKind::ChainBroken));
                }
            }
            _ => {}
        }
        if let Role::Checkpoint(checkpoint) = record.role
            && self.last != Some((checkpoint.seq, checkpoint.head))
            && !self.after_bad_line
        {
            problems.push(here(ProblemKind::CheckpointMismatch));
        }
    }

    /// The first record of a slice: its predecessor is taken on trust from
    /// its `prev` (a held checkpoint is what proves it), its key from the
    /// slice's start.
    fn begin_slice(
        &mut self,
        record: &Summary,
        start: ChainStart,
        problems: &mut Vec<Located>,
        here: &impl Fn(ProblemKind) -> Located,
    ) {
        if record.seq != start.seq {
            problems.push(here(ProblemKind::OutOfSequence {
                expected: start.seq,
                found: record.seq,
            }));
        }
        if let Some(before) = record.seq.checked_sub(1) {
            self.last = Some((before, record.prev));
        }
        self.genesis_seen = true;
        self.check_filed(start.key, problems, here);
        self.key = self.adopt(start.seq, start.key, problems, here);
    }

    /// The key that must have signed `record`, updating the key in force.
    fn key_for(
        &mut self,
        record: &Summary,
        problems: &mut Vec<Located>,
        here: impl Fn(ProblemKind) -> Located,
    ) -> Option<VerifyingKey> {
        match record.role {
            Role::Genesis(public) => {
                if self.genesis_seen || self.last.is_some() {
                    problems.push(here(ProblemKind::LateGenesis));
                    return self.key;
                }
                self.genesis_seen = true;
                self.check_filed(public, problems, &here);
                self.key = self.adopt(record.seq, public, problems, &here);
                self.key
            }
            Role::Rotation(public) => {
                let signer = self.key;
                if let Some(next) = self.adopt(record.seq + 1, public, problems, &here) {
                    self.key = Some(next);
                }
                signer
            }
            _ => self.key,
        }
    }

    fn adopt(
        &mut self,
        from_seq: u64,
        public: PublicKey,
        problems: &mut Vec<Located>,
        here: &impl Fn(ProblemKind) -> Located,
    ) -> Option<VerifyingKey> {
        let key = public.verifying_key();
        if key.is_none() {
            problems.push(here(ProblemKind::UnusableKey));
        }
        self.verdict.keys.push((from_seq, public));
        key
    }

    fn check_filed(
        &mut self,
        public: PublicKey,
        problems: &mut Vec<Located>,
        here: &impl Fn(ProblemKind) -> Located,
    ) {
        if self.filed_keys.is_empty() {
            return;
        }
        let station = self.verdict.station.as_deref().unwrap_or_default();
        let filed: Vec<PublicKey> = self
            .filed_keys
            .iter()
            .filter(|f| f.station == station)
            .map(|f| f.key)
            .collect();
        if filed.is_empty() {
            let mut filed_for: Vec<String> =
                self.filed_keys.iter().map(|f| f.station.clone()).collect();
            filed_for.dedup();
            problems.push(here(ProblemKind::NoFiledKey { filed_for }));
        } else if !filed.contains(&public) {
            problems.push(here(ProblemKind::KeyNotFiled { key: public, filed }));
        } else {
            self.verdict.origin_checked = true;
        }
    }

    /// A held checkpoint must be this very record, signed by the key in
    /// force here (which ties a slice's starting key to the chain the
    /// Department verified before).
    fn check_held(&mut self, record: &Summary, signer: Option<VerifyingKey>) {
        let check_signature = self.verdict.signatures_checked;
        // A held checkpoint speaks of its own station's log only (§7.8): a
        // folder of last time's checkpoints holds every station's.
        let station = self.verdict.station.clone().unwrap_or_default();
        for (held, found) in self.held.iter().zip(self.held_found.iter_mut()) {
            if held.station == station && held.seq == record.seq {
                *found = true;
                // §6.5: a held line the key in force here did not sign is
                // forged, whether or not its hash is this record's.
                let forged = check_signature && !signer.is_some_and(|key| held.signed_by(&key));
                let kind = if forged {
                    ProblemKind::ForgedCheckpoint { held_seq: held.seq }
                } else if held.hash != record.hash {
                    ProblemKind::CheckpointDiffers { held_seq: held.seq }
                } else {
                    continue;
                };
                let problem = Problem {
                    seq: Some(held.seq),
                    ..whole_log(kind)
                };
                self.verdict.add(problem);
            }
        }
    }

    fn count(&mut self, record: &Summary) {
        let verdict = &mut self.verdict;
        verdict.records += 1;
        verdict.period = Some(match verdict.period {
            None => (record.at, record.at),
            Some((first, _)) => (first, record.at),
        });
        verdict.head = Some((record.seq, record.hash));
        if let Role::Checkpoint(_) = record.role {
            verdict.last_checkpoint = Some((record.seq, record.at));
        }
    }

    /// Reports the signatures that failed.
    pub fn signatures_failed(&mut self, origins: &[Origin], failed: &[u32]) {
        for &index in failed {
            if let Some(origin) = origins.get(index as usize) {
                self.problem(
                    origin.part,
                    Some(origin.line),
                    Some(origin.seq),
                    ProblemKind::BadSignature,
                );
            }
        }
    }

    /// Adds the checkpoints carried with the log itself (a bundle's own
    /// checkpoint): unlike a held one, it must be of this very log.
    pub fn carry(&mut self, checkpoints: Vec<HeldCheckpoint>) {
        self.held_found.extend(checkpoints.iter().map(|_| false));
        self.held.extend(checkpoints);
    }

    /// Closes the verdict: held checkpoints the log did not reach, an empty log.
    pub fn finish(mut self) -> StationVerdict {
        if self.verdict.records == 0 {
            self.verdict.add(whole_log(ProblemKind::Empty));
        }
        if let Some(claims) = self.claims.take() {
            self.check_claims(claims);
        }
        let last_seq = self.last.map(|(seq, _)| seq);
        let station = self.verdict.station.clone().unwrap_or_default();
        for (index, (held, found)) in self.held.iter().zip(&self.held_found).enumerate() {
            if held.station != station {
                if index >= self.carried_from {
                    self.verdict.add(Problem {
                        seq: Some(held.seq),
                        ..whole_log(ProblemKind::ForeignCheckpoint {
                            station: held.station.clone(),
                        })
                    });
                }
                continue;
            }
            if index < self.carried_from {
                // Say only what was asked: a bundle's own checkpoint is
                // part of its verdict, not a "kept" one.
                self.verdict.held_checkpoints.push((held.seq, *found));
            }
            if *found {
                continue;
            }
            let kind = if let Some(first_seq) = self.verdict.first_seq
                && held.seq < first_seq
            {
                ProblemKind::StartsAfterCheckpoint {
                    held_seq: held.seq,
                    first_seq,
                }
            } else if !key_in_force(&self.verdict.keys, held.seq)
                .and_then(|key| key.verifying_key())
                .is_some_and(|key| held.signed_by(&key))
            {
                ProblemKind::ForgedCheckpoint { held_seq: held.seq }
            } else if last_seq.is_some_and(|last| last >= held.seq) {
                ProblemKind::CheckpointDiffers { held_seq: held.seq }
            } else {
                ProblemKind::Truncated {
                    held_seq: held.seq,
                    last_seq,
                }
            };
            self.verdict.add(Problem {
                seq: Some(held.seq),
                ..whole_log(kind)
            });
        }
        self.verdict.problems.sort_by_key(|p| {
            let part = crate::airlog::parts::PartName::parse(&p.file);
            (p.file.is_empty(), part, p.line)
        });
        self.verdict
    }

    /// A bundle's manifest must name the station, first and last record
    /// its records show (§8.3); its own problems come first.
    fn check_claims(&mut self, claims: Claims) {
        for kind in claims.problems {
            self.verdict.add(whole_log(kind));
        }
        let (first_seq, first_hash, first_key) = claims.first;
        let genesis_key = self.verdict.keys.first().map(|(_, key)| *key);
        let mismatches = [
            (
                "station",
                self.verdict.station.as_deref() != Some(&claims.station),
            ),
            (
                "first",
                self.first != Some((first_seq, first_hash))
                    || (first_seq == 0 && genesis_key != Some(first_key)),
            ),
            ("last", self.verdict.head != Some(claims.last)),
        ];
        for (field, differs) in mismatches {
            if differs {
                self.verdict
                    .add(whole_log(ProblemKind::ManifestMismatch { field }));
            }
        }
    }

    fn problem(&mut self, part: usize, line: Option<u64>, seq: Option<u64>, kind: ProblemKind) {
        let file = self.part_names.get(part).cloned().unwrap_or_default();
        self.verdict.add(Problem {
            file,
            line,
            seq,
            kind,
        });
    }
}

type Located = (usize, Option<u64>, Option<u64>, ProblemKind);

/// What the previous good record was, as far as `previous_run` cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Previous {
    Genesis,
    DaemonStop,
    Other,
}

/// The key in force at `seq` as the log shows it (§6.5): the newest key
/// taken over at or before it, and past the log's end the last one.
fn key_in_force(keys: &[(u64, PublicKey)], seq: u64) -> Option<PublicKey> {
    keys.iter()
        .take_while(|(from_seq, _)| *from_seq <= seq)
        .last()
        .map(|(_, key)| *key)
}

fn whole_log(kind: ProblemKind) -> Problem {
    Problem {
        file: String::new(),
        line: None,
        seq: None,
        kind,
    }
}
