//! Fuzzing the export bundle reader (`loa verify FILE`, `loa report FILE`):
//! real bundles made by `loa export`, mutated, read as both commands read
//! them (see `fuzz_support::cases::bundle_case`). None may panic, hang, or
//! allocate what a tar header claims rather than what the file holds.

#[path = "support/fuzz/mod.rs"]
mod fuzz_support;
#[path = "support/report/mod.rs"]
mod report_common;

use std::path::{Path, PathBuf};

use fuzz_support::cases::{bundle_case, seed_bundles_verify};
use fuzz_support::{corpus, fuzz, peak_rss_kb, status_kb};

#[test]
fn the_seed_bundles_verify() {
    assert!(seed_bundles_verify(&corpus("bundle_file")));
}

#[test]
fn fuzz_bundle_file() {
    let seeds = corpus("bundle_file");
    fuzz("bundle_file", file!(), 60, &seeds, bundle_case);
}

/// A tar header's size field (11 octal digits) claims up to 8 GiB; the
/// reader must take only the bytes that are there, never reserve what the
/// header claims. Each member in turn claims 8 GiB, alone and after a real
/// bundle's manifest; a reader that reserved the claimed size would show
/// here as 8 GiB more address space, `VmPeak` (or die failing to get it).
#[test]
fn regression_a_member_claiming_8_gib_is_not_allocated_up_front() {
    let seeds = corpus("bundle_file");
    let manifest = first_member(&seeds[0]);
    let members = [
        "manifest.json",
        "checkpoint",
        "topics.toml",
        "station.pub",
        "report.json",
        "log/air-2026-11.jsonl",
    ];
    for (name, after_manifest) in members.iter().flat_map(|n| [(n, false), (n, true)]) {
        let mut tar = if after_manifest {
            manifest.to_vec()
        } else {
            Vec::new()
        };
        tar.extend(tar_header(name, 0o77_777_777_777));
        tar.extend_from_slice(&[b'x'; 1024]);
        let before = (peak_rss_kb(), status_kb("VmPeak:"));
        bundle_case(&tar);
        let rss = peak_rss_kb().saturating_sub(before.0);
        let reserved = status_kb("VmPeak:").saturating_sub(before.1);
        assert!(rss < 64 * 1024, "{name}: peak RSS grew by {rss} kB");
        assert!(
            reserved < 1 << 20,
            "{name}: address space grew by {reserved} kB"
        );
    }
}

/// The first member of a tar (the manifest, in a bundle): its header and
/// its data padded to the 512-byte block.
fn first_member(tar: &[u8]) -> &[u8] {
    let size_field = std::str::from_utf8(&tar[124..135]).expect("octal");
    let size = usize::from_str_radix(size_field.trim_matches(['\0', ' ']), 8).expect("size");
    &tar[..512 + size.div_ceil(512) * 512]
}

/// One ustar header for a regular file `name` of `size` bytes.
fn tar_header(name: &str, size: u64) -> Vec<u8> {
    let mut header = vec![0u8; 512];
    header[..name.len()].copy_from_slice(name.as_bytes());
    header[100..107].copy_from_slice(b"0000644");
    header[124..135].copy_from_slice(format!("{size:011o}").as_bytes());
    header[136..147].copy_from_slice(b"00000000000");
    header[156] = b'0';
    header[257..263].copy_from_slice(b"ustar\0");
    header[263..265].copy_from_slice(b"00");
    header[148..156].copy_from_slice(b"        ");
    let sum: u32 = header.iter().map(|&b| u32::from(b)).sum();
    header[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
    header
}

/// Writes the seed corpus into `fuzz/corpus/bundle_file/`: bundles made by
/// the real `loa export` from the bundled station's log (a month, and a
/// quarter spanning two month files). Run once with
/// `LOA_FUZZ_WRITE_SEEDS=1`; the files are committed.
#[test]
fn write_seed_corpus() {
    if std::env::var_os("LOA_FUZZ_WRITE_SEEDS").is_none() {
        return;
    }
    use report_common::{Station, local};
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/bundle_file");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let station = Station::new("soc-trang/my-xuyen/thanh-phu", 30);
    station.run(local(2026, 11, 29, 0), local(2026, 12, 1, 0));
    let month: PathBuf = corpus.join("export-2026-11.tar");
    station.export("2026-11", &month, "2026-12-01T00:00:00Z", &[]);
    station.run(local(2026, 12, 1, 8), local(2026, 12, 2, 0));
    let quarter = corpus.join("export-2026-q4.tar");
    station.export("2026-Q4", &quarter, "2026-12-02T00:00:00Z", &[]);
}
