//! The `coda` binary: parse flags, run the command, turn the outcome into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = coda::cli::Cli::parse();
    match coda::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code()),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(coda::cmd::Outcome::Failed.code())
        }
    }
}
