//! `deck serve`: build the deck in memory, serve it on 127.0.0.1, rebuild
//! when a file it read changes, and reload the open pages.

use std::path::PathBuf;
use std::time::Instant;

use deck::diag::Diagnostic;
use deck::live::{Handle, Server};
use deck::{Format, Options};

use super::{follow, report};

/// Preview a deck in the browser, rebuilt and reloaded on every change.
#[derive(Debug, clap::Args)]
#[command(after_help = "The deck is served at http://127.0.0.1:PORT/ and its PDF at /NAME.pdf. \
Pages reload on the slide they show; a failed build keeps the last good deck served \
and shows the errors over it and here. Nothing is written to disk. Ctrl+C stops.")]
pub struct Args {
    /// The deck's TOML manifest.
    file: PathBuf,
    /// Listen on this port (default: the first free one from 8000 to 8010).
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// Open the deck in the default browser.
    #[arg(long)]
    open: bool,
    /// Look at the files every 300 ms instead of waiting for the system to report changes (for network drives, WSL's Windows drives and folders a container shares, which report none).
    #[arg(long)]
    poll: bool,
    /// Let the deck read pictures, fonts and themes anywhere inside DIR (by default only inside its own folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// Run the command; `false` when it could not start.
pub fn run(args: Args) -> bool {
    let server = match Server::bind(args.port) {
        Ok(server) => server,
        Err(e) => {
            let mut said = Diagnostic::error(e.to_string());
            if let deck::live::LiveError::Listen { ports, .. } = &e
                && ports.start() == ports.end()
            {
                said = said.with_hint("choose another port with --port, or leave it out to take a free one");
            }
            report::say(said);
            return false;
        }
    };
    let watcher = deck::live::Watcher::new(args.poll);
    let polls = watcher.polls();
    let url = server.url();
    let handle = server.handle();
    let stopper = watcher.stopper();
    let stop_watching = watcher.stopper();
    let on_stop = handle.clone();
    follow::on_ctrl_c(move || {
        stopper.stop();
        on_stop.stop();
    });
    let options = Options { root: args.root, formats: Some(vec![Format::Html, Format::Pdf]), ..Options::default() };
    let file = args.file;
    let inputs = rebuild(&file, &options, &handle);
    let every = if polls {
        format!(", looking at its files every {} ms", deck::live::POLL_EVERY.as_millis())
    } else {
        String::new()
    };
    eprintln!("serving {} at {url}{every} (Ctrl+C stops)", file.display());
    if args.open {
        open_browser(&url);
    }
    let rebuilder = std::thread::spawn(move || {
        follow::follow(watcher, inputs, false, || rebuild(&file, &options, &handle));
    });
    let served = server.run();
    // The rebuild loop ends with the watcher, stopped on Ctrl+C; a server
    // that could not go on stops it too.
    if let Err(e) = &served {
        report::say(Diagnostic::error(e.to_string()));
        stop_watching.stop();
    }
    let _ = rebuilder.join();
    eprintln!("stopped");
    served.is_ok()
}

/// Build, publish and report; the files the build read and whether it succeeded.
fn rebuild(file: &std::path::Path, options: &Options, handle: &Handle) -> follow::Built {
    let start = Instant::now();
    let result = deck::preview(file, options);
    report::timings();
    match result {
        Ok((built, files)) => {
            report::diagnostics(&built.warnings, &built.sources);
            let mut html = Vec::new();
            let mut pdf = None;
            for export in files {
                match export.format {
                    Format::Html => html = export.bytes,
                    _ => pdf = Some((export.file_name, export.bytes)),
                }
            }
            handle.publish(html, pdf);
            eprintln!(
                "built {}, {} in {} ms",
                report::count(built.slides, "slide"),
                report::count(built.pages.len(), "page"),
                start.elapsed().as_millis()
            );
            built.inputs
        }
        Err(failure) => {
            report::failure(&failure);
            handle.fail(&report::failure_text(&failure));
            eprintln!("build failed; still serving the last good deck");
            failure.inputs
        }
    }
}

/// Ask the desktop to open `url`; say so when it cannot.
pub(super) fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let opened = std::process::Command::new(opener.0)
        .args(&opener.1)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        report::say(Diagnostic::warning(format!("cannot open a browser ({}: {e}); open {url} yourself", opener.0)));
    }
}
