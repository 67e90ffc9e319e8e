//! `deck serve` over real HTTP, and `deck build --watch`: edits reach the
//! browser as reload events, a broken source shows its errors and keeps
//! the last good deck, Ctrl+C stops cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::root;

/// How long a rebuild may take to be noticed on a loaded CI machine: a
/// bound on waiting, not a speed requirement.
const PATIENCE: Duration = Duration::from_secs(20);

fn deck_toml(title: &str) -> String {
    format!(
        "[deck]\ntitle = \"{title}\"\n\n[[slide]]\ntitle = \"Numbers\"\nbody = \"- One\\n- Two\"\n\n\
         [[slide]]\nlayout = \"image\"\ntitle = \"A picture\"\nimage = \"small.jpg\"\n"
    )
}

/// A folder holding a two-slide deck titled `title` and its picture.
fn project(title: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("deck.toml"), deck_toml(title)).expect("write manifest");
    std::fs::copy(root().join("tests/decks/images/small.jpg"), dir.path().join("small.jpg")).expect("copy picture");
    dir
}

/// A running `deck` whose stderr is collected as it comes.
struct Running {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Running {
    fn start(dir: &Path, args: &[&str], path_env: Option<&str>) -> Running {
        let mut command = crate::harness::deck_command(dir);
        command.args(args);
        if let Some(path) = path_env {
            command.env("PATH", path);
        }
        Running::spawn(command)
    }

    /// Run `command` (deck, or a program that runs it), its stderr collected.
    fn spawn(mut command: Command) -> Running {
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("deck starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().expect("log");
                log.push_str(&line);
                log.push('\n');
            }
        });
        Running { child, log }
    }

    fn log(&self) -> String {
        self.log.lock().expect("log").clone()
    }

    /// Wait until stderr contains `text`; the whole log.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let log = self.log();
            if log.contains(text) {
                return log;
            }
            assert!(start.elapsed() < PATIENCE, "no {text:?} on stderr after {PATIENCE:?}:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The port from "serving … at http://127.0.0.1:PORT/".
    fn port(&self) -> u16 {
        let log = self.wait_for(" (Ctrl+C stops)");
        let at = log.find("http://127.0.0.1:").expect("an address") + "http://127.0.0.1:".len();
        log[at..].split('/').next().and_then(|p| p.parse().ok()).expect("a port")
    }

    /// The next event on `events`, or a failure that shows what deck said.
    fn next_event(&self, events: &Receiver<(String, String)>) -> (String, String) {
        events
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|e| panic!("no event from the server ({e}); its log:\n{}", self.log()))
    }

    /// Send Ctrl+C and wait for the exit.
    fn interrupt(mut self) -> (bool, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().expect("kill runs");
        assert!(sent.success());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                std::thread::sleep(Duration::from_millis(50));
                return (status.success(), self.log());
            }
            assert!(start.elapsed() < PATIENCE, "deck did not stop on Ctrl+C:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request over a fresh connection: status and body.
fn request(port: u16, method: &str, path: &str, host: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read the answer");
    let head_end = answer.windows(4).position(|w| w == b"\r\n\r\n").expect("a header") + 4;
    let head = String::from_utf8_lossy(&answer[..head_end]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
    (status, answer[head_end..].to_vec())
}

fn get(port: u16, path: &str) -> (u16, String) {
    let (status, body) = request(port, "GET", path, &format!("127.0.0.1:{port}"));
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// The page's `<title>`.
fn title(html: &str) -> &str {
    let start = html.find("<title>").map_or(0, |i| i + "<title>".len());
    let end = html[start..].find("</title>").map_or(start, |i| start + i);
    &html[start..end]
}

/// An open event stream: (event name, data) as they arrive.
fn events(port: u16) -> Receiver<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET /_deck/events HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n").expect("send");
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let (mut name, mut data) = (String::new(), Vec::<String>::new());
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data:") {
                data.push(d.strip_prefix(' ').unwrap_or(d).to_string());
            } else if line.is_empty() && !name.is_empty() {
                if tx.send((std::mem::take(&mut name), data.join("\n"))).is_err() {
                    return;
                }
                data.clear();
            }
        }
    });
    rx
}

/// Rewrite a file the way editors do: a new file renamed over the old one.
fn save(path: &Path, text: &[u8]) {
    let temp = path.with_extension("swp");
    std::fs::write(&temp, text).expect("write");
    std::fs::rename(&temp, path).expect("rename");
}

#[test]
fn serve_reloads_pages_on_edits_and_keeps_the_last_good_deck_when_a_build_fails() {
    let dir = project("First title");
    let manifest = dir.path().join("deck.toml");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let port = server.port();

    let (status, page) = get(port, "/");
    assert_eq!(status, 200);
    assert_eq!(title(&page), "First title");
    assert!(page.contains("/_deck/events"), "the page listens for rebuilds");
    assert!(page.contains("class=\"slide"), "the page is the deck");
    let (status, pdf) = request(port, "GET", "/deck.pdf", &format!("localhost:{port}"));
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"), "the PDF is served at /deck.pdf");

    let stream = events(port);
    assert_eq!(server.next_event(&stream), ("hello".into(), "1".into()));

    // An edit of the manifest, saved by rename.
    save(&manifest, deck_toml("Second title").as_bytes());
    assert_eq!(server.next_event(&stream), ("reload".into(), "2".into()));
    assert_eq!(title(&get(port, "/").1), "Second title");

    // An edit of a picture the deck reads is a change too.
    let png = std::fs::read(root().join("tests/decks/images/small.jpg")).expect("picture");
    save(&dir.path().join("small.jpg"), &png);
    assert_eq!(server.next_event(&stream), ("reload".into(), "3".into()));

    // A broken manifest: the error reaches the page and the terminal, and
    // the last good deck stays served.
    save(&manifest, b"[deck]\ntitle = \"Broken\n");
    let (name, data) = server.next_event(&stream);
    assert_eq!(name, "failed");
    assert!(data.starts_with("error: TOML syntax error"), "{data}");
    assert!(data.contains("deck.toml:2:"), "the error names the line: {data}");
    server.wait_for("build failed; still serving the last good deck");
    assert_eq!(title(&get(port, "/").1), "Second title");
    // A page opened now learns of the failure as it connects.
    let late = events(port);
    assert_eq!(server.next_event(&late), ("hello".into(), "3".into()));
    assert_eq!(server.next_event(&late).0, "failed");

    // Fixed: every open page reloads.
    save(&manifest, deck_toml("Third title").as_bytes());
    assert_eq!(server.next_event(&stream), ("reload".into(), "4".into()));
    assert_eq!(server.next_event(&late), ("reload".into(), "4".into()));
    assert_eq!(title(&get(port, "/").1), "Third title");

    let (stopped, log) = server.interrupt();
    assert!(stopped, "Ctrl+C exits with success:\n{log}");
    assert!(log.ends_with("stopped\n"), "{log}");
    assert!(!dir.path().join("out").exists(), "serve writes nothing");
}

#[test]
fn serve_shows_the_errors_of_a_deck_that_never_built_and_loads_it_once_fixed() {
    let dir = project("x");
    std::fs::write(dir.path().join("deck.toml"), "[deck]\ntitel = \"Typo\"\n").expect("write");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let port = server.port();
    let (status, page) = get(port, "/");
    assert_eq!(status, 200);
    assert!(page.contains("The deck has not built yet."), "{page}");
    let stream = events(port);
    assert_eq!(server.next_event(&stream), ("hello".into(), "0".into()));
    let (name, data) = server.next_event(&stream);
    assert_eq!(name, "failed");
    assert!(data.contains("unknown key `titel`"), "{data}");
    save(&dir.path().join("deck.toml"), deck_toml("Fixed").as_bytes());
    assert_eq!(server.next_event(&stream), ("reload".into(), "1".into()));
    assert_eq!(title(&get(port, "/").1), "Fixed");
}

#[test]
fn serve_answers_only_its_own_host_and_only_get() {
    let dir = project("Hosts");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let port = server.port();
    let (status, body) = request(port, "GET", "/", &format!("attacker.example:{port}"));
    assert_eq!(
        (status, String::from_utf8_lossy(&body).as_ref()),
        (421, "this server answers only to 127.0.0.1 and localhost\n")
    );
    let (status, body) = request(port, "POST", "/", &format!("127.0.0.1:{port}"));
    assert_eq!((status, String::from_utf8_lossy(&body).as_ref()), (405, "only GET\n"));
    assert_eq!(get(port, "/nothing.css"), (404, "not found: the deck is at /\n".to_string()));
}

#[test]
fn serve_on_a_port_in_use_fails_with_a_hint() {
    let dir = project("Busy");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("address").port().to_string();
    let output = crate::harness::deck(dir.path(), &["serve", "deck.toml", "--port", &port]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = crate::harness::stderr(&output);
    assert!(stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")), "{stderr}");
    assert!(stderr.ends_with(" = choose another port with --port, or leave it out to take a free one\n\n"), "{stderr}");
    // As the command line asks: one JSON object for an editor.
    let output =
        crate::harness::deck(dir.path(), &["serve", "deck.toml", "--port", &port, "--diagnostic-format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_str(crate::harness::stderr(&output).trim()).expect("one JSON line");
    assert_eq!(line["severity"], "error");
    assert!(line["message"].as_str().is_some_and(|m| m.starts_with("cannot listen on 127.0.0.1:")), "{line}");
    assert_eq!(line["hints"][0], "choose another port with --port, or leave it out to take a free one");
}

#[cfg(target_os = "linux")]
#[test]
fn serve_open_asks_the_desktop_to_open_the_deck() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project("Open");
    let bin = tempfile::tempdir().expect("temp dir");
    let opened = bin.path().join("opened");
    let script = bin.path().join("xdg-open");
    std::fs::write(&script, format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display())).expect("write");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0", "--open"], Some(&path));
    let port = server.port();
    let start = Instant::now();
    while !opened.exists() {
        assert!(start.elapsed() < PATIENCE, "xdg-open was not run:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    let url = std::fs::read_to_string(&opened).expect("read");
    assert_eq!(url.trim(), format!("http://127.0.0.1:{port}/"));
}

#[cfg(target_os = "linux")]
#[test]
fn build_watch_open_opens_the_html_once_built() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project("Open");
    let bin = tempfile::tempdir().expect("temp dir");
    let opened = bin.path().join("opened");
    let script = bin.path().join("xdg-open");
    let temp = bin.path().join("opened.tmp");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" > '{}' && mv '{}' '{}'\n", temp.display(), temp.display(), opened.display()),
    )
    .expect("write");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:{}", bin.path().display(), std::env::var("PATH").unwrap_or_default());
    let watcher = Running::start(dir.path(), &["build", "deck.toml", "--watch", "--open"], Some(&path));
    watcher.wait_for("watching 2 files (Ctrl+C stops)");
    let start = Instant::now();
    while !opened.exists() {
        assert!(start.elapsed() < PATIENCE, "xdg-open was not run:\n{}", watcher.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    let file = std::fs::read_to_string(&opened).expect("read");
    let expected = dir.path().canonicalize().expect("canonical").join("out/deck.html");
    assert_eq!(Path::new(file.trim()).canonicalize().expect("the opened file exists"), expected);
    let (stopped, log) = watcher.interrupt();
    assert!(stopped, "{log}");
}

#[test]
fn build_watch_rewrites_the_outputs_on_every_change_until_ctrl_c() {
    let dir = project("Watched one");
    let manifest = dir.path().join("deck.toml");
    let html = dir.path().join("out/deck.html");
    let watcher = Running::start(dir.path(), &["build", "deck.toml", "--watch"], None);
    watcher.wait_for("watching 2 files (Ctrl+C stops)");
    assert_eq!(title(&std::fs::read_to_string(&html).expect("html")), "Watched one");

    save(&manifest, b"[deck]\ntitle = \"Broken\n");
    watcher.wait_for("error: TOML syntax error");
    assert_eq!(
        title(&std::fs::read_to_string(&html).expect("html")),
        "Watched one",
        "a failed build changes no output"
    );

    save(&manifest, deck_toml("Watched two").as_bytes());
    let start = Instant::now();
    while title(&std::fs::read_to_string(&html).expect("html")) != "Watched two" {
        assert!(start.elapsed() < PATIENCE, "not rebuilt:\n{}", watcher.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    let (stopped, log) = watcher.interrupt();
    assert!(stopped, "{log}");
    assert_eq!(log.matches("built 3 slides").count(), 2, "{log}");
    assert!(log.ends_with("stopped\n"), "{log}");
}

#[test]
fn with_poll_edits_are_found_by_looking_at_the_files_without_the_systems_reports() {
    let dir = project("Polled one");
    let html = dir.path().join("out/deck.html");
    let watcher = Running::start(dir.path(), &["build", "deck.toml", "--watch", "--poll"], None);
    watcher.wait_for("watching 2 files, looking every 300 ms (Ctrl+C stops)");
    save(&dir.path().join("deck.toml"), deck_toml("Polled two").as_bytes());
    let start = Instant::now();
    while title(&std::fs::read_to_string(&html).expect("html")) != "Polled two" {
        assert!(start.elapsed() < PATIENCE, "not rebuilt:\n{}", watcher.log());
        std::thread::sleep(Duration::from_millis(20));
    }
    let (stopped, log) = watcher.interrupt();
    assert!(stopped && log.ends_with("stopped\n"), "{log}");

    let dir = project("Served one");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0", "--poll"], None);
    let port = server.port();
    assert!(server.log().contains(", looking at its files every 300 ms (Ctrl+C stops)"), "{}", server.log());
    let stream = events(port);
    assert_eq!(server.next_event(&stream), ("hello".into(), "1".into()));
    // A picture replaced by a copy that keeps its time (`cp -p`): no
    // newer time to see, and the same size.
    let picture = dir.path().join("small.jpg");
    let time = std::fs::metadata(&picture).and_then(|m| m.modified()).expect("a time");
    let copy = dir.path().join("copy.jpg");
    std::fs::copy(&picture, &copy).expect("copy");
    std::fs::File::options().write(true).open(&copy).and_then(|f| f.set_modified(time)).expect("set the time");
    std::fs::rename(&copy, &picture).expect("rename");
    assert_eq!(server.next_event(&stream), ("reload".into(), "2".into()));
}

#[test]
fn poll_without_watch_is_refused() {
    let dir = project("x");
    let output = crate::harness::deck(dir.path(), &["build", "deck.toml", "--poll"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = crate::harness::stderr(&output);
    assert!(stderr.starts_with("error: the following required arguments were not provided:\n  --watch"), "{stderr}");
}

#[test]
fn a_served_page_reloads_on_its_slide_and_shows_build_errors_in_chromium() {
    let browser_dir = root().join("tests/browser");
    assert!(
        browser_dir.join("node_modules/playwright-core").is_dir(),
        "run `npm ci` in tests/browser (the player test does it for you)"
    );
    let dir = project("First title");
    let texts = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| {
        let path = texts.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    };
    let second = write("second.toml", &deck_toml("Second title"));
    let broken = write("broken.toml", "[deck]\ntitle = \"Broken\n");
    let third = write("third.toml", &deck_toml("Third title"));
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let url = format!("http://127.0.0.1:{}/", server.port());
    let manifest = dir.path().join("deck.toml").display().to_string();
    let out = Command::new("node")
        .arg(browser_dir.join("serve.mjs"))
        .args([&url, &manifest, &second, &broken, &third])
        .output()
        .expect("node runs (install Node.js and Debian's chromium)");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{report}\n--- deck serve:\n{}", server.log());
    crate::harness::browser_checks(
        &out,
        &["still at #2 after the reload", "the last good deck stays", "no overlay after the fix"],
    );
}

#[test]
fn serve_rebuilds_when_a_markdown_source_or_theme_file_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write("deck.toml", "[deck]\ntitle = \"Sources\"\nsource = \"slides.md\"\ntheme = \"ours.toml\"\n");
    write("slides.md", "# First\n\n- one\n");
    write("ours.toml", "extends = \"default\"\naccent = \"#123456\"\n");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let port = server.port();
    assert!(get(port, "/").1.contains("First"));
    let stream = events(port);
    assert_eq!(server.next_event(&stream), ("hello".into(), "1".into()));

    save(&dir.path().join("slides.md"), b"# Second\n\n- two\n");
    assert_eq!(server.next_event(&stream), ("reload".into(), "2".into()));
    assert!(get(port, "/").1.contains("Second"));

    save(&dir.path().join("ours.toml"), b"extends = \"default\"\naccent = \"#654321\"\n");
    assert_eq!(server.next_event(&stream), ("reload".into(), "3".into()));
    assert!(get(port, "/").1.contains("#654321"));
}

#[test]
fn serve_without_a_port_fails_when_every_default_port_is_taken() {
    let dir = project("All busy");
    // Ports someone else already holds are taken all the same.
    let _taken: Vec<_> = (8000..=8010).filter_map(|p| std::net::TcpListener::bind(("127.0.0.1", p)).ok()).collect();
    let output = crate::harness::deck(dir.path(), &["serve", "deck.toml"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = crate::harness::stderr(&output);
    assert!(stderr.starts_with("error: cannot listen on 127.0.0.1, ports 8000-8010: "), "{stderr}");
    assert!(!stderr.contains("--port"), "no --port hint when no port was given: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

/// `deck build --watch` in `dir` with its standard error in `dir/watch.log`,
/// where a log redirected by the user lands: inside the deck's folder.
fn watch_logging_into_folder(dir: &Path, file: &str) -> Child {
    let log = std::fs::File::create(dir.join("watch.log")).expect("create the log");
    crate::harness::deck_command(dir)
        .args(["build", file, "--watch"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("deck starts")
}

/// Wait until `dir/watch.log` contains `text` `times` times; the log.
fn wait_in_log(dir: &Path, text: &str, times: usize) -> String {
    let start = Instant::now();
    loop {
        let log = std::fs::read_to_string(dir.join("watch.log")).unwrap_or_default();
        if log.matches(text).count() >= times {
            return log;
        }
        assert!(start.elapsed() < PATIENCE, "no {text:?} ×{times} in the log after {PATIENCE:?}:\n{log}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_failed_watched_build_waits_for_a_file_it_read_not_for_its_own_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let talk = dir.path().join("talk.md");
    std::fs::write(&talk, "+++\n[deck]\ntitle = \"Talk\"\n+++\n\n# Only\n\nSee [there](#nope).\n").expect("write");
    let mut child = watch_logging_into_folder(dir.path(), "talk.md");
    let failed = "error: no slide has the id `nope`";
    wait_in_log(dir.path(), failed, 1);
    // Every build writes to the log; the log is in a watched folder. Before
    // the fix that was enough for a build every few milliseconds.
    std::thread::sleep(Duration::from_millis(1500));
    std::fs::write(dir.path().join("unrelated.txt"), "not read by the deck").expect("write");
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    std::thread::sleep(Duration::from_millis(500));
    let log = std::fs::read_to_string(dir.path().join("watch.log")).expect("log");
    assert_eq!(log.matches(failed).count(), 1, "rebuilt with nothing read changed:\n{log}");

    save(&talk, b"+++\n[deck]\ntitle = \"Talk\"\n+++\n\n# Only\n\nSee [there](https://example.org/).\n");
    let log = wait_in_log(dir.path(), "built 2 slides", 1);
    assert_eq!(log.matches(failed).count(), 1, "{log}");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_watched_build_missing_a_picture_rebuilds_when_it_appears_in_a_new_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let manifest = "[deck]\ntitle = \"Pictures\"\n\n[[slide]]\nlayout = \"image\"\ntitle = \"Later\"\nimage = \"pics/photo.jpg\"\n";
    std::fs::write(dir.path().join("deck.toml"), manifest).expect("write");
    let mut child = watch_logging_into_folder(dir.path(), "deck.toml");
    wait_in_log(dir.path(), "error: image `pics/photo.jpg`: no such file", 1);
    std::fs::create_dir(dir.path().join("pics")).expect("mkdir");
    std::fs::copy(root().join("tests/decks/images/small.jpg"), dir.path().join("pics/photo.jpg")).expect("copy");
    let log = wait_in_log(dir.path(), "built 2 slides", 1);
    assert!(dir.path().join("out/deck.pdf").is_file(), "{log}");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn serve_sets_text_in_a_theme_font_file_as_it_is_after_an_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("fonts")).expect("mkdir");
    let font = dir.path().join("fonts/Body.ttf");
    std::fs::copy(root().join("fonts/JetBrainsMono-Regular.ttf"), &font).expect("copy font");
    std::fs::write(
        dir.path().join("deck.toml"),
        "[deck]\ntitle = \"Fonts\"\n\n[theme]\nfonts = { regular = \"fonts/Body.ttf\" }\n",
    )
    .expect("write");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let port = server.port();
    let stream = events(port);
    assert_eq!(server.next_event(&stream), ("hello".into(), "1".into()));
    let fonts = |port| {
        let pdf = dir.path().join("served.pdf");
        std::fs::write(&pdf, request(port, "GET", "/deck.pdf", &format!("127.0.0.1:{port}")).1).expect("write the PDF");
        crate::harness::poppler("pdffonts", &[pdf.to_str().expect("utf-8 path")])
    };
    let before = fonts(port);
    assert!(before.contains("+JetBrainsMono-Regular"), "the theme's font is embedded:\n{before}");

    save(&font, &std::fs::read(root().join("fonts/Inter-Regular.ttf")).expect("read font"));
    assert_eq!(server.next_event(&stream), ("reload".into(), "2".into()));
    let after = fonts(port);
    assert!(after.contains("+Inter-Regular") && !after.contains("JetBrainsMono"), "the edited file is used:\n{after}");
}

/// A connection that asks for `what` and never reads the answers.
fn stalled(port: u16, what: &[u8]) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let mut writer = stream.try_clone().expect("clone");
    writer.write_all(what).expect("send");
    stream
}

#[test]
fn a_client_that_never_reads_holds_up_no_one_else() {
    let dir = project("Stalled 0");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let port = server.port();
    server.wait_for("built 3 slides");
    // An event stream never read, and 300 pipelined requests for the deck
    // whose answers (megabytes) are never read: the old server wrote both
    // on its one thread, under the lock every request takes.
    let _events = stalled(port, format!("GET /_deck/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes());
    let pipelined = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").repeat(300);
    let _piled = stalled(port, pipelined.as_bytes());
    let listening = events(port);
    assert_eq!(server.next_event(&listening).0, "hello");
    // Rebuilds, each an event for every stream (more than a stalled one's
    // queue holds), and everyone else is still answered.
    for n in 1..=20 {
        save(&dir.path().join("deck.toml"), deck_toml(&format!("Stalled {n}")).as_bytes());
        assert_eq!(server.next_event(&listening).0, "reload", "save {n}");
        let (status, html) = get(port, "/");
        assert_eq!((status, title(&html)), (200, format!("Stalled {n}").as_str()));
    }
}

#[test]
fn a_request_head_too_large_is_refused_and_the_server_goes_on() {
    let dir = project("Heads");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let port = server.port();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    let huge = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Big: {}\r\n\r\n", "a".repeat(1 << 20));
    // The server may close before the whole head is sent.
    let _ = stream.write_all(huge.as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 431"), "{answer}");
    assert_eq!(get(port, "/").0, 200, "{}", server.log());
}

#[cfg(target_os = "linux")]
#[test]
fn out_of_descriptors_the_server_refuses_connections_and_goes_on() {
    // A hard limit of 64 open files: the server takes 8 connections (it
    // keeps the rest for its own files) and closes the others on arrival.
    let dir = project("Limits");
    let mut command = Command::new("prlimit");
    command.current_dir(dir.path()).env_clear().env("PATH", std::env::var_os("PATH").unwrap_or_default());
    command.env("DECK_CACHE_DIR", "off").args(["--nofile=64:64", "--", env!("CARGO_BIN_EXE_deck")]);
    command.args(["serve", "deck.toml", "--port", "0"]);
    let server = Running::spawn(command);
    let port = server.port();
    server.wait_for("built 3 slides");
    let held: Vec<TcpStream> = (0..100).filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok()).collect();
    // Those over the limit are closed: reading them ends at once.
    let refused = held
        .iter()
        .filter(|s| {
            let mut s = *s;
            s.set_read_timeout(Some(Duration::from_millis(500))).expect("timeout");
            matches!(s.read(&mut [0u8; 1]), Ok(0))
        })
        .count();
    assert!(refused >= 50, "{refused} of {} connections closed", held.len());
    drop(held);
    // Everyone gone: the deck is served again.
    let start = Instant::now();
    loop {
        if let Ok((200, _)) = std::panic::catch_unwind(|| get(port, "/")) {
            break;
        }
        assert!(start.elapsed() < PATIENCE, "not served again:\n{}", server.log());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!server.log().contains("panicked"), "{}", server.log());
}

#[test]
fn serve_counts_one_slide_and_one_page_in_the_singular() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = "[deck]\ntitle = \"T\"\ntitle_slide = false\n\n[[slide]]\ntitle = \"Only\"\n";
    std::fs::write(dir.path().join("deck.toml"), one).expect("write manifest");
    let server = Running::start(dir.path(), &["serve", "deck.toml", "--port", "0"], None);
    let log = server.wait_for("built ");
    assert!(log.contains("built 1 slide, 1 page in "), "{log}");
}
