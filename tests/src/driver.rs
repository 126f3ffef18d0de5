//! Starting a W3C WebDriver for each browser and opening a session on it.
//!
//! A badly set-up browser tends to hang rather than fail, so every step has
//! a timeout and every error says which browser and which step.

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Map, Value};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

/// The browsers the portal is tested in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// Chromium with chromedriver, headless.
    Chromium,
    /// Firefox ESR with geckodriver, headless.
    Firefox,
    /// WebKitGTK's MiniBrowser with WebKitWebDriver, under Xvfb.
    WebKit,
}

impl Browser {
    /// Short name for logs and artifacts.
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
            Browser::WebKit => "webkit",
        }
    }

    /// Programs that must exist.
    fn programs(self) -> Vec<String> {
        match self {
            Browser::Chromium => vec![which("chromedriver"), which("chromium")],
            Browser::Firefox => vec![which("geckodriver"), which("firefox-esr")],
            Browser::WebKit => vec![which("WebKitWebDriver"), which("xvfb-run"), minibrowser()],
        }
    }
}

fn which(prog: &str) -> String {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(prog))
                .find(|p| p.is_file())
        })
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

fn minibrowser() -> String {
    [
        "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        "/usr/libexec/webkit2gtk-4.1/MiniBrowser",
    ]
    .into_iter()
    .find(|p| Path::new(p).is_file())
    .unwrap_or_default()
    .to_owned()
}

/// A driver process plus a session; dropping ends the driver's process group.
pub struct Session {
    /// The WebDriver client.
    pub client: Client,
    driver: Child,
    _profile: Option<TempDir>,
}

impl Session {
    /// The driver's process group, which holds the browser it started (the
    /// browser benchmark sums the memory of its processes).
    pub fn process_group(&self) -> Option<u32> {
        self.driver.id()
    }

    /// End the session and stop the driver (and everything it started).
    pub async fn close(mut self) {
        let _ = tokio::time::timeout(Duration::from_secs(20), self.client.clone().close()).await;
        end_driver(&mut self.driver).await;
    }
}

impl Drop for Session {
    /// A test that panicked before `close` still ends its driver's group.
    fn drop(&mut self) {
        crate::process::kill_group_now(&mut self.driver);
    }
}

/// The driver was started as a process-group leader (xvfb-run spawns Xvfb
/// and the driver as children): end that group, and only that group.
async fn end_driver(child: &mut Child) {
    crate::process::end_group(child, Duration::from_secs(5)).await;
}

/// A temporary directory removed on drop (browser profiles).
pub struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(tag: &str) -> std::io::Result<Self> {
        let p = std::env::temp_dir().join(format!(
            "kyso-e2e-{tag}-{}-{}",
            std::process::id(),
            free_port()?
        ));
        std::fs::create_dir_all(&p)?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Why a session could not be opened.
#[derive(Debug)]
pub enum StartError {
    /// A program is not installed.
    Missing(String),
    /// Installed but could not be driven: the exact failure.
    Failed(String),
}

/// Start the browser's driver and open a session.
pub async fn start(browser: Browser) -> Result<Session, StartError> {
    let progs = browser.programs();
    if let Some(missing) = progs.iter().position(String::is_empty) {
        let names = match browser {
            Browser::Chromium => ["chromedriver", "chromium", ""],
            Browser::Firefox => ["geckodriver", "firefox-esr", ""],
            Browser::WebKit => ["WebKitWebDriver", "xvfb-run", "MiniBrowser (webkit2gtk)"],
        };
        return Err(StartError::Missing(format!(
            "{}: {} not found (run scripts/setup.sh test)",
            browser.name(),
            names[missing]
        )));
    }
    let port = free_port().map_err(|e| StartError::Failed(e.to_string()))?;
    let profile = TempDir::new(browser.name()).map_err(|e| StartError::Failed(e.to_string()))?;
    let mut cmd = match browser {
        Browser::Chromium => {
            let mut c = Command::new(&progs[0]);
            c.arg(format!("--port={port}"));
            c
        }
        Browser::Firefox => {
            let mut c = Command::new(&progs[0]);
            c.arg("--port")
                .arg(port.to_string())
                .arg("--binary")
                .arg(&progs[1]);
            c
        }
        Browser::WebKit => {
            let mut c = Command::new(&progs[1]);
            c.arg("-a")
                .arg("-s")
                .arg("-screen 0 1280x1024x24")
                .arg(&progs[0])
                .arg(format!("--port={port}"));
            c
        }
    };
    let log_path = crate::artifacts_dir().join(format!("{}-driver.log", browser.name()));
    let log = std::fs::File::create(&log_path).map_err(|e| StartError::Failed(e.to_string()))?;
    let log2 = log
        .try_clone()
        .map_err(|e| StartError::Failed(e.to_string()))?;
    cmd.stdin(Stdio::null())
        .stdout(log)
        .stderr(log2)
        .process_group(0)
        .kill_on_drop(true);
    let mut driver = cmd
        .spawn()
        .map_err(|e| StartError::Failed(format!("{}: cannot start driver: {e}", browser.name())))?;

    // Wait for the driver to listen.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            break;
        }
        if let Ok(Some(status)) = driver.try_wait() {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(StartError::Failed(format!(
                "{}: driver exited ({status}):\n{log}",
                browser.name()
            )));
        }
        if tokio::time::Instant::now() > deadline {
            end_driver(&mut driver).await;
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(StartError::Failed(format!(
                "{}: driver did not listen within 30 s:\n{log}",
                browser.name()
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let caps = capabilities(browser, &progs, &profile.0);
    let url = format!("http://127.0.0.1:{port}");
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(caps);
    let connect = builder.connect(&url);
    match tokio::time::timeout(Duration::from_secs(90), connect).await {
        Ok(Ok(client)) => Ok(Session {
            client,
            driver,
            _profile: Some(profile),
        }),
        Ok(Err(e)) => {
            end_driver(&mut driver).await;
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            Err(StartError::Failed(format!(
                "{}: new session failed: {e}\n--- driver log ---\n{log}",
                browser.name()
            )))
        }
        Err(_) => {
            end_driver(&mut driver).await;
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            Err(StartError::Failed(format!(
                "{}: new session timed out after 90 s\n--- driver log ---\n{log}",
                browser.name()
            )))
        }
    }
}

fn capabilities(browser: Browser, progs: &[String], profile: &Path) -> Map<String, Value> {
    let caps = match browser {
        Browser::Chromium => json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": progs[1],
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                    "--window-size=1280,900", format!("--user-data-dir={}", profile.display()),
                ],
            },
        }),
        Browser::Firefox => json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": progs[1],
                "args": ["-headless", "-width", "1280", "-height", "900"],
                // Keep Firefox's own background traffic off (it would not reach
                // our server anyway, but keeps logs quiet and runs reproducible).
                "prefs": {
                    "app.update.enabled": false,
                    "browser.shell.checkDefaultBrowser": false,
                    "datareporting.policy.dataSubmissionEnabled": false,
                    "network.captive-portal-service.enabled": false,
                    "network.connectivity-service.enabled": false,
                    "browser.safebrowsing.malware.enabled": false,
                    "browser.safebrowsing.phishing.enabled": false,
                    "extensions.update.enabled": false,
                },
            },
        }),
        Browser::WebKit => json!({
            "browserName": "MiniBrowser",
            "webkitgtk:browserOptions": {
                "binary": progs[2],
                "args": ["--automation"],
            },
        }),
    };
    caps.as_object().cloned().unwrap_or_default()
}
