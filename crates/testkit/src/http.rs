//! The application on a free port, and a small HTTP/1.1 client that speaks to it as a browser or a phone does (one connection per request, so that many clients can run at once).

use axum::Router;
use serde_json::Value;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A router served on `127.0.0.1:0`, with each client's address visible to the app (as
/// `mandat serve` serves it). The server stops when this is dropped.
pub struct Served {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Served {
    /// A client of this server.
    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serves `app` on a free loopback port.
pub async fn serve(app: Router) -> Served {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let addr = listener.local_addr().expect("the port's address");
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move { axum::serve(listener, service).await });
    Served { addr, task }
}

/// What a response holds.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    /// The status line and headers as sent.
    pub head: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; fails the test with the body when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}), status {}: {}", self.status, self.text()))
    }

    /// The cookies the response sets, as `(name, value)`.
    pub fn set_cookies(&self) -> Vec<(String, String)> {
        self.head
            .lines()
            .filter_map(|line| {
                let lower = line.to_ascii_lowercase();
                lower
                    .starts_with("set-cookie:")
                    .then(|| line["set-cookie:".len()..].trim())
            })
            .filter_map(|cookie| {
                let pair = cookie.split(';').next()?;
                let (name, value) = pair.split_once('=')?;
                Some((name.trim().to_owned(), value.trim().to_owned()))
            })
            .collect()
    }

    /// A header's value (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<String> {
        let wanted = format!("{}:", name.to_ascii_lowercase());
        self.head.lines().find_map(|line| {
            line.to_ascii_lowercase()
                .starts_with(&wanted)
                .then(|| line[wanted.len()..].trim().to_owned())
        })
    }
}

/// A client: optionally signed in (a bearer token), asking for a language, or connecting from
/// another loopback address (127.0.0.2, …) so that the server sees another client.
#[derive(Clone, Debug)]
pub struct Client {
    pub addr: SocketAddr,
    pub token: Option<String>,
    pub accept_language: Option<String>,
    pub from: Option<Ipv4Addr>,
    /// Cookies sent as a browser would (`name=value`).
    pub cookies: Vec<(String, String)>,
    /// Other headers sent with every request.
    pub headers: Vec<(String, String)>,
}

impl Client {
    pub fn new(addr: SocketAddr) -> Client {
        Client {
            addr,
            token: None,
            accept_language: None,
            from: None,
            cookies: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// The same client sending cookie `name` (replacing an earlier value).
    pub fn with_cookie(&self, name: &str, value: &str) -> Client {
        let mut next = self.clone();
        next.cookies.retain(|(n, _)| n != name);
        next.cookies.push((name.to_owned(), value.to_owned()));
        next
    }

    /// The same client keeping the cookies a response set (a cleared cookie is dropped).
    pub fn keeping(&self, response: &Response) -> Client {
        let mut next = self.clone();
        for (name, value) in response.set_cookies() {
            next.cookies.retain(|(n, _)| n != &name);
            if !value.is_empty() {
                next.cookies.push((name, value));
            }
        }
        next
    }

    /// The same client sending header `name: value` with every request.
    pub fn with_header(&self, name: &str, value: &str) -> Client {
        let mut next = self.clone();
        next.headers.push((name.to_owned(), value.to_owned()));
        next
    }

    /// A form POST, as a browser without JavaScript sends it (`a=1&b=2`, already encoded).
    pub async fn post_form(&self, path: &str, form: &str) -> Response {
        self.raw("POST", path, "application/x-www-form-urlencoded", form)
            .await
    }

    /// The same client signed in with `token`.
    pub fn signed_in(&self, token: &str) -> Client {
        Client {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    /// The same client asking for `lang` (an `Accept-Language` value).
    pub fn in_language(&self, lang: &str) -> Client {
        Client {
            accept_language: Some(lang.to_owned()),
            ..self.clone()
        }
    }

    /// The same client connecting from another loopback address.
    pub fn from_address(&self, from: Ipv4Addr) -> Client {
        Client {
            from: Some(from),
            ..self.clone()
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request("GET", path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.request("POST", path, Some(body)).await
    }

    /// One request on a connection of its own.
    pub async fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Response {
        let body = body.map(Value::to_string).unwrap_or_default();
        self.raw(method, path, "application/json", &body).await
    }

    async fn raw(&self, method: &str, path: &str, content_type: &str, body: &str) -> Response {
        let mut stream = match self.from {
            None => tokio::net::TcpStream::connect(self.addr)
                .await
                .expect("the server accepts"),
            Some(from) => {
                let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
                socket
                    .bind(SocketAddr::new(from.into(), 0))
                    .expect("a loopback address");
                socket.connect(self.addr).await.expect("the server accepts")
            }
        };
        let mut head =
            format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if let Some(token) = &self.token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        if let Some(lang) = &self.accept_language {
            head.push_str(&format!("Accept-Language: {lang}\r\n"));
        }
        if !self.cookies.is_empty() {
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            head.push_str(&format!("Cookie: {}\r\n", pairs.join("; ")));
        }
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if method != "GET" {
            head.push_str(&format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        head.push_str("\r\n");
        stream
            .write_all(format!("{head}{body}").as_bytes())
            .await
            .expect("the request is sent");
        let mut raw = Vec::new();
        stream
            .read_to_end(&mut raw)
            .await
            .expect("the response is read");
        parse(&raw)
    }

    /// Opens a Server-Sent Events stream at `path` (`last_event_id` sent as `Last-Event-ID`).
    /// A refusal (any status but 200) is answered whole as `Err`.
    pub async fn events(
        &self,
        path: &str,
        last_event_id: Option<&str>,
    ) -> Result<EventStream, Response> {
        let mut stream = tokio::net::TcpStream::connect(self.addr)
            .await
            .expect("the server accepts");
        let mut head = format!(
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nConnection: close\r\n"
        );
        if let Some(token) = &self.token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        if let Some(lang) = &self.accept_language {
            head.push_str(&format!("Accept-Language: {lang}\r\n"));
        }
        if !self.cookies.is_empty() {
            let pairs: Vec<String> = self
                .cookies
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect();
            head.push_str(&format!("Cookie: {}\r\n", pairs.join("; ")));
        }
        if let Some(id) = last_event_id {
            head.push_str(&format!("Last-Event-ID: {id}\r\n"));
        }
        head.push_str("\r\n");
        stream
            .write_all(head.as_bytes())
            .await
            .expect("the request is sent");
        let mut raw = Vec::new();
        let split = loop {
            if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).await.expect("the response is read");
            assert!(n > 0, "the server closed before its headers");
            raw.extend_from_slice(&buf[..n]);
        };
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        if !head.starts_with("HTTP/1.1 200") {
            let mut rest = Vec::new();
            stream
                .read_to_end(&mut rest)
                .await
                .expect("the response is read");
            raw.extend_from_slice(&rest);
            return Err(parse(&raw));
        }
        Ok(EventStream {
            stream,
            head,
            chunked: raw[split + 4..].to_vec(),
            text: String::new(),
            ended: false,
        })
    }
}

/// One Server-Sent Event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SseEvent {
    pub event: String,
    pub id: Option<String>,
    pub data: String,
}

/// An open event stream; dropping it disconnects.
pub struct EventStream {
    stream: tokio::net::TcpStream,
    pub head: String,
    /// Bytes received and not yet unchunked.
    chunked: Vec<u8>,
    /// Unchunked text not yet split into events.
    text: String,
    /// Whether the server ended the stream.
    pub ended: bool,
}

impl EventStream {
    /// The next event (comments and keep-alives skipped), or `None` when nothing came within
    /// `wait` or the server ended the stream.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<SseEvent> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            self.unchunk();
            while let Some(end) = self.text.find("\n\n") {
                let block: String = self.text.drain(..end + 2).collect();
                if let Some(event) = parse_event(&block) {
                    return Some(event);
                }
            }
            if self.ended {
                return None;
            }
            let mut buf = [0u8; 8192];
            let read = tokio::time::timeout_at(deadline, self.stream.read(&mut buf)).await;
            match read {
                Ok(Ok(n)) if n > 0 => self.chunked.extend_from_slice(&buf[..n]),
                Ok(_) => {
                    self.ended = true;
                    return None;
                }
                Err(_) => return None,
            }
        }
    }

    /// Every event arriving within `wait` of each other, until the stream is quiet (a stream
    /// that never is fails the test after 1,000 events).
    pub async fn drain(&mut self, wait: std::time::Duration) -> Vec<SseEvent> {
        let mut events = Vec::new();
        while let Some(event) = self.next(wait).await {
            events.push(event);
            assert!(
                events.len() < 1000,
                "the stream never goes quiet: {:?}",
                &events[events.len() - 3..]
            );
        }
        events
    }

    fn unchunk(&mut self) {
        loop {
            let Some(line_end) = self.chunked.windows(2).position(|w| w == b"\r\n") else {
                return;
            };
            let size_text = String::from_utf8_lossy(&self.chunked[..line_end]).into_owned();
            let Ok(size) = usize::from_str_radix(size_text.trim(), 16) else {
                return;
            };
            // The last chunk: the server ended the stream.
            if size == 0 {
                self.ended = true;
                return;
            }
            if self.chunked.len() < line_end + 2 + size + 2 {
                return;
            }
            let data = self.chunked[line_end + 2..line_end + 2 + size].to_vec();
            self.chunked.drain(..line_end + 2 + size + 2);
            self.text.push_str(&String::from_utf8_lossy(&data));
        }
    }
}

fn parse_event(block: &str) -> Option<SseEvent> {
    let mut event = SseEvent {
        event: "message".to_owned(),
        id: None,
        data: String::new(),
    };
    let mut any = false;
    for line in block.lines() {
        if line.starts_with(':') || line.is_empty() {
            continue;
        }
        let (field, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match field {
            "event" => event.event = value.to_owned(),
            "id" => event.id = Some(value.to_owned()),
            "data" => {
                if any {
                    event.data.push('\n');
                }
                event.data.push_str(value);
                any = true;
            }
            _ => {}
        }
    }
    any.then_some(event)
}

fn parse(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = dechunk(&body);
    }
    let status = head
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    Response { status, head, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("a chunk size line");
        let size = usize::from_str_radix(
            std::str::from_utf8(&data[..line_end])
                .expect("a chunk size")
                .trim(),
            16,
        )
        .expect("a hexadecimal chunk size");
        if size == 0 {
            return out;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}
