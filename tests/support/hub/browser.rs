//! A real browser for the hub's pages: headless Chromium driven by
//! `chromedriver` (Debian's `chromium-driver`, installed by
//! `scripts/ensure-deps`) over the W3C WebDriver protocol.
//!
//! Why not a WebDriver crate: what the tests need is seven JSON calls
//! (session, navigate, find, type, click, read the page, end), which the
//! HTTP client the hub tests already use makes in a few lines; fantoccini
//! would add twenty crates (a second ICU among them) to every CI build.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key of an element reference in WebDriver answers (W3C §12.1).
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A `chromedriver` process and one browser session in it.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    client: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

/// An element of the page, by its WebDriver reference.
pub struct Element(String);

impl Browser {
    /// Starts chromedriver and a headless Chromium with a phone-sized
    /// window that trusts any certificate (the hub's is made by the test)
    /// and saves downloads in `downloads`.
    pub fn start(downloads: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (apt-get install chromium-driver; scripts/ensure-deps does)");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut browser = Self {
            driver,
            base: format!("http://127.0.0.1:{port}"),
            session: String::new(),
            client: reqwest::Client::new(),
            runtime,
        };
        browser.wait_until_ready();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "acceptInsecureCerts": true,
            "goog:chromeOptions": {
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=412,915"],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
        }}});
        let answer = browser.call(reqwest::Method::POST, "/session", Some(capabilities));
        browser.session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        // Headless Chromium saves downloads only when told where (CDP).
        let allow = json!({"cmd": "Page.setDownloadBehavior", "params": {
            "behavior": "allow", "downloadPath": downloads.display().to_string(),
        }});
        browser.session_call(reqwest::Method::POST, "/chromium/send_command", Some(allow));
        browser
    }

    fn wait_until_ready(&self) {
        let began = Instant::now();
        loop {
            let ready = self
                .runtime
                .block_on(self.client.get(format!("{}/status", self.base)).send())
                .is_ok();
            if ready {
                return;
            }
            assert!(
                began.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// One WebDriver call; its `value`. Panics with the driver's error.
    fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|error| panic!("webdriver {path}: {error}"))
    }

    /// One WebDriver call; its `value`, or the driver's error message.
    fn try_call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let mut request = self.client.request(method, url);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        let text = self
            .runtime
            .block_on(async { request.send().await?.text().await })
            .expect("webdriver call");
        let answer: Value = serde_json::from_str(&text).expect("webdriver answer is JSON");
        let value = answer["value"].clone();
        match value.get("error") {
            Some(error) => Err(format!("{error}: {}", value["message"])),
            None => Ok(value),
        }
    }

    fn session_call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        self.call(method, &self.in_session(path), body)
    }

    fn in_session(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    /// Opens `url` and waits for the page to load.
    pub fn open(&self, url: &str) {
        self.session_call(reqwest::Method::POST, "/url", Some(json!({ "url": url })));
    }

    /// The address shown now (after redirects).
    pub fn url(&self) -> String {
        let value = self.session_call(reqwest::Method::GET, "/url", None);
        value.as_str().unwrap_or_default().to_string()
    }

    /// The page's HTML as the browser holds it now.
    pub fn source(&self) -> String {
        let value = self.session_call(reqwest::Method::GET, "/source", None);
        value.as_str().unwrap_or_default().to_string()
    }

    /// The visible text of the page's body. A page still being replaced
    /// (after a click that navigates) is read again once it is there.
    pub fn text(&self) -> String {
        let began = Instant::now();
        loop {
            let body = self.find("body");
            let path = format!("/element/{}/text", body.0);
            match self.try_call(reqwest::Method::GET, &self.in_session(&path), None) {
                Ok(value) => return value.as_str().unwrap_or_default().to_string(),
                Err(error) if began.elapsed() > Duration::from_secs(10) => {
                    panic!("the page's text: {error}")
                }
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// What `script` (a function body, e.g. `return 1`) returns in the page.
    pub fn script(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        self.session_call(reqwest::Method::POST, "/execute/sync", Some(body))
    }

    /// The first element matching the CSS `selector`.
    pub fn find(&self, selector: &str) -> Element {
        let body = json!({ "using": "css selector", "value": selector });
        let value = self.session_call(reqwest::Method::POST, "/element", Some(body));
        Element(
            value[ELEMENT_KEY]
                .as_str()
                .unwrap_or_else(|| panic!("no element {selector}: {value}"))
                .to_string(),
        )
    }
}

impl Element {
    /// Types `text` into this element.
    pub fn type_text(&self, browser: &Browser, text: &str) {
        let path = format!("/element/{}/value", self.0);
        browser.session_call(reqwest::Method::POST, &path, Some(json!({ "text": text })));
    }

    /// Clicks it, as a person would (navigation included).
    pub fn click(&self, browser: &Browser) {
        let path = format!("/element/{}/click", self.0);
        browser.session_call(reqwest::Method::POST, &path, Some(json!({})));
    }

    /// Its rendered text.
    pub fn text(&self, browser: &Browser) -> String {
        let path = format!("/element/{}/text", self.0);
        let value = browser.session_call(reqwest::Method::GET, &path, None);
        value.as_str().unwrap_or_default().to_string()
    }

    /// The value of its attribute `name`, if it has one.
    pub fn attribute(&self, browser: &Browser, name: &str) -> Option<String> {
        let path = format!("/element/{}/attribute/{name}", self.0);
        let value = browser.session_call(reqwest::Method::GET, &path, None);
        value.as_str().map(str::to_string)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.base, self.session);
            let _ = self.runtime.block_on(self.client.delete(url).send());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
