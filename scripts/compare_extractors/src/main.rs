//! Compares main-text extractors on ../shared/web/trafilatura-eval and dates on
//! htmldate-eval. Writes predictions JSONL per candidate and prints pages/s (one
//! thread, extraction call only, pages decoded to UTF-8 beforehand).
use std::io::{Read, Write};
use std::time::Instant;

fn decode(bytes: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode(bytes).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    // meta charset
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    if let Some(i) = head.find("charset=") {
        let rest = &head[i + 8..];
        let rest = rest.trim_start_matches(['"', '\'']);
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        if let Some(enc) = encoding_rs::Encoding::for_label(rest[..end].as_bytes()) {
            return enc.decode(bytes).0.into_owned();
        }
    }
    encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()
}

fn load(dir: &str) -> Vec<(String, String, String)> {
    let eval: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/eval.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for (name, e) in eval.as_object().unwrap() {
        let p = format!("{dir}/pages/{name}.html.gz");
        let mut gz = flate2::read::GzDecoder::new(std::fs::File::open(&p).unwrap());
        let mut b = Vec::new();
        gz.read_to_end(&mut b).unwrap();
        let url = e["url"].as_str().unwrap_or("").to_string();
        out.push((name.clone(), decode(&b), url));
    }
    out.sort();
    out
}

type Pred = (String, Option<String>, Option<String>, Option<String>);

fn run(name: &str, pages: &[(String, String, String)], out_dir: &str, f: &dyn Fn(&str, &str) -> Pred) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(format!("{out_dir}/{name}.jsonl")).unwrap());
    let mut total = 0.0;
    for (file, html, url) in pages {
        let t = Instant::now();
        let (text, title, date, author) = f(html, url);
        total += t.elapsed().as_secs_f64();
        let v = serde_json::json!({"file": file, "text": text, "title": title, "date": date, "author": author});
        writeln!(w, "{v}").unwrap();
    }
    eprintln!("{name}: {} pages in {:.2} s = {:.1} pages/s", pages.len(), total, pages.len() as f64 / total);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let set = &args[1]; // dir of the eval set
    let out_dir = &args[2];
    let which = args.get(3).map(String::as_str).unwrap_or("all");
    let pages = load(set);
    if which == "all" || which == "trafilatura" {
        run("trafilatura", &pages, out_dir, &|html, url| {
            let mut opts = trafilatura::Options::default().with_exclude_comments(true);
            if let Ok(u) = url::Url::parse(url) { opts = opts.with_url(u); }
            match trafilatura::extract(html, &opts) {
                Ok(r) => (
                    r.content_text,
                    Some(r.metadata.title),
                    r.metadata.date.map(|d| d.to_string()),
                    Some(r.metadata.author),
                ),
                Err(_) => (String::new(), None, None, None),
            }
        });
    }
    for (label, focus) in [("trafilatura-recall", trafilatura::ExtractionFocus::FavorRecall), ("trafilatura-precision", trafilatura::ExtractionFocus::FavorPrecision)] {
        if which != label { continue; }
        run(label, &pages, out_dir, &|html, _url| {
            let opts = trafilatura::Options::default().with_exclude_comments(true).with_focus(focus);
            match trafilatura::extract(html, &opts) {
                Ok(r) => (r.content_text, Some(r.metadata.title), r.metadata.date.map(|d| d.to_string()), Some(r.metadata.author)),
                Err(_) => (String::new(), None, None, None),
            }
        });
    }
    if which == "all" || which == "trafilatura-fallback" {
        run("trafilatura-fallback", &pages, out_dir, &|html, _url| {
            let opts = trafilatura::Options::default().with_exclude_comments(true).with_fallback(true);
            match trafilatura::extract(html, &opts) {
                Ok(r) => (
                    r.content_text,
                    Some(r.metadata.title),
                    r.metadata.date.map(|d| d.to_string()),
                    Some(r.metadata.author),
                ),
                Err(_) => (String::new(), None, None, None),
            }
        });
    }
    if which == "all" || which == "rs-trafilatura" {
        run("rs-trafilatura", &pages, out_dir, &|html, url| {
            let mut opts = rs_trafilatura::Options::default();
            if url.starts_with("http") {
                opts.url = Some(url.to_string());
            }
            match rs_trafilatura::extract_with_options(html, &opts) {
                Ok(r) => (
                    r.content_text,
                    r.metadata.title,
                    r.metadata.date.map(|d| d.format("%Y-%m-%d").to_string()),
                    r.metadata.author,
                ),
                Err(_) => (String::new(), None, None, None),
            }
        });
    }
    if which == "htmldate-rs" || which == "htmldate-rs-fast" {
        let extensive = which == "htmldate-rs";
        run(which, &pages, out_dir, &|html, _url| {
            let opts = htmldate_rs::DateOptions {
                extensive_search: extensive,
                ..Default::default()
            };
            (String::new(), None, htmldate_rs::find_date(html, &opts), None)
        });
    }
    if which == "all" || which == "dom_smoothie" {
        run("dom_smoothie", &pages, out_dir, &|html, _url| {
            let cfg = dom_smoothie::Config {
                text_mode: dom_smoothie::TextMode::Formatted,
                ..Default::default()
            };
            match dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse()) {
                Ok(a) => (
                    a.text_content.to_string(),
                    Some(a.title),
                    a.published_time,
                    a.byline,
                ),
                Err(_) => (String::new(), None, None, None),
            }
        });
    }
}
