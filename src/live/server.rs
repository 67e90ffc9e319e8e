//! The live preview's HTTP server on 127.0.0.1: the last good deck, its
//! PDF, and a stream of server-sent events that tells open pages to reload
//! or to show why the last build failed.

use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tiny_http::{Header, Method, Request, Response};

use super::{LiveError, page};

/// Ports tried, in order, when the user names none.
const DEFAULT_PORTS: std::ops::RangeInclusive<u16> = 8000..=8010;

/// The server; [`Server::run`] serves until [`Handle::stop`].
pub struct Server {
    http: Arc<tiny_http::Server>,
    shared: Arc<Mutex<Shared>>,
    port: u16,
}

/// Publishes builds to a running [`Server`], from any thread.
#[derive(Clone)]
pub struct Handle {
    http: Arc<tiny_http::Server>,
    shared: Arc<Mutex<Shared>>,
}

/// What every request sees.
#[derive(Default)]
struct Shared {
    /// The last good deck's HTML and PDF.
    html: Option<Arc<Vec<u8>>>,
    pdf: Option<Arc<Vec<u8>>>,
    /// The PDF's file name.
    pdf_name: String,
    /// Why the latest build failed, when it did.
    error: Option<String>,
    /// Counts good builds, so a page that loaded just before a rebuild
    /// notices it missed one.
    generation: u64,
    /// Open event streams.
    clients: Vec<Box<dyn Write + Send>>,
}

impl Server {
    /// Listen on 127.0.0.1:`port`, or on the first free port from 8000 to
    /// 8010 when `port` is `None`.
    pub fn bind(port: Option<u16>) -> Result<Server, LiveError> {
        let ports = match port {
            Some(port) => port..=port,
            None => DEFAULT_PORTS,
        };
        let mut last = String::new();
        for port in ports.clone() {
            match tiny_http::Server::http(("127.0.0.1", port)) {
                Ok(http) => {
                    let port = http.server_addr().to_ip().map_or(port, |a| a.port());
                    let shared = Arc::new(Mutex::new(Shared::default()));
                    return Ok(Server { http: Arc::new(http), shared, port });
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(LiveError::Listen { ports, reason: last })
    }

    /// The deck's address.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// A handle for publishing builds and stopping.
    pub fn handle(&self) -> Handle {
        Handle { http: Arc::clone(&self.http), shared: Arc::clone(&self.shared) }
    }

    /// Answer requests until stopped.
    pub fn run(&self) {
        for request in self.http.incoming_requests() {
            self.answer(request);
        }
        lock(&self.shared).clients.clear();
    }

    fn answer(&self, request: Request) {
        if !self.host_is_ours(&request) {
            // A page elsewhere that points a host name at 127.0.0.1 (DNS
            // rebinding) must not read the deck.
            let _ = request.respond(text(421, "this server answers only to 127.0.0.1 and localhost\n"));
            return;
        }
        if !matches!(request.method(), Method::Get | Method::Head) {
            let _ = request.respond(text(405, "only GET\n"));
            return;
        }
        let path = request.url().split(['?', '#']).next().unwrap_or_default().to_string();
        let mut shared = lock(&self.shared);
        match path.as_str() {
            "/" | "/index.html" => {
                let body = match &shared.html {
                    Some(html) => page::with_reload(html, shared.generation),
                    None => page::waiting(shared.generation),
                };
                drop(shared);
                let _ = request.respond(bytes(body, "text/html; charset=utf-8"));
            }
            page::EVENTS => {
                let mut stream = request.into_writer();
                let hello = page::hello(shared.generation, shared.error.as_deref());
                if stream.write_all(hello.as_bytes()).and_then(|()| stream.flush()).is_ok() {
                    shared.clients.push(stream);
                }
            }
            name if shared.pdf.is_some() && name.strip_prefix('/') == Some(shared.pdf_name.as_str()) => {
                let pdf = shared.pdf.clone().map(|p| p.to_vec()).unwrap_or_default();
                drop(shared);
                let _ = request.respond(bytes(pdf, "application/pdf"));
            }
            _ => {
                drop(shared);
                let _ = request.respond(text(404, "not found: the deck is at /\n"));
            }
        }
    }

    fn host_is_ours(&self, request: &Request) -> bool {
        let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
        match host {
            None => true,
            Some(host) => {
                let port = self.port.to_string();
                ["127.0.0.1", "localhost"].iter().any(|name| host == format!("{name}:{port}"))
            }
        }
    }
}

impl Handle {
    /// Serve a new good build and tell every open page to reload.
    pub fn publish(&self, html: Vec<u8>, pdf: Option<(String, Vec<u8>)>) {
        let mut shared = lock(&self.shared);
        shared.html = Some(Arc::new(html));
        if let Some((name, pdf)) = pdf {
            shared.pdf_name = name;
            shared.pdf = Some(Arc::new(pdf));
        }
        shared.error = None;
        shared.generation += 1;
        let event = page::reload(shared.generation);
        broadcast(&mut shared, &event);
    }

    /// Keep the last good build, and show every open page why this one failed.
    pub fn fail(&self, message: &str) {
        let mut shared = lock(&self.shared);
        shared.error = Some(message.to_string());
        let event = page::failed(message);
        broadcast(&mut shared, &event);
    }

    /// End [`Server::run`].
    pub fn stop(&self) {
        self.http.unblock();
    }
}

/// Send `event` to every open stream, dropping those that closed.
fn broadcast(shared: &mut Shared, event: &str) {
    shared.clients.retain_mut(|stream| stream.write_all(event.as_bytes()).and_then(|()| stream.flush()).is_ok());
}

fn lock(shared: &Mutex<Shared>) -> MutexGuard<'_, Shared> {
    // A panic elsewhere leaves the state whole: every change is one assignment.
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

fn bytes(body: Vec<u8>, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(Response::from_data(body), &[("Content-Type", content_type), ("Cache-Control", "no-store")])
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(Response::from_string(body).with_status_code(status), &[("Content-Type", "text/plain; charset=utf-8")])
}

fn with_headers<R: std::io::Read>(mut response: Response<R>, headers: &[(&str, &str)]) -> Response<R> {
    // The names and values are ASCII constants: from_bytes cannot fail on them.
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}
