//! A local HTTP origin on 127.0.0.1 that serves pages the way real sites do and misbehaves on
//! purpose: robots.txt, 429 with Retry-After, 503 then 200, ETag and 304, a response slower than
//! any timeout, a body cut short, a body too big, a redirect to a host no source named. It speaks
//! HTTP/1.1 by hand over TCP, so that it can break the protocol the way a failing server does,
//! and keeps every request it receives (path, headers, time) for the tests to check.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the origin does for a path.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// 200 with this content type and body, an ETag, and 304 when `If-None-Match` matches it.
    Page { content_type: &'static str, body: Arc<Vec<u8>> },
    /// A status with no body (404, 500, ...).
    Status(u16),
    /// 429 with `Retry-After: seconds` for the first `times` requests, then the page.
    TooManyThenPage { times: usize, retry_after: u64, then: Box<Behaviour> },
    /// 503 for the first `times` requests, then the page.
    UnavailableThenPage { times: usize, then: Box<Behaviour> },
    /// Waits this long before answering the page.
    Slow { delay: Duration, then: Box<Behaviour> },
    /// Announces `announced` bytes, sends `sent` of them and closes.
    Truncated { announced: usize, sent: usize },
    /// A body of this many bytes, with its length announced when `announce` is set (else the
    /// connection closes at its end, as HTTP/1.0 servers do).
    Huge { bytes: usize, announce: bool },
    /// 302 to this absolute URL.
    Redirect(String),
}

/// One request the origin received.
#[derive(Debug, Clone)]
pub struct Received {
    /// Its path and query.
    pub path: String,
    /// Its headers, names in lower case.
    pub headers: HashMap<String, String>,
    /// When it arrived (its head fully read).
    pub at: Instant,
}

#[derive(Debug, Default)]
struct State {
    routes: HashMap<String, Behaviour>,
    hits: HashMap<String, usize>,
    received: Vec<Received>,
}

/// The running origin.
#[derive(Debug, Clone)]
pub struct Origin {
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    state: Arc<Mutex<State>>,
}

impl Origin {
    /// Starts an origin on a free port of 127.0.0.1 with no routes (every path is a 404).
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, state).await;
                });
            }
        });
        Origin { base_url: format!("http://127.0.0.1:{port}"), state }
    }

    /// Sets what `path` does.
    pub fn route(&self, path: &str, behaviour: Behaviour) -> &Self {
        self.state.lock().expect("origin state").routes.insert(path.to_owned(), behaviour);
        self
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> url::Url {
        url::Url::parse(&format!("{}{path}", self.base_url)).expect("origin URL")
    }

    /// Every request received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.state.lock().expect("origin state").received.clone()
    }

    /// How many requests `path` received.
    pub fn hits(&self, path: &str) -> usize {
        self.state.lock().expect("origin state").hits.get(path).copied().unwrap_or(0)
    }
}

/// A page behaviour for text.
pub fn page(content_type: &'static str, body: impl Into<Vec<u8>>) -> Behaviour {
    Behaviour::Page { content_type, body: Arc::new(body.into()) }
}

async fn serve(mut stream: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    loop {
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            if stream.read(&mut byte).await? == 0 {
                return Ok(());
            }
            head.push(byte[0]);
            if head.len() > 64 * 1024 {
                return Ok(());
            }
        }
        let text = String::from_utf8_lossy(&head).to_string();
        let mut lines = text.split("\r\n");
        let path = lines.next().and_then(|l| l.split(' ').nth(1)).unwrap_or("/").to_owned();
        let headers: HashMap<String, String> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let (behaviour, hit) = {
            let mut s = state.lock().expect("origin state");
            s.received.push(Received {
                path: path.clone(),
                headers: headers.clone(),
                at: Instant::now(),
            });
            let hit = {
                let n = s.hits.entry(path.clone()).or_insert(0);
                *n += 1;
                *n
            };
            (s.routes.get(&path).cloned(), hit)
        };
        let keep_alive = respond(&mut stream, behaviour, hit, &headers).await?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Answers one request; returns whether the connection stays open.
async fn respond(
    stream: &mut TcpStream,
    behaviour: Option<Behaviour>,
    hit: usize,
    headers: &HashMap<String, String>,
) -> std::io::Result<bool> {
    let Some(mut behaviour) = behaviour else {
        write_status(stream, 404, &[]).await?;
        return Ok(true);
    };
    loop {
        behaviour = match behaviour {
            Behaviour::TooManyThenPage { times, retry_after, then } => {
                if hit <= times {
                    write_status(stream, 429, &[("Retry-After", retry_after.to_string())]).await?;
                    return Ok(true);
                }
                *then
            }
            Behaviour::UnavailableThenPage { times, then } => {
                if hit <= times {
                    write_status(stream, 503, &[]).await?;
                    return Ok(true);
                }
                *then
            }
            Behaviour::Slow { delay, then } => {
                tokio::time::sleep(delay).await;
                *then
            }
            Behaviour::Status(code) => {
                write_status(stream, code, &[]).await?;
                return Ok(true);
            }
            Behaviour::Redirect(to) => {
                write_status(stream, 302, &[("Location", to)]).await?;
                return Ok(true);
            }
            Behaviour::Page { content_type, body } => {
                let etag = format!("\"{:08x}\"", crc32(&body));
                if headers.get("if-none-match") == Some(&etag) {
                    write_status(stream, 304, &[("ETag", etag)]).await?;
                    return Ok(true);
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nETag: {etag}\r\nLast-Modified: Sun, 10 Mar 2024 20:00:00 GMT\r\n\r\n",
                    body.len()
                );
                stream.write_all(head.as_bytes()).await?;
                stream.write_all(&body).await?;
                return Ok(true);
            }
            Behaviour::Truncated { announced, sent } => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {announced}\r\nConnection: close\r\n\r\n"
                );
                stream.write_all(head.as_bytes()).await?;
                stream.write_all(&vec![b'x'; sent.min(announced)]).await?;
                stream.flush().await?;
                return Ok(false);
            }
            Behaviour::Huge { bytes, announce } => {
                let length =
                    if announce { format!("Content-Length: {bytes}\r\n") } else { String::new() };
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n{length}Connection: close\r\n\r\n"
                );
                stream.write_all(head.as_bytes()).await?;
                let chunk = vec![b'y'; 64 * 1024];
                let mut left = bytes;
                while left > 0 {
                    let n = left.min(chunk.len());
                    if stream.write_all(&chunk[..n]).await.is_err() {
                        break;
                    }
                    left -= n;
                }
                return Ok(false);
            }
        };
    }
}

async fn write_status(
    stream: &mut TcpStream,
    code: u16,
    extra: &[(&str, String)],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {code} {}\r\nContent-Length: 0\r\n", reason(code));
    for (n, v) in extra {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await
}

fn reason(code: u16) -> &'static str {
    match code {
        302 => "Found",
        304 => "Not Modified",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}
