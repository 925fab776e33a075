//! Starting and stopping the hub: configuration, registry and store
//! loaded (every log verified), then the server until SIGTERM or Ctrl-C.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::hub::config::{HubConfig, HubConfigError, TlsMode};
use crate::hub::rebuild::load_stations;
use crate::hub::registry::{Registry, RegistryError};
use crate::hub::server::{router, serve};
use crate::hub::session::Sessions;
use crate::hub::state::{Hub, RefusedCounts};
use crate::hub::tls::{TlsError, acceptor};

/// Why the hub could not start.
#[derive(Debug)]
pub enum HubError {
    /// `hub.toml` is wrong.
    Config(HubConfigError),
    /// The station registry is wrong.
    Registry(RegistryError),
    /// The certificate or key is wrong.
    Tls(TlsError),
    /// The store could not be read or created.
    Store {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The address could not be listened on.
    Listen {
        /// The address.
        address: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
}

impl std::error::Error for HubError {}

/// Loads everything the hub serves from: config, registry, store.
pub fn load_hub(config_path: &Path) -> Result<Hub, HubError> {
    let config = HubConfig::load(config_path).map_err(HubError::Config)?;
    let registry = Registry::load(&config.stations).map_err(HubError::Registry)?;
    let store_error = |source| HubError::Store {
        path: config.store.clone(),
        source,
    };
    crate::hub::store::create_dir_durably(&config.store).map_err(store_error)?;
    let started = std::time::Instant::now();
    let stations = load_stations(&config, &registry).map_err(store_error)?;
    tracing::info!(
        stations = stations.len(),
        seconds = started.elapsed().as_secs_f64(),
        "store verified and loaded"
    );
    Ok(Hub {
        config,
        registry,
        stations,
        refused: RefusedCounts::default(),
        sessions: Sessions::default(),
        reports: Arc::new(tokio::sync::Semaphore::new(1)),
    })
}

/// Runs the hub until it is told to stop.
pub fn run_hub(config_path: &Path) -> Result<(), HubError> {
    let hub = Arc::new(load_hub(config_path)?);
    let tls = match &hub.config.tls {
        TlsMode::Files { cert, key } => Some(acceptor(cert, key).map_err(HubError::Tls)?),
        TlsMode::Proxy => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| HubError::Store {
            path: hub.config.store.clone(),
            source,
        })?;
    runtime.block_on(async move {
        let address = hub.config.listen;
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|source| HubError::Listen { address, source })?;
        let bound = listener
            .local_addr()
            .map_err(|source| HubError::Listen { address, source })?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        eprintln!(
            "{}",
            crate::text::hub::listening(scheme, bound, hub.stations.len())
        );
        let _ = sd_notify::notify(&[sd_notify::NotifyState::Ready]);
        serve(listener, router(Arc::clone(&hub)), tls, stop_signal()).await;
        tracing::info!("{}", crate::tr!("hub-journal-stopped"));
        Ok(())
    })
}

async fn stop_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}
