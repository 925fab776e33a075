//! Hot reload: watch the config folder, the topic catalogue and the
//! playlists, and on a change load the whole station again. A valid plan is
//! sent to the daemon (it applies from the next airing); an invalid one
//! leaves the old plan in force and the errors in the log and the status.
//!
//! Folders are watched, not files, because editors save by writing a new
//! file and renaming it over the old one. Events are debounced so a copy in
//! progress is read once it is complete.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::control::{Control, DaemonHandle};
use crate::config::load_station;
use crate::plan::Plan;

/// Quiet time after the last change before reloading.
pub const DEBOUNCE: Duration = Duration::from_millis(400);

/// Keeps the watch alive; dropping it stops watching.
pub struct ConfigWatch {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Loads the station at `config` and tells the daemon: the new plan, or
/// the errors (rendered as `loa check` prints them).
pub fn reload(config: &Path, handle: &DaemonHandle) {
    let loaded = load_station(config);
    match loaded.plan {
        Some(plan) => {
            handle.send(Control::Apply(Box::new(plan)));
        }
        None => {
            let text: String = loaded
                .diagnostics
                .sorted()
                .into_iter()
                .filter(|d| d.severity == crate::config::Severity::Error)
                .map(crate::text::render_diagnostic)
                .collect();
            tracing::error!("config not applied; the previous one stays in force:\n{text}");
            handle.send(Control::Invalid(text));
        }
    }
}

/// Whether an event can change what loading reads. Reading the files
/// ourselves makes open/close events: reacting to those would reload for
/// ever (regression: a reload loop at 2 Hz).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Any
        | EventKind::Other => true,
    }
}

/// Starts watching what `plan` was loaded from.
pub fn watch_config(
    config: &Path,
    plan: &Plan,
    handle: DaemonHandle,
) -> notify::Result<ConfigWatch> {
    let config_path = config.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let relevant = match &result {
            Ok(events) => events
                .iter()
                .any(|e| e.need_rescan() || changes_content(&e.kind)),
            Err(_) => true,
        };
        if let Ok(events) = &result {
            for event in events.iter() {
                tracing::debug!(kind = ?event.kind, paths = ?event.paths, "watched change");
            }
        }
        if relevant {
            tracing::info!("configuration or playlists changed; reloading");
            reload(&config_path, &handle);
        }
    })?;
    for (path, mode) in watched(config, plan) {
        if let Err(error) = debouncer.watch(&path, mode) {
            tracing::warn!(path = %path.display(), %error, "not watched for changes");
        }
    }
    Ok(ConfigWatch {
        _debouncer: debouncer,
    })
}

/// The folders to watch: the config's, the topic catalogue's, and the
/// playlists folder with everything below it.
fn watched(config: &Path, plan: &Plan) -> Vec<(PathBuf, RecursiveMode)> {
    let parent = |p: &Path| {
        p.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let mut out = vec![(parent(config), RecursiveMode::NonRecursive)];
    let topics = parent(&plan.station.topics_path);
    if !out.iter().any(|(p, _)| *p == topics) {
        out.push((topics, RecursiveMode::NonRecursive));
    }
    out.push((plan.station.playlists_dir.clone(), RecursiveMode::Recursive));
    out
}
