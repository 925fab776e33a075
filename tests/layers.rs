//! The layers of DESIGN.md's data flow point one way: a module imports from
//! its own layer and the layers below, never from one above. So the airing
//! log knows nothing of playout, a report nothing of the commands, and
//! `text/` (which renders every other module's values) is imported by no
//! one below it, except its catalogue of messages (`text::catalogue`, the
//! `tr!` macro), which is a leaf every layer may use.
//!
//! Read from the source (`crate::x` paths, including `use crate::{x, y}`),
//! module by top-level module. The imports that break the rule today are
//! listed in `KNOWN` with the issue that removes them: the test fails when
//! a new one appears, and when a listed one is gone (so the list only
//! shrinks).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top-level modules by layer, from the bottom.
const LAYERS: &[(&str, u8)] = &[
    ("clock", 0),
    ("shutdown", 0),
    ("parallel", 0),
    ("airlog", 1),
    ("audio", 1),
    ("relay", 2),
    ("plan", 3),
    ("config", 3),
    ("schedule", 3),
    ("selection", 3),
    ("playout", 4),
    ("report", 4),
    ("systemd", 5),
    ("daemon", 5),
    ("upload", 6),
    ("hub", 6),
    ("text", 7),
    ("commands", 8),
];

/// Imports from a layer above, as they stand (importer, imported). Each is
/// a status or error string built below `text/` (issue 16: the types' words
/// belong in `text/`, which the layers above call).
const KNOWN: &[(&str, &str)] = &[
    ("config", "upload"),
    ("daemon", "text"),
    ("hub", "text"),
    ("playout", "text"),
    ("plan", "upload"),
    ("report", "text"),
    ("upload", "text"),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, layer)| *layer)
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names as `crate::x`, except the catalogue.
fn imported_modules(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a::b, c}`: the first segment of each item.
                let inner = group.split('}').next().unwrap_or_default();
                for item in inner.split(',') {
                    out.insert(first_segment(item.trim()).to_string());
                }
                continue;
            }
            if rest.starts_with("text::catalogue")
                || rest.starts_with("tr") && !rest.starts_with("text")
            {
                continue;
            }
            out.insert(first_segment(rest).to_string());
        }
    }
    out.retain(|module| layer(module).is_some());
    out
}

fn first_segment(path: &str) -> &str {
    let end = path
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(path.len());
    &path[..end]
}

/// The top-level module a file under `src/` belongs to.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn every_import_points_down_the_data_flow() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = BTreeSet::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(own) = layer(&module) else {
            continue; // lib.rs, main.rs
        };
        let source = std::fs::read_to_string(file).expect("source");
        for imported in imported_modules(&source) {
            if layer(&imported).is_some_and(|their| their > own) {
                upward.insert((module.clone(), imported));
            }
        }
    }
    let known: BTreeSet<(String, String)> = KNOWN
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<_> = upward.difference(&known).collect();
    let gone: Vec<_> = known.difference(&upward).collect();
    assert!(
        new.is_empty(),
        "imports from a layer above (see DESIGN.md's data flow): {new:?}"
    );
    assert!(
        gone.is_empty(),
        "no longer imported from above, remove from KNOWN: {gone:?}"
    );
}

#[test]
fn the_reader_sees_grouped_imports_and_skips_the_catalogue() {
    let source = "use crate::{airlog::Record, report};\nuse crate::tr;\n\
                  let x = crate::text::catalogue::tr(\"id\", &[]);\n\
                  crate::text::render_error(e) // crate::commands in a comment\n";
    let found: Vec<String> = imported_modules(source).into_iter().collect();
    assert_eq!(found, ["airlog", "report", "text"]);
}
