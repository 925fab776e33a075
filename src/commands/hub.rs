//! `loa hub`: the province's server, and its officers' accounts.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use super::CommandResult;
use crate::hub::config::HubConfig;
use crate::hub::run::run_hub;
use crate::hub::users::add_user;

/// Arguments of `loa hub`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The hub's config file.
    #[arg(
        short,
        long,
        value_name = "HUB_TOML",
        global = true,
        default_value = "/etc/loa/hub.toml"
    )]
    config: PathBuf,
    #[command(subcommand)]
    action: Option<Action>,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// Officers' accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Debug, clap::Subcommand)]
enum UserAction {
    /// Add an officer, or set a new password (read from standard input,
    /// one line).
    Add {
        /// The account name (a-z, 0-9, `.`, `_`, `-`).
        name: String,
    },
}

/// Runs the hub, or manages its accounts.
pub fn run(args: Args) -> CommandResult {
    match args.action {
        None => {
            run_hub(&args.config)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Action::User {
            action: UserAction::Add { name },
        }) => {
            let config = HubConfig::load(&args.config)?;
            let mut password = String::new();
            std::io::stdin().lock().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']);
            add_user(&config.users, &name, password)?;
            eprintln!("{}", crate::text::hub::user_added(&name, &config.users));
            Ok(ExitCode::SUCCESS)
        }
    }
}
