//! Hot reload: watch the config folder, the topic catalogue and the
//! playlists, and on a change load the whole station again. A valid plan is
//! sent to the daemon (it applies from the next airing); an invalid one
//! leaves the old plan in force and the errors in the log and the status.
//!
//! Folders are watched, not files, because editors save by writing a new
//! file and renaming it over the old one. Changes are debounced (a reload
//! waits for a quiet moment) so a copy in progress is read once complete.
//! Our own debouncing rather than notify-debouncer-full's: that one polls
//! on a timer, and the daemon must not wake while nothing happens.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use super::control::{Control, DaemonHandle};
use crate::config::load_station;
use crate::plan::Plan;

/// Quiet time after the last change before reloading.
pub const DEBOUNCE: Duration = Duration::from_millis(400);

/// Keeps the watch alive; dropping it stops watching.
pub struct ConfigWatch {
    _watcher: notify::RecommendedWatcher,
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
            let errors: Vec<_> = loaded
                .diagnostics
                .sorted()
                .into_iter()
                .filter(|d| d.severity == crate::config::Severity::Error)
                .collect();
            let count = u32::try_from(errors.len()).unwrap_or(u32::MAX);
            let text: String = errors
                .into_iter()
                .map(crate::text::render_diagnostic)
                .collect();
            tracing::error!(
                "{}",
                crate::tr!("journal-config-not-applied", errors = text.as_str())
            );
            handle.send(Control::Invalid(text, count));
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

/// Starts watching what `plan` was loaded from (call inside the tokio
/// runtime). Event-driven: nothing wakes while nothing changes.
pub fn watch_config(
    config: &Path,
    plan: &Plan,
    handle: DaemonHandle,
) -> notify::Result<ConfigWatch> {
    // One slot: a change that arrives while one is pending adds nothing.
    let (changed, mut changes) = tokio::sync::mpsc::channel::<()>(1);
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let relevant = match &result {
            Ok(event) => event.need_rescan() || changes_content(&event.kind),
            Err(_) => true,
        };
        if relevant {
            let _ = changed.try_send(());
        }
    })?;
    for (path, mode) in watched(config, plan) {
        if let Err(error) = watcher.watch(&path, mode) {
            tracing::warn!(path = %path.display(), %error, "{}", crate::tr!("journal-not-watched"));
        }
    }
    let config = config.to_path_buf();
    tokio::spawn(async move {
        while changes.recv().await.is_some() {
            // Reload once the folder has been quiet for DEBOUNCE, so a copy
            // in progress is read when complete.
            loop {
                match tokio::time::timeout(DEBOUNCE, changes.recv()).await {
                    Ok(Some(())) => continue,
                    Ok(None) => return,
                    Err(_) => break,
                }
            }
            tracing::info!("{}", crate::tr!("journal-config-changed"));
            let (config, handle) = (config.clone(), handle.clone());
            let _ = tokio::task::spawn_blocking(move || reload(&config, &handle)).await;
        }
    });
    Ok(ConfigWatch { _watcher: watcher })
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
