//! The `loa` command line. Parsing only: every command lives in
//! `loa::commands`.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use loa::commands;

/// Broadcast scheduling daemon for grassroots radio stations.
#[derive(Debug, Parser)]
#[command(name = "loa", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate the station's configuration and playlists.
    Check(commands::check::Args),
    /// Run the daemon: air every slot on time.
    Run(commands::run::Args),
    /// Air a slot's next airing, or one file, now (to test the loudspeakers).
    Play(commands::play::Args),
    /// Show what will air in the coming days.
    Schedule(commands::schedule::Args),
    /// What the running daemon is doing.
    Status(commands::status::Args),
    /// Manage the station's signing key.
    Key(commands::key::Args),
    /// Show the airings recorded in the airing log.
    Log(commands::log::Args),
    /// Verify airing logs or export bundles.
    Verify(commands::verify::Args),
    /// Periodic report for the Department (xlsx, csv, json, html).
    Report(Box<commands::report::Args>),
    /// Export a period's log as one file to send up.
    Export(commands::export::Args),
    /// The province's hub: receives every station's records, shows the
    /// fleet, builds reports.
    Hub(commands::hub::Args),
    /// List the audio outputs that `output =` accepts.
    Devices(commands::devices::Args),
    /// Play PCM from stdin on a sound device (started by the daemon).
    #[command(hide = true)]
    OutputWorker(commands::output_worker::Args),
}

fn main() -> ExitCode {
    init_logging();
    let cli = parse();
    if prints_for_a_pipe(&cli.command) {
        stop_quietly_when_the_reader_goes();
    }
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Play(args) => commands::play::run(args),
        Command::Run(args) => commands::run::run(args),
        Command::Status(args) => commands::status::run(args),
        Command::Schedule(args) => commands::schedule::run(args),
        Command::Key(args) => commands::key::run(args),
        Command::Log(args) => commands::log::run(args),
        Command::Verify(args) => commands::verify::run(args),
        Command::Report(args) => commands::report::run(*args),
        Command::Export(args) => commands::export::run(args),
        Command::Devices(args) => commands::devices::run(args),
        Command::Hub(args) => commands::hub::run(args),
        Command::OutputWorker(args) => commands::output_worker::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", loa::text::render_error(error.as_ref()));
            ExitCode::from(2)
        }
    }
}

/// The command line, its `--help` in the reader's language
/// (`loa::text::help`).
fn parse() -> Cli {
    let command = loa::text::help::localise(Cli::command());
    let matches = command
        .try_get_matches()
        .unwrap_or_else(|error| exit_on(error));
    Cli::from_arg_matches(&matches).unwrap_or_else(|error| exit_on(error))
}

/// Ends the program on a command-line mistake (said in the reader's
/// language, exit 2) or after `--help` / `--version` (clap's, exit 0).
fn exit_on(error: clap::Error) -> ! {
    match loa::text::parse_error::render_parse_error(&error) {
        Some(text) => {
            eprintln!("{text}");
            std::process::exit(2)
        }
        None => error.exit(),
    }
}

/// Logs go to stderr; `LOA_LOG` (e.g. `debug`) sets the level. The
/// decoder's own lines ("probe reach EOF at 21 bytes") are off: loa says
/// what is wrong with the file itself, in the reader's language;
/// `LOA_LOG=symphonia=debug` shows them.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LOA_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(
            "info,symphonia=off,symphonia_core=off,symphonia_format_ogg=off,symphonia_bundle_mp3=off",
        )
    });
    // systemd: the journal's form under systemd, colours in a terminal
    // (src/systemd/logging.rs).
    loa::systemd::logging::init(filter);
}

/// Commands whose output a technician pipes into `head` or `less`. Not the
/// daemon, its worker or `play`, which must survive a closed socket or pipe
/// (they see the error instead).
fn prints_for_a_pipe(command: &Command) -> bool {
    !matches!(
        command,
        Command::Run(_) | Command::Play(_) | Command::OutputWorker(_) | Command::Hub(_)
    )
}

/// `loa check | head`: when the reader closes the pipe, end the way other
/// Unix tools do (SIGPIPE), instead of Rust's default of ignoring the
/// signal and panicking in `println!`.
fn stop_quietly_when_the_reader_goes() {
    // SAFETY: restoring a signal's default disposition at start-up, before
    // any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
