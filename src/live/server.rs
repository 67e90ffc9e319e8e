//! The live preview's HTTP server on 127.0.0.1: the last good deck, its
//! PDF, and a stream of server-sent events that tells open pages to reload
//! or to show why the last build failed.
//!
//! hyper serves each connection in its own task on one tokio thread, so
//! a client that never reads (a stalled event stream, pipelined requests
//! whose answers pile up) holds up only itself. Connections are limited
//! in number, request heads in size and in the time they take to arrive;
//! new builds reach event streams through a queue per stream, which the
//! stream's own task writes out. Running out of file descriptors refuses
//! connections for a moment and never stops the server.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::{Frame, Incoming};
use hyper::{Method, Request, Response, StatusCode, header};
use tokio::sync::{Notify, Semaphore, mpsc};

use super::{LiveError, page};

/// Ports tried, in order, when the user names none.
const DEFAULT_PORTS: std::ops::RangeInclusive<u16> = 8000..=8010;

/// Most connections served at once; more are closed as they arrive. A
/// preview has a few tabs open; this leaves room for many, and fewer are
/// taken when the process may not open this many files.
const MAX_CONNECTIONS: usize = 2048;

/// Descriptors kept for what is not a connection: the build's files, the
/// watcher, the runtime.
const SPARE_DESCRIPTORS: u64 = 64;

/// Longest wait for a request's head, on a new connection or between the
/// requests of one kept open.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest request head read (hyper's smallest buffer): the requests of
/// a browser are a few hundred bytes.
const MAX_HEAD_BYTES: usize = 8192;

/// Events queued for a stream that does not read them; past this the
/// stream is ended.
const EVENTS_QUEUED: usize = 16;

/// The server; [`Server::run`] serves until [`Handle::stop`].
pub struct Server {
    listener: std::net::TcpListener,
    state: Arc<State>,
}

/// Publishes builds to a running [`Server`], from any thread.
#[derive(Clone)]
pub struct Handle {
    state: Arc<State>,
}

/// What every connection sees.
struct State {
    deck: Mutex<Deck>,
    /// Ends [`Server::run`].
    stop: Notify,
    port: u16,
    /// How many connections are served at once.
    connections: usize,
}

/// The deck as served, and the event streams open on it.
#[derive(Default)]
struct Deck {
    /// The last good deck's HTML and PDF.
    html: Option<Arc<Vec<u8>>>,
    pdf: Option<Bytes>,
    /// The PDF's file name.
    pdf_name: String,
    /// Why the latest build failed, when it did.
    error: Option<String>,
    /// Counts good builds, so a page that loaded just before a rebuild
    /// notices it missed one.
    generation: u64,
    /// The queue of each open event stream.
    streams: Vec<mpsc::Sender<Bytes>>,
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
            match std::net::TcpListener::bind(("127.0.0.1", port)) {
                Ok(listener) => {
                    let port = listener.local_addr().map_or(port, |a| a.port());
                    let connections = connection_limit();
                    let state = Arc::new(State { deck: Mutex::default(), stop: Notify::new(), port, connections });
                    return Ok(Server { listener, state });
                }
                Err(e) => last = e.to_string(),
            }
        }
        Err(LiveError::Listen { ports, reason: last })
    }

    /// The deck's address.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.state.port)
    }

    /// A handle for publishing builds and stopping.
    pub fn handle(&self) -> Handle {
        Handle { state: Arc::clone(&self.state) }
    }

    /// Answer requests until stopped.
    pub fn run(self) -> Result<(), LiveError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| LiveError::Serve(e.to_string()))?;
        runtime.block_on(accept(self.listener, Arc::clone(&self.state)))?;
        lock(&self.state.deck).streams.clear();
        Ok(())
    }
}

/// Take connections until stopped, each served by its own task.
async fn accept(listener: std::net::TcpListener, state: Arc<State>) -> Result<(), LiveError> {
    listener.set_nonblocking(true).map_err(|e| LiveError::Serve(e.to_string()))?;
    let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| LiveError::Serve(e.to_string()))?;
    let slots = Arc::new(Semaphore::new(state.connections));
    loop {
        let accepted = tokio::select! {
            () = state.stop.notified() => return Ok(()),
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((tcp, _)) => match Arc::clone(&slots).try_acquire_owned() {
                Ok(slot) => {
                    let state = Arc::clone(&state);
                    tokio::spawn(async move {
                        connection(tcp, state).await;
                        drop(slot);
                    });
                }
                // Over the limit: closed at once, so the client knows.
                Err(_) => drop(tcp),
            },
            // Out of descriptors (or any failure of one connection): the
            // connection waits in the queue until some close.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

/// Serve one connection's requests until it closes or stalls.
async fn connection(tcp: tokio::net::TcpStream, state: Arc<State>) {
    let io = hyper_util::rt::TokioIo::new(tcp);
    let service = hyper::service::service_fn(move |request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, Infallible>(answer(&request, &state)) }
    });
    let served = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .serve_connection(io, service);
    // A client that goes away, or sends what is not HTTP, ends its own
    // connection: nothing to tell anyone.
    let _ = served.await;
}

/// How many connections to serve at once: [`MAX_CONNECTIONS`], within
/// the files the process may open, its soft limit raised first as far as
/// its hard limit allows (a shell's default of 1,024 would otherwise cap
/// a server that should take 2,048).
fn connection_limit() -> usize {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use nix::sys::resource::{Resource, getrlimit, setrlimit};
        if let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) {
            let wanted = (MAX_CONNECTIONS as u64 + SPARE_DESCRIPTORS).min(hard);
            let soft =
                if wanted > soft && setrlimit(Resource::RLIMIT_NOFILE, wanted, hard).is_ok() { wanted } else { soft };
            return (soft.saturating_sub(SPARE_DESCRIPTORS) as usize).clamp(8, MAX_CONNECTIONS);
        }
    }
    MAX_CONNECTIONS
}

type Body = BoxBody<Bytes, Infallible>;

fn answer(request: &Request<Incoming>, state: &State) -> Response<Body> {
    if !host_is_ours(request, state.port) {
        // A page elsewhere that points a host name at 127.0.0.1 (DNS
        // rebinding) must not read the deck.
        return text(StatusCode::MISDIRECTED_REQUEST, "this server answers only to 127.0.0.1 and localhost\n");
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(StatusCode::METHOD_NOT_ALLOWED, "only GET\n");
    }
    let mut deck = lock(&state.deck);
    match request.uri().path() {
        "/" | "/index.html" => {
            let (html, generation) = (deck.html.clone(), deck.generation);
            drop(deck);
            let body = match html {
                Some(html) => page::with_reload(&html, generation),
                None => page::waiting(generation),
            };
            bytes(body.into(), "text/html; charset=utf-8")
        }
        page::EVENTS => {
            let (sender, receiver) = mpsc::channel(EVENTS_QUEUED);
            let hello = page::hello(deck.generation, deck.error.as_deref());
            // A new queue has room for its first event.
            let _ = sender.try_send(Bytes::from(hello));
            deck.streams.push(sender);
            drop(deck);
            let mut response = Response::new(Events(receiver).boxed());
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/event-stream"));
            headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
            response
        }
        name if deck.pdf.is_some() && name.strip_prefix('/') == Some(deck.pdf_name.as_str()) => {
            let pdf = deck.pdf.clone().unwrap_or_default();
            drop(deck);
            bytes(pdf, "application/pdf")
        }
        _ => {
            drop(deck);
            text(StatusCode::NOT_FOUND, "not found: the deck is at /\n")
        }
    }
}

/// An event stream's body: what its queue receives, as it receives it.
struct Events(mpsc::Receiver<Bytes>);

impl hyper::body::Body for Events {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|event| event.map(|bytes| Ok(Frame::data(bytes))))
    }
}

fn host_is_ours(request: &Request<Incoming>, port: u16) -> bool {
    match request.headers().get(header::HOST).map(|h| h.to_str()) {
        None => true,
        Some(Ok(host)) => {
            let port = port.to_string();
            ["127.0.0.1", "localhost"].iter().any(|name| host == format!("{name}:{port}"))
        }
        Some(Err(_)) => false,
    }
}

impl Handle {
    /// Serve a new good build and tell every open page to reload.
    pub fn publish(&self, html: Vec<u8>, pdf: Option<(String, Vec<u8>)>) {
        let mut deck = lock(&self.state.deck);
        deck.html = Some(Arc::new(html));
        if let Some((name, pdf)) = pdf {
            deck.pdf_name = name;
            deck.pdf = Some(Bytes::from(pdf));
        }
        deck.error = None;
        deck.generation += 1;
        let event = page::reload(deck.generation);
        broadcast(&mut deck, event);
    }

    /// Keep the last good build, and show every open page why this one failed.
    pub fn fail(&self, message: &str) {
        let mut deck = lock(&self.state.deck);
        deck.error = Some(message.to_string());
        broadcast(&mut deck, page::failed(message));
    }

    /// End [`Server::run`].
    pub fn stop(&self) {
        // Kept for the server when it is not waiting yet.
        self.state.stop.notify_one();
    }
}

/// Queue `event` for every open stream; a stream whose queue is full (its
/// client reads nothing) or whose connection closed is dropped, which
/// ends it.
fn broadcast(deck: &mut Deck, event: String) {
    let event = Bytes::from(event);
    deck.streams.retain(|stream| stream.try_send(event.clone()).is_ok());
}

fn lock(deck: &Mutex<Deck>) -> MutexGuard<'_, Deck> {
    // A panic elsewhere leaves the state whole: every change is one assignment.
    deck.lock().unwrap_or_else(PoisonError::into_inner)
}

fn bytes(body: Bytes, content_type: &'static str) -> Response<Body> {
    let mut response = Response::new(Full::new(body).boxed());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())).boxed());
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}
