//! `loa verify`'s engine: every record of a station's log checked for
//! layout, hash, fields, sequence, chain, station, signature and key chain,
//! and against checkpoints the Department kept.
//!
//! Work is split so both cores are busy and memory stays constant: one
//! thread reads chunks of whole lines and runs the in-order chain check
//! ([`sequencer`]); worker threads check each chunk's lines on their own
//! ([`parse`]) and then its signatures in one batch ([`signatures`]). At
//! most a few chunks are in flight at any time.

pub mod chunks;
pub mod json;
pub mod parse;
pub mod sequencer;
pub mod signatures;
pub mod source;
pub mod verdict;

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use crate::airlog::checkpoint::HeldCheckpoint;
use crate::airlog::key::PublicKeyFile;

use chunks::{Chunk, ChunkReader};
use parse::{ParsedChunk, parse_chunk};
use sequencer::{Origin, Sequencer};
pub use signatures::SignatureCheck;
use signatures::SignatureItem;
pub use source::{ChainStart, Claims, DirSource, LogSource, sources_at};
pub use verdict::{Problem, ProblemKind, StationVerdict};

/// How to verify.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// How signatures are checked (`Skip` is chain-only checking, which
    /// also skips the schema of kinds the chain does not need).
    pub signatures: SignatureCheck,
    /// Keys the Department filed; when not empty, each station's genesis
    /// key must be among them.
    pub filed_keys: Vec<PublicKeyFile>,
    /// Checkpoints kept from earlier exports; the log must contain each
    /// one of its station and extend it.
    pub held_checkpoints: Vec<HeldCheckpoint>,
    /// Worker threads (the machine's cores by default).
    pub threads: usize,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self {
            signatures: SignatureCheck::Batch,
            filed_keys: Vec::new(),
            held_checkpoints: Vec::new(),
            threads: crate::parallel::cpus(),
        }
    }
}

enum Job {
    Parse(Chunk),
    Signatures {
        index: usize,
        items: Vec<SignatureItem>,
    },
}

enum Done {
    Parsed(ParsedChunk),
    Signatures { index: usize, failed: Vec<u32> },
}

/// Verifies many stations' logs, using every core: with several stations,
/// each thread verifies whole stations; with one, its chunks are shared.
/// The verdicts come back in the order of `sources`.
pub fn verify_sources<S: LogSource + Sync>(
    sources: &[S],
    options: &VerifyOptions,
) -> Vec<StationVerdict> {
    let threads = options.threads.max(1);
    if sources.len() < 2 || threads == 1 {
        return sources.iter().map(|s| verify_source(s, options)).collect();
    }
    let one_thread_each = VerifyOptions {
        threads: 1,
        ..options.clone()
    };
    crate::parallel::parallel_map(sources, threads, |source| {
        verify_source(source, &one_thread_each)
    })
}

/// Verifies one station's log (on the calling thread alone when
/// `options.threads` is 1).
pub fn verify_source(source: &dyn LogSource, options: &VerifyOptions) -> StationVerdict {
    let part_names = source.part_names();
    let mut filed_keys = options.filed_keys.clone();
    filed_keys.extend(source.carried_keys());
    let mut sequencer = Sequencer::new(
        source.label(),
        &part_names,
        &filed_keys,
        options.held_checkpoints.clone(),
        options.signatures != SignatureCheck::Skip,
    );
    sequencer.carry(source.carried_checkpoints());
    if let Some(start) = source.chain_start() {
        sequencer.start_at(start);
    }
    if let Some(claims) = source.claims() {
        sequencer.hold_to(claims);
    }
    let full = options.signatures != SignatureCheck::Skip;
    let check = options.signatures;
    let threads = options.threads.max(1);
    if threads == 1 {
        verify_here(source, &mut sequencer, full, check);
        return sequencer.finish();
    }
    let (job_tx, job_rx) = channel::<Job>();
    let (done_tx, done_rx) = channel::<Done>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || work(&job_rx, &done_tx, full, check));
        }
        drop(done_tx);
        coordinate(source, &mut sequencer, &job_tx, &done_rx, threads);
        drop(job_tx);
    });
    sequencer.finish()
}

/// Every step on the calling thread, chunk after chunk.
fn verify_here(
    source: &dyn LogSource,
    sequencer: &mut Sequencer<'_>,
    full: bool,
    check: SignatureCheck,
) {
    let mut reader = ChunkReader::new(source);
    while let Some(chunk) = reader.next_chunk() {
        let mut parsed = parse_chunk(chunk, full);
        reader.recycle(std::mem::take(&mut parsed.spare));
        let last_part = reader.is_last_part(parsed.part);
        let job = sequencer.take(parsed, last_part);
        let failed = signatures::failing(&job.items, check);
        sequencer.signatures_failed(&job.origins, &failed);
    }
}

fn work(jobs: &Mutex<Receiver<Job>>, done: &Sender<Done>, full: bool, check: SignatureCheck) {
    loop {
        let job = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let result = match job {
            Err(_) => return,
            Ok(Job::Parse(chunk)) => Done::Parsed(parse_chunk(chunk, full)),
            Ok(Job::Signatures { index, items }) => Done::Signatures {
                index,
                failed: signatures::failing(&items, check),
            },
        };
        if done.send(result).is_err() {
            return;
        }
    }
}

/// Reads chunks, keeps a few in flight, runs the chain check in order, and
/// sends each chunk's signatures back out.
fn coordinate(
    source: &dyn LogSource,
    sequencer: &mut Sequencer<'_>,
    jobs: &Sender<Job>,
    done: &Receiver<Done>,
    threads: usize,
) {
    let max_in_flight = threads * 3;
    let mut reader = ChunkReader::new(source);
    let mut exhausted = false;
    let mut in_flight = 0usize;
    let mut parsed: BTreeMap<usize, ParsedChunk> = BTreeMap::new();
    let mut origins: BTreeMap<usize, Vec<Origin>> = BTreeMap::new();
    let mut next_in_order = 0usize;
    loop {
        while !exhausted && in_flight < max_in_flight {
            match reader.next_chunk() {
                Some(chunk) => {
                    in_flight += 1;
                    if jobs.send(Job::Parse(chunk)).is_err() {
                        return;
                    }
                }
                None => exhausted = true,
            }
        }
        if in_flight == 0 {
            return;
        }
        let Ok(result) = done.recv() else { return };
        match result {
            Done::Parsed(mut chunk) => {
                reader.recycle(std::mem::take(&mut chunk.spare));
                parsed.insert(chunk.index, chunk);
                while let Some(chunk) = parsed.remove(&next_in_order) {
                    let index = chunk.index;
                    let last_part = reader.is_last_part(chunk.part);
                    let job = sequencer.take(chunk, last_part);
                    next_in_order += 1;
                    if job.items.is_empty() {
                        in_flight -= 1;
                        continue;
                    }
                    origins.insert(index, job.origins);
                    let items = job.items;
                    if jobs.send(Job::Signatures { index, items }).is_err() {
                        return;
                    }
                }
            }
            Done::Signatures { index, failed } => {
                in_flight -= 1;
                if let Some(origins) = origins.remove(&index) {
                    sequencer.signatures_failed(&origins, &failed);
                }
            }
        }
    }
}
