//! A static file server for `dist/` that records every request it receives,
//! so a test can prove that verifying a file made none.
//!
//! Deliberately tiny (HTTP/1.1 GET/HEAD, `Connection: close`): the point is to
//! count, and to show that `dist/` needs nothing but static files.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A running server.
pub struct StaticServer {
    /// `http://127.0.0.1:PORT/`.
    pub base: String,
    log: Arc<Mutex<Vec<String>>>,
    offline: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl StaticServer {
    /// Serve `root` on an ephemeral port of 127.0.0.1.
    pub async fn start(root: PathBuf) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base = format!("http://{}/", listener.local_addr()?);
        let log = Arc::new(Mutex::new(Vec::new()));
        let log2 = log.clone();
        let offline = Arc::new(AtomicBool::new(false));
        let offline2 = offline.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut sock, _)) = listener.accept().await else {
                    continue;
                };
                let root = root.clone();
                let log = log2.clone();
                let offline = offline2.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 16 * 1024];
                    let mut n = 0;
                    // Read the request head (bounded).
                    while n < buf.len() {
                        match sock.read(&mut buf[n..]).await {
                            Ok(0) | Err(_) => return,
                            Ok(k) => n += k,
                        }
                        if buf[..n].windows(4).any(|w| w == b"\r\n\r\n") {
                            break;
                        }
                    }
                    let head = String::from_utf8_lossy(&buf[..n]).to_string();
                    let mut parts = head.split_whitespace();
                    let method = parts.next().unwrap_or("").to_owned();
                    let target = parts.next().unwrap_or("/").to_owned();
                    if offline.load(Ordering::SeqCst) {
                        // As if the network were gone: the connection is
                        // dropped without an answer (logged, not served).
                        log.lock()
                            .expect("log")
                            .push(format!("OFFLINE {method} {target}"));
                        return;
                    }
                    log.lock().expect("log").push(format!("{method} {target}"));
                    let (status, ctype, body) = respond(&root, &method, &target);
                    let head = format!(
                        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = sock.write_all(head.as_bytes()).await;
                    if method != "HEAD" {
                        let _ = sock.write_all(&body).await;
                    }
                    let _ = sock.shutdown().await;
                });
            }
        });
        Ok(StaticServer {
            base,
            log,
            offline,
            task,
        })
    }

    /// Stop answering (`true`: every request is dropped unanswered, as when
    /// the network is gone) or answer again (`false`).
    pub fn set_offline(&self, offline: bool) {
        self.offline.store(offline, Ordering::SeqCst);
    }

    /// Every request so far, as `METHOD /path`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().expect("log").clone()
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn respond(root: &Path, method: &str, target: &str) -> (&'static str, &'static str, Vec<u8>) {
    if method != "GET" && method != "HEAD" {
        return (
            "405 Method Not Allowed",
            "text/plain",
            b"method not allowed".to_vec(),
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for c in Path::new(path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => file.push(p),
            _ => return ("400 Bad Request", "text/plain", b"bad path".to_vec()),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => ("200 OK", content_type(&file), body),
        Err(_) => ("404 Not Found", "text/plain", b"not found".to_vec()),
    }
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}
