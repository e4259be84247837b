//! Bad input is reported as `path:line: reason`, counted by kind, and never stops
//! the ingest or loses the good articles around it.

use crate::util::*;

fn kinds(r: &newsdex::ingest::IngestReport) -> Vec<(String, u64)> {
    r.stats.failed_by_kind.clone()
}

#[test]
fn each_kind_of_bad_input_is_counted_and_good_articles_are_kept() {
    let t = TestDir::new();
    // A malformed line between two good ones.
    t.write(
        "mixed.jsonl",
        jsonl("g1", "Good", "good one", "2026-01-01")
            + "{\"id\": \"bad\", \"text\": \n"
            + &jsonl("g2", "Good", "good two", "2026-01-01"),
    );
    // Invalid UTF-8 in a line.
    let mut bytes = jsonl("g3", "Good", "good three", "2026-01-01").into_bytes();
    bytes.extend_from_slice(b"{\"id\":\"u\",\"text\":\"caf\xe9\"}\n");
    t.write("utf8.jsonl", bytes);
    // An article with no text, and a JSON value that is not an article.
    t.write(
        "empty_article.jsonl",
        "{\"id\":\"e\",\"title\":\"Only a title\"}\n[1,2,3]\n",
    );
    // A truncated gzip stream whose first article survives.
    let mut gz = Vec::new();
    {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(&mut gz, flate2::Compression::fast());
        enc.write_all(jsonl("g4", "Good", "good four", "2026-01-01").as_bytes())
            .unwrap();
        for i in 0..2000 {
            enc.write_all(
                jsonl(
                    &format!("pad{i}"),
                    "Pad",
                    &format!("padding {i} with some words to compress"),
                    "2026-01-01",
                )
                .as_bytes(),
            )
            .unwrap();
        }
        enc.finish().unwrap();
    }
    gz.truncate(gz.len() / 2);
    t.write("cut.jsonl.gz", gz);
    // An empty file and a binary file with an article extension.
    t.write("empty.json", "");
    t.write("binary.json", b"\x00\x01\x02\x03PNG\x00");
    let r = t.ingest();
    for word in ["one", "two", "three", "four"] {
        assert_eq!(
            t.query(&format!("good AND {word}")).total,
            1,
            "good article '{word}' was lost"
        );
    }
    let k = kinds(&r);
    let get = |name: &str| k.iter().find(|(n, _)| n == name).map_or(0, |(_, c)| *c);
    assert_eq!(get("malformed_json"), 2, "{k:?}");
    assert_eq!(get("encoding"), 2, "{k:?}");
    assert_eq!(get("no_text"), 2, "{k:?}");
    assert_eq!(get("compression"), 1, "{k:?}");
    assert_eq!(r.stats.failed, 7);
    let errors = r.stats.first_errors.join("\n");
    assert!(errors.contains("mixed.jsonl:2: malformed JSON"), "{errors}");
    assert!(errors.contains("utf8.jsonl:2: invalid UTF-8"), "{errors}");
    assert!(
        errors.contains("empty_article.jsonl:1: article has a title but no text"),
        "{errors}"
    );
    assert!(errors.contains("cut.jsonl.gz:"), "{errors}");
}

#[test]
fn the_binary_reports_path_and_line_and_exits_1_on_bad_input() {
    let t = TestDir::new();
    t.write(
        "x.jsonl",
        jsonl("ok", "Fine", "fine words", "2026-01-01") + "not json at all\n",
    );
    let out = t.run(&["index", "--index", "idx", "in"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("x.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("1 added"), "{err}");
    assert!(err.contains("malformed_json: 1"), "{err}");
}

#[test]
fn a_missing_path_is_reported_not_fatal() {
    let t = TestDir::new();
    t.write("ok.jsonl", jsonl("ok", "Fine", "fine words", "2026-01-01"));
    let out = t.run(&["index", "--index", "idx", "in", "does-not-exist"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("does-not-exist: cannot read"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("1 added"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_unreadable_files_are_reported() {
    let t = TestDir::new();
    t.write("ok.jsonl", jsonl("ok", "Fine", "fine words", "2026-01-01"));
    std::os::unix::fs::symlink(t.input(), t.input().join("loop")).unwrap();
    let secret = t.write(
        "secret.jsonl",
        jsonl("s", "Secret", "secret words", "2026-01-01"),
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read(&secret).is_ok(); // root reads everything
    let r = t.ingest();
    assert_eq!(t.query("fine").total, 1);
    let errors = r.stats.first_errors.join("\n");
    assert!(errors.contains("symlink loop"), "{errors}");
    if !readable_anyway {
        assert!(errors.contains("secret.jsonl: cannot open"), "{errors}");
    }
}

#[test]
fn hostile_files_are_reported_and_the_rest_is_indexed() {
    let t = TestDir::new();
    // A 50 MB JSON line between two good ones.
    let mut big = jsonl("h1", "Good", "good hostile one", "2026-01-01").into_bytes();
    big.extend_from_slice(b"{\"id\":\"big\",\"text\":\"");
    big.extend(std::iter::repeat_n(b'x', 50 << 20));
    big.extend_from_slice(b"\"}\n");
    big.extend_from_slice(jsonl("h2", "Good", "good hostile two", "2026-01-01").as_bytes());
    t.write("big.jsonl", big);
    // JSON nested far deeper than any article.
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    t.write(
        "deep.jsonl",
        format!(
            "{deep}\n{}",
            jsonl("h3", "Good", "good hostile three", "2026-01-01")
        ),
    );
    // NUL bytes inside a line, past the binary sniffing window.
    let mut nul = jsonl("h4", "Good", "good hostile four", "2026-01-01")
        .repeat(200)
        .into_bytes();
    nul.extend_from_slice(b"{\"id\":\"n\",\"text\":\"a\x00b\"}\n");
    t.write("nul.jsonl", nul);
    // A truncated zstd stream.
    let zst = zstd::encode_all(
        jsonl("z", "Zst", "zst words", "2026-01-01")
            .repeat(500)
            .as_bytes(),
        3,
    )
    .unwrap();
    t.write("cut.jsonl.zst", &zst[..zst.len() / 2]);
    // Control and bidi characters in a title: indexed, and never printed raw.
    t.write(
        "ctrl.jsonl",
        jsonl(
            "c1",
            "Evil \u{1b}[31mred\u{202e} title",
            "control words",
            "2026-01-01",
        ),
    );
    let r = t.ingest();
    for word in ["one", "two", "three", "four"] {
        assert_eq!(
            t.query(&format!("hostile AND {word}")).total,
            1,
            "good article '{word}' was lost"
        );
    }
    let errors = r.stats.first_errors.join("\n");
    assert!(
        errors.contains("big.jsonl:2: record larger than"),
        "{errors}"
    );
    assert!(errors.contains("deep.jsonl:1: malformed JSON"), "{errors}");
    assert!(errors.contains("nul.jsonl:201:"), "{errors}");
    assert!(errors.contains("cut.jsonl.zst:"), "{errors}");
    let out = t.run(&["search", "--index", "index", "control"]);
    let text = stdout(&out);
    assert!(text.contains("Evil [31mred title"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "raw control characters printed"
    );
}
