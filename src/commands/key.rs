//! `loa key`: create, show and rotate the station's signing key.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;

use super::CommandResult;
use crate::airlog::key::{PublicKey, PublicKeyFile, generate_key, load_signing_key};
use crate::airlog::{AirLog, AirlogError};
use crate::config::{StationFiles, default_config_path};
use crate::text::key::{KeyMessage, RotateError};

/// Arguments of `loa key`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
    /// The station's config file (default: ./config/station.toml, else
    /// /etc/loa/station.toml).
    #[arg(short, long, global = true, value_name = "CONFIG")]
    config: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Create the station's Ed25519 key (never overwrites one).
    Generate,
    /// Print the station id, public key and fingerprint for the Department.
    Show {
        /// Also write the public key file (`.pub`) here.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Replace the key: the log records the new key, signed by the old one.
    Rotate,
}

/// Runs `loa key`.
pub fn run(args: Args) -> CommandResult {
    let config = args.config.unwrap_or_else(default_config_path);
    let station = StationFiles::load(&config)?;
    match args.action {
        Action::Generate => generate(&station),
        Action::Show { out } => show(&station, out.as_deref()),
        Action::Rotate => rotate(&station),
    }
}

fn generate(station: &StationFiles) -> CommandResult {
    let key = generate_key(&station.key_path)?;
    println!(
        "{}",
        KeyMessage::Generated {
            path: station.key_path.clone(),
            fingerprint: PublicKey::of(&key).fingerprint(),
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn show(station: &StationFiles, out: Option<&Path>) -> CommandResult {
    let key = load_signing_key(&station.key_path)?;
    let file = PublicKeyFile {
        station: station.station_id.clone(),
        key: PublicKey::of(&key),
    };
    println!("{}", KeyMessage::Show(file.clone()));
    if let Some(out) = out {
        file.write(out)?;
        println!(
            "{}",
            KeyMessage::PublicFileWritten {
                path: out.to_path_buf()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The next key waits here until the log has recorded it; a rotation cut
/// short resumes from it.
fn next_key_path(key_path: &Path) -> PathBuf {
    let mut name = key_path.as_os_str().to_owned();
    name.push(".next");
    PathBuf::from(name)
}

fn rotate(station: &StationFiles) -> CommandResult {
    let old = load_signing_key(&station.key_path)?;
    let next_path = next_key_path(&station.key_path);
    let new = if next_path.exists() {
        load_signing_key(&next_path)?
    } else {
        generate_key(&next_path)?
    };
    let new_public = PublicKey::of(&new);
    let now = Utc::now();
    match AirLog::open(&station.log_dir, &station.station_id, old.clone(), now) {
        Ok((mut log, _)) => {
            let recorded = log.rotate_key(now, new)?;
            if !recorded.durable {
                return Err(Box::new(RotateError::NotRecorded));
            }
            log.stop(now)?;
        }
        // The log already names the new key: an earlier rotation stopped
        // before replacing the key file. Finish it.
        Err(AirlogError::KeyMismatch { in_log, .. }) if in_log == new_public => {}
        Err(e) => return Err(Box::new(e)),
    }
    std::fs::rename(&next_path, &station.key_path)?;
    let dir = station.key_path.parent().unwrap_or(Path::new("."));
    std::fs::File::open(dir)?.sync_all()?;
    println!(
        "{}",
        KeyMessage::Rotated {
            old: PublicKey::of(&old).fingerprint(),
            new: new_public.fingerprint(),
        }
    );
    Ok(ExitCode::SUCCESS)
}
