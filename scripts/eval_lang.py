#!/usr/bin/env python3
"""Scores newsdex's language detection on ../shared/lang/sentences.tsv (1,000
Universal Dependencies sentences per language, 21 languages): each sentence is an
article with no title and no declared language, read by `newsdex extract`, and its
`lang` is compared with the treebank's. Prints one JSON line for scripts/eval.sh
(set "lang_sentences": accuracy over all 21 languages, over the 18 of the Snowball
stemmers, and the lowest language's) and, with
--table, accuracy per language.

    python3 scripts/eval_lang.py NEWSDEX_BINARY [SHARED_DIR] [--table]
"""
import collections, json, os, subprocess, sys, tempfile

args = [a for a in sys.argv[1:] if not a.startswith("--")]
binary = args[0]
shared = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")

gold = []
with open(os.path.join(shared, "lang", "sentences.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        lang, sentence = line.rstrip("\n").split("\t", 1)
        gold.append((lang, sentence))

with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for i, (_, sentence) in enumerate(gold):
        f.write(json.dumps({"id": f"s{i}", "text": sentence}, ensure_ascii=False) + "\n")
try:
    out = subprocess.run([binary, "extract", "--no-speakers", "--no-places", f.name],
                         capture_output=True, text=True)
finally:
    os.unlink(f.name)
if out.returncode != 0:
    sys.exit(f"newsdex extract failed ({out.returncode}): {out.stderr[-2000:]}")
got = {}
for line in out.stdout.splitlines():
    d = json.loads(line)
    got[d["id"]] = d.get("lang")

right, total = collections.Counter(), collections.Counter()
confused = collections.defaultdict(collections.Counter)
for i, (lang, _) in enumerate(gold):
    total[lang] += 1
    g = got.get(f"s{i}")
    if g == lang:
        right[lang] += 1
    else:
        confused[lang][g] += 1

per_lang = {l: right[l] / total[l] for l in sorted(total)}
# The 18 languages of tantivy's Snowball stemmers (all but zh, ja, ko).
stemmed = [l for l in total if l not in ("zh", "ja", "ko")]
stemmed_acc = sum(right[l] for l in stemmed) / sum(total[l] for l in stemmed)
if "--table" in sys.argv:
    print("| lang | sentences | accuracy | most often taken for |")
    print("|---|---:|---:|---|")
    for l, acc in per_lang.items():
        worst = ", ".join(f"{k or 'none'} {n}" for k, n in confused[l].most_common(3))
        print(f"| {l} | {total[l]} | {acc:.3f} | {worst} |")
    print(f"| the 18 stemmer languages | {sum(total[l] for l in stemmed)} | {stemmed_acc:.3f} | |")
    print(f"| all 21 | {sum(total.values())} | {sum(right.values()) / sum(total.values()):.3f} | |")
else:
    print(json.dumps({
        "set": "lang_sentences",
        "facet": "lang",
        "accuracy": sum(right.values()) / sum(total.values()),
        "stemmed": stemmed_acc,
        "lowest": min(per_lang.values()),
        "lowest_lang": min(per_lang, key=per_lang.get),
    }))
