#!/usr/bin/env python3
"""Builds the near-duplicate test set (issue 17) from ../shared/corpus/news-en.jsonl.

Writes, into OUT_DIR (never into the repository: the texts are research-use only):
- articles.jsonl: every news-en article, plus made copies of some of them;
- pairs.jsonl: {"a": id, "b": id, "same": bool, "kind": ...}, the pairs scored by
  scripts/eval_dups.py.

Positive pairs ("the same story copied"):
- kind "copy": an article re-issued by another outlet, made here from a real one
  with two to four of: a new headline, a dateline, a byline, boilerplate added at
  the end, its last paragraphs trimmed (at most a third of the text), one or two
  sentences edited (words changed, numbers changed) or dropped;
- kind "real": two news-en articles that share at least 60% of the shorter one's
  sentences, and every figure of the one with fewer figures is in the other, or
  all but one on the same day (a correction); news-en holds re-issued and
  corrected wire stories.

Negative pairs ("different stories"), the hard cases:
- kind "template": two news-en articles of different days that share 60% of
  their sentences but not their figures: a daily report (the Fed's market
  operations, Treasury balances, a price table) in the same wording;
- kind "topic": two news-en articles from the same day about the same thing (at
  least 20% of their content words shared) that share under 20% of their sentences:
  independent reports of one event, follow-ups, and template stories (earnings
  tables, market reports) whose wording is the same but whose facts are not;
- kind "hardest": the same, taken from the top of the word overlap.
Pairs that share 20-60% of their sentences, and same-day pairs whose figures
differ in more than one, are left out: neither label is sure.

Usage: scripts/build_dup_testset.py [--corpus PATH] [--seed N] OUT_DIR
"""

import argparse
import collections
import json
import os
import random
import re

SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
STOP = set(
    "the a an and or of to in on for with at by from as is are was were be been it its "
    "that this these those he she they we you i his her their our said says say will "
    "would could should has have had not but if than then there which who whom what "
    "when where also about after before over into more most mln pct cts vs year".split()
)

DATELINES = ["LONDON (Reuters) - ", "WASHINGTON (AP) — ", "NEW YORK, {d} (Reuters) - ",
             "PARIS (AFP) - ", "BRUSSELS — ", "TOKYO, {d} /PRNewswire/ -- "]
BYLINES = ["By Jane Morris, Staff Writer\n\n", "By Associated Press\n\n",
           "From our correspondent\n\n", "By Reuters Staff\n\n"]
BOILER = [
    "\n\nCopyright 2017 The Associated Press. All rights reserved. This material may "
    "not be published, broadcast, rewritten or redistributed.",
    "\n\nReporting by Sarah White; Editing by Mark Potter",
    "\n\nSign up for our daily newsletter to get the top stories delivered to your "
    "inbox every morning. Follow us on Twitter and Facebook.",
    "\n\nThis article was originally published by a partner site and is republished "
    "here with permission. Related coverage: see our special report.",
]


def sentences(body):
    return [s.strip() for s in SENT.split(body.replace("\n", " ")) if s.strip()]


NUMBER = re.compile(r"(?<![A-Za-z0-9])\d+(?:[.,/-]\d+)*(?![A-Za-z])")
TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.,/-][A-Za-z0-9]+)*")


def norm(sentence):
    """A sentence as compared: its words and numbers (numbers matter: template
    stories such as daily balances differ only in them)."""
    return " ".join(w.lower() for w in TOKEN.findall(sentence))


def content_words(body):
    return {w.lower() for w in WORD.findall(body) if w.lower() not in STOP and len(w) > 2}


def paragraphs(body):
    parts = [p for p in re.split(r"\n\s*\n|\n    ", body) if p.strip()]
    return parts if len(parts) > 1 else sentences(body)


def edit_sentence(sentence, rng):
    words = sentence.split()
    if len(words) < 6:
        return sentence
    for _ in range(max(1, len(words) // 8)):
        i = rng.randrange(len(words))
        w = words[i]
        if any(c.isdigit() for c in w):
            words[i] = re.sub(r"\d", lambda m: str((int(m.group()) + 3) % 10), w)
        else:
            words[i] = rng.choice(["also", "now", "reportedly", "further", "still"])
    return " ".join(words)


def make_copy(article, rng):
    """Another outlet's copy of `article`, and the changes made."""
    body = article["body"]
    changes = rng.sample(["dateline", "byline", "boilerplate", "trim", "edit"], rng.randint(2, 4))
    if "trim" in changes:
        paras = paragraphs(body)
        keep = max(1, len(paras) - max(1, int(len(paras) * rng.uniform(0.1, 0.33))))
        body = "\n\n".join(paras[:keep])
    if "edit" in changes:
        sents = sentences(body)
        for _ in range(rng.randint(1, 2)):
            if len(sents) > 3:
                i = rng.randrange(len(sents))
                if rng.random() < 0.3:
                    del sents[i]
                else:
                    sents[i] = edit_sentence(sents[i], rng)
        body = " ".join(sents)
    if "dateline" in changes:
        body = rng.choice(DATELINES).format(d=article.get("date") or "March 3") + body
    if "byline" in changes:
        body = rng.choice(BYLINES) + body
    if "boilerplate" in changes:
        body += rng.choice(BOILER)
    title = article.get("title") or ""
    words = title.split()
    new_title = (" ".join(words[: max(2, len(words) * 2 // 3)]) + ": what we know").strip()
    copy = dict(article)
    copy.update(
        id=article["id"] + "-copy",
        title=new_title,
        body=body,
        source="copies.example.com",
        url=f"https://copies.example.com/{article['id']}",
    )
    return copy, ["headline"] + sorted(changes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "../../shared/corpus/news-en.jsonl"))
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--copies", type=int, default=1000)
    ap.add_argument("--negatives", type=int, default=1000)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = [json.loads(line) for line in open(args.corpus, encoding="utf-8")]
    articles = [a for a in articles if a.get("body")]

    # Sentences shared between articles: the labels of real pairs.
    sents = {}
    holders = collections.defaultdict(set)
    for a in articles:
        keys = {norm(s) for s in sentences(a["body"])}
        keys = {k for k in keys if len(k.split()) >= 6}
        sents[a["id"]] = keys
        for k in keys:
            holders[k].add(a["id"])

    def shared(x, y):
        sx, sy = sents[x], sents[y]
        if not sx or not sy:
            return 0.0
        return len(sx & sy) / min(len(sx), len(sy))

    def close(x, y):
        """The share of the shorter article's sentences that have a near-copy in the
        other (70% of their words the same): a story re-keyed with its typos fixed
        shares few sentences exactly but is still one story."""
        sx, sy = sents[x], sents[y]
        if len(sx) > len(sy):
            sx, sy = sy, sx
        if not sx:
            return 0.0
        bags = [set(t.split()) for t in sy]
        near = 0
        for t in sx:
            words = set(t.split())
            if any(len(words & b) >= 0.7 * max(len(words), len(b)) for b in bags):
                near += 1
        return near / len(sx)

    pairs = []
    seen = set()
    sharing = collections.Counter()
    for ids in holders.values():
        if 1 < len(ids) <= 50:
            ids = sorted(ids)
            for i, x in enumerate(ids):
                for y in ids[i + 1 :]:
                    sharing[(x, y)] += 1
    body = {a["id"]: a["body"] for a in articles}
    dates = {a["id"]: a.get("date") for a in articles}
    for (x, y), _ in sharing.items():
        if min(len(sents[x]), len(sents[y])) >= 3 and shared(x, y) >= 0.6:
            nx, ny = set(NUMBER.findall(body[x])), set(NUMBER.findall(body[y]))
            few, many = (nx, ny) if len(nx) <= len(ny) else (ny, nx)
            same_day = dates[x] == dates[y]
            if few <= many or (same_day and len(few - many) <= 1):
                # Every figure kept, or one corrected the same day.
                pairs.append({"a": x, "b": y, "same": True, "kind": "real"})
            elif not same_day:
                # The same wording with other figures on another day: a daily
                # report's template (the Fed's operations, a price table).
                pairs.append({"a": x, "b": y, "same": False, "kind": "template"})
            seen.add((x, y))

    # Same-day, same-topic pairs that are different stories.
    by_day = collections.defaultdict(list)
    for a in articles:
        if len(sents[a["id"]]) >= 3:
            by_day[a.get("date") or ""].append(a)
    words = {a["id"]: content_words(a["body"]) for a in articles}
    candidates = []
    for day, group in by_day.items():
        if not day:
            continue
        if len(group) > 300:
            group = rng.sample(group, 300)
        for i, a in enumerate(group):
            wa = words[a["id"]]
            for b in group[i + 1 :]:
                wb = words[b["id"]]
                if not wa or not wb:
                    continue
                overlap = len(wa & wb) / len(wa | wb)
                if overlap >= 0.2:
                    x, y = sorted((a["id"], b["id"]))
                    if shared(x, y) < 0.2 and (x, y) not in seen and close(x, y) < 0.2:
                        candidates.append((overlap, x, y))
    candidates.sort(reverse=True)
    half = args.negatives // 2
    hardest = candidates[:half]
    rest = candidates[half:]
    for overlap, x, y in hardest:
        pairs.append({"a": x, "b": y, "same": False, "kind": "hardest", "overlap": round(overlap, 3)})
    for overlap, x, y in rng.sample(rest, min(len(rest), args.negatives - len(hardest))):
        pairs.append({"a": x, "b": y, "same": False, "kind": "topic", "overlap": round(overlap, 3)})

    # Made copies of articles long enough to be worth copying.
    os.makedirs(args.out, exist_ok=True)
    long_enough = [a for a in articles if len(a["body"].split()) >= 120]
    copies = []
    for a in rng.sample(long_enough, min(args.copies, len(long_enough))):
        copy, changes = make_copy(a, rng)
        copies.append(copy)
        pairs.append({"a": a["id"], "b": copy["id"], "same": True, "kind": "copy", "changes": changes})

    with open(os.path.join(args.out, "articles.jsonl"), "w", encoding="utf-8") as f:
        for a in articles + copies:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "pairs.jsonl"), "w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p) + "\n")
    kinds = collections.Counter((p["kind"], p["same"]) for p in pairs)
    print(json.dumps({"articles": len(articles) + len(copies), "pairs": {f"{k}/{s}": n for (k, s), n in sorted(kinds.items())}}))


if __name__ == "__main__":
    main()
