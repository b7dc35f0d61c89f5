//! The `coda` binary: parse flags, run the command, turn the outcome into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Interrupted: no half-written file is left behind (writes are atomic, so the
    // project and earlier outputs are as they were), and the exit status says so.
    let _ = ctrlc::set_handler(|| {
        coda::output::discard_live_temp_files();
        eprintln!(
            "\ninterrupted: files being written were discarded; the project and earlier outputs are as they were"
        );
        std::process::exit(130);
    });
    // Over a file size limit (`ulimit -f`), a write fails with an error to report
    // instead of the process being killed.
    // SAFETY: setting a signal's disposition to SIG_IGN before any other thread starts.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // Every file and folder coda creates (the project, its database, journal, lock and
    // index; output folders) is its owner's only, whatever the umask: they hold
    // transcript text. Output files are made 0600 by the sink, replaced ones keep
    // their mode.
    // SAFETY: umask cannot fail; set before any other thread starts.
    unsafe {
        libc::umask(0o077);
    }
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
