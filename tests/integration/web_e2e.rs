//! End-to-end tests of the web page in headless Chromium, driven over the W3C
//! WebDriver protocol by chromedriver (Debian's `chromium` and `chromium-driver`,
//! installed by `.ci/run`): type a query, see ranked highlighted results, click facets
//! and see results narrow, open an article, and check injected markup never runs.
//! It needs those two programs, so `cargo test` leaves it out (`#[ignore]`);
//! `.ci/run` installs them and runs it with `--ignored`. Both find chromedriver
//! the same way: `$NEWSDEX_CHROMEDRIVER`, else `chromedriver` on the `PATH`.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::http::{corpus_dir, start};
use crate::util::TestDir;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    base: String,
    session: String,
    child: Child,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `$NEWSDEX_CHROMEDRIVER`, else `chromedriver` on the `PATH` (as `.ci/run` looks).
fn chromedriver() -> Option<String> {
    if let Ok(path) = std::env::var("NEWSDEX_CHROMEDRIVER") {
        return Some(path);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("chromedriver"))
        .find(|p| p.is_file())
        .map(|p| p.display().to_string())
}

impl Driver {
    fn start(driver: &str) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let chrome =
            std::env::var("NEWSDEX_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let profile = tempfile::tempdir().unwrap().keep();
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chrome,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,900", format!("--user-data-dir={}", profile.display())]}}}});
        let v: Value = ureq::post(&format!("{base}/session"))
            .send_json(caps)
            .expect("a browser session")
            .into_json()
            .unwrap();
        let session = v["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_string();
        Driver {
            base,
            session,
            child,
        }
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}{}", self.base, self.session, path);
        let r = match method {
            "GET" => ureq::get(&url).call(),
            _ => ureq::post(&url).send_json(body),
        };
        match r {
            Ok(r) => r.into_json::<Value>().unwrap()["value"].clone(),
            Err(ureq::Error::Status(code, r)) => panic!(
                "webdriver {path}: {code} {}",
                r.into_string().unwrap_or_default()
            ),
            Err(e) => panic!("webdriver {path}: {e}"),
        }
    }

    fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), json!({}));
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/clear"), json!({}));
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            json!({ "text": text }),
        );
    }

    /// Waits until the script returns something truthy; returns it.
    fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let v = self.js(script);
            if !(v.is_null() || v == json!(false) || v == json!(0) || v == json!("")) {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn total(d: &Driver) -> u64 {
    let s = d.js("return document.getElementById('summary').textContent");
    s.as_str()
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("0")
        .replace(',', "")
        .parse()
        .unwrap_or(0)
}

#[test]
#[ignore = "needs chromedriver and chromium: .ci/run installs them and runs it"]
fn search_facets_timeline_and_article_in_a_real_browser() {
    let driver = chromedriver().expect(
        "no chromedriver: apt-get install chromium chromium-driver, or set NEWSDEX_CHROMEDRIVER",
    );
    let server = start(corpus_dir());
    let d = Driver::start(&driver);
    d.goto(&server.url("/"));
    d.wait_for(
        "the stats line",
        "return document.getElementById('stats').textContent.includes('5 articles')",
    );

    // Type a query: ranked results with highlighted snippets.
    d.type_into("#q", "drone");
    d.click("#go");
    d.wait_for(
        "results",
        "return document.querySelectorAll('#results li').length === 4",
    );
    assert_eq!(total(&d), 4);
    let marks = d.js("return [...document.querySelectorAll('#results mark')].map(m => m.textContent.toLowerCase())");
    assert!(
        marks
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m.as_str().unwrap().starts_with("drone")),
        "{marks}"
    );
    assert_eq!(
        d.js("return document.querySelector('#results h3').textContent"),
        json!("Drone attack on Kyiv")
    );
    assert!(d
        .js("return location.search")
        .as_str()
        .unwrap()
        .contains("q=drone"));

    // Injected markup in titles and text stays text, and never runs.
    assert!(d.js("return document.getElementById('results').textContent.includes('<script>window.__pwned=1</script>')") == json!(true));
    assert_eq!(d.js("return typeof window.__pwned"), json!("undefined"));
    assert_eq!(
        d.js(
            "return document.querySelectorAll('#results script, #results img, #results b').length"
        ),
        json!(0)
    );

    // Click a place facet: the results narrow, and the facet drills down.
    d.wait_for("the Europe facet", "return [...document.querySelectorAll('#facet-places a')].some(a => a.textContent === 'Europe')");
    d.js("[...document.querySelectorAll('#facet-places a')].find(a => a.textContent === 'Europe').click()");
    d.wait_for("Ukraine under Europe", "return [...document.querySelectorAll('#facet-places a')].some(a => a.textContent === 'Ukraine')");
    d.js("[...document.querySelectorAll('#facet-places a')].find(a => a.textContent === 'Ukraine').click()");
    d.wait_for(
        "the place filter",
        "return location.search.includes('place=%2FEurope%2FUkraine')",
    );
    d.wait_for(
        "narrowed results",
        "return document.querySelectorAll('#results li').length === 3",
    );
    assert_eq!(total(&d), 3, "the hostile article names no place");
    assert!(d
        .js("return document.getElementById('active-filters').textContent")
        .as_str()
        .unwrap()
        .contains("/Europe/Ukraine"));

    // The URL carries the state: a bookmark shows the same page.
    let bookmark = server.url(&format!(
        "/{}",
        d.js("return location.search").as_str().unwrap()
    ));
    d.goto(&bookmark);
    d.wait_for(
        "bookmarked results",
        "return document.querySelectorAll('#results li').length === 3",
    );
    assert_eq!(
        d.js("return document.getElementById('q').value"),
        json!("drone")
    );

    // The timeline filters by a bucket on click.
    d.goto(&server.url("/?q=drone"));
    d.wait_for(
        "timeline bars",
        "return document.querySelectorAll('#timeline rect.bar').length > 1",
    );
    d.js("const svg = document.getElementById('timeline'); const r = svg.getBoundingClientRect(); \
          const n = document.querySelectorAll('#timeline rect.bar').length; const x = r.left + (n - 0.5) * r.width / n; \
          svg.dispatchEvent(new MouseEvent('mousedown', {clientX: x, clientY: r.top + 5, bubbles: true})); \
          svg.dispatchEvent(new MouseEvent('mouseup', {clientX: x, clientY: r.top + 5, bubbles: true}));");
    d.wait_for(
        "a date filter",
        "return location.search.includes('from=') && location.search.includes('to=')",
    );
    d.wait_for(
        "results of the last bucket",
        "return document.getElementById('summary').textContent.length > 0",
    );
    assert!(total(&d) < 4);

    // Open an article: who said what, and where.
    d.goto(&server.url("/?q=Zelenskyy"));
    d.wait_for(
        "the seed article",
        "return document.querySelectorAll('#results li').length === 1",
    );
    d.click("#results h3 a");
    d.wait_for("the article view", "return !document.getElementById('article').hidden && document.getElementById('who') !== null");
    let who = d.js("return document.getElementById('who').textContent");
    assert!(
        who.as_str().unwrap().contains("Volodymyr Zelenskyy")
            && who.as_str().unwrap().contains("Taking advantage"),
        "{who}"
    );
    let place_names = d.js("return document.getElementById('where').textContent");
    assert!(
        place_names.as_str().unwrap().contains("Kyiv"),
        "{place_names}"
    );
    assert!(d
        .js("return location.search")
        .as_str()
        .unwrap()
        .contains("article="));

    // Click a speaker facet: the person's panel shows beside the filtered results.
    d.goto(&server.url("/?q=Zelenskyy"));
    d.wait_for("the speaker facet", "return [...document.querySelectorAll('#facet-speakers a')].some(a => a.textContent === 'Volodymyr Zelenskyy')");
    d.js("[...document.querySelectorAll('#facet-speakers a')].find(a => a.textContent === 'Volodymyr Zelenskyy').click()");
    d.wait_for(
        "the person panel",
        "return !document.getElementById('person').hidden",
    );
    let panel = d.js("return document.getElementById('person').textContent");
    assert!(
        panel.as_str().unwrap().contains("Volodymyr Zelenskyy")
            && panel.as_str().unwrap().contains("articles quoting them"),
        "{panel}"
    );
    assert_eq!(total(&d), 1);

    // The Quotes view: a speaker's quotes, who says them, and the quote marked in its
    // article.
    d.goto(&server.url("/"));
    d.click("#view-quotes");
    d.wait_for(
        "the quotes view",
        "return location.search.includes('view=quotes') && document.querySelectorAll('#results li.quote').length > 0",
    );
    d.wait_for("the speaker facet of quotes", "return [...document.querySelectorAll('#facet-speakers a')].some(a => a.textContent === 'Volodymyr Zelenskyy')");
    d.js("[...document.querySelectorAll('#facet-speakers a')].find(a => a.textContent === 'Volodymyr Zelenskyy').click()");
    d.wait_for(
        "his quotes",
        "return location.search.includes('speaker=') && [...document.querySelectorAll('#results li.quote .meta a')].every(a => a.textContent === 'Volodymyr Zelenskyy')",
    );
    d.click("#results li.quote a.title");
    d.wait_for(
        "the quote marked in its article",
        "return document.getElementById('quote-mark') !== null",
    );
    let marked = d.js("return document.getElementById('quote-mark').textContent");
    let who = d.js("return document.getElementById('who').textContent");
    let marked = marked.as_str().unwrap().trim();
    assert!(
        marked.len() > 10 && who.as_str().unwrap().contains(marked),
        "the marked text is one of the article's quotes: {marked:?} / {who}"
    );

    // The hostile article's view: text stays text, the javascript: URL is not linked.
    d.goto(&server.url("/?article=xss-1"));
    d.wait_for(
        "the hostile article",
        "return document.getElementById('article-title') !== null",
    );
    assert_eq!(d.js("return typeof window.__pwned"), json!("undefined"));
    assert_eq!(
        d.js("return document.querySelectorAll('#article a[href^=\"javascript\"]').length"),
        json!(0)
    );
    assert!(d
        .js("return document.getElementById('article-title').textContent")
        .as_str()
        .unwrap()
        .contains("<script>"));
}

#[test]
#[ignore = "needs chromedriver and chromium: .ci/run installs them and runs it"]
fn copies_of_a_story_are_one_result_that_opens_on_a_click() {
    let driver = chromedriver().expect(
        "no chromedriver: apt-get install chromium chromium-driver, or set NEWSDEX_CHROMEDRIVER",
    );
    let t = TestDir::new();
    crate::dups::corpus(&t);
    t.ingest();
    let server = start(t);
    let d = Driver::start(&driver);
    d.goto(&server.url("/?q=harbour+dredging"));
    d.wait_for(
        "one result for the story and its copy",
        "return document.querySelectorAll('#results li.hit').length === 1 && document.querySelector('#results .similar-toggle') !== null",
    );
    assert_eq!(
        d.js("return document.querySelector('#results .similar-toggle').textContent"),
        json!("+1 similar")
    );
    d.click("#results .similar-toggle");
    d.wait_for(
        "the copy listed under the result",
        "return document.querySelectorAll('#results .similar-list li').length === 1",
    );
    let listed = d.js("return document.querySelector('#results .similar-list li').textContent");
    let listed = listed.as_str().unwrap();
    assert!(
        listed.contains("2026-03-0") && listed.contains(".example — Article "),
        "{listed}"
    );
    // A click on the copy opens it.
    d.click("#results .similar-list a");
    d.wait_for(
        "the copy's article view",
        "return location.search.includes('article=') && document.getElementById('article-title') !== null",
    );
}
