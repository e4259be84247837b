#!/usr/bin/env python3
"""Builds the word lists the extractors embed:

  data/common_words.txt  words written in lowercase >= 75% of the time when they
                         are not at a sentence start, in ../shared/corpus/news-en.jsonl
                         (a vocabulary statistic: no article text is copied)
  data/lowercase_words.txt  the other words written in lowercase at least a quarter
                         of the time away from a sentence start, seen so at least twice
                         (a looser test, for a word glued before a name or closing a
                         company's name: "Technician", "Petroleum")
  data/names.txt         first names from ../shared/names (Kantrowitz Names Corpus)
  data/male_names.txt    the men's names among them: those given to men only, and
                         those given to both that news-en follows with "he" five
                         times as often as with "she"
  data/frequent_words.tsv  the 5,000 most frequent words of German, French, Spanish,
                         Italian and Portuguese, from the wordfreq package
                         (pip install wordfreq==3.1.1; its data is CC BY-SA 4.0)

    python3 scripts/build_wordlists.py [SHARED_DIR]
"""
import json, os, re, sys
from collections import Counter

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared')
data = os.path.join(os.path.dirname(__file__), '..', 'data')

lower, upper = Counter(), Counter()
word = re.compile(r"[A-Za-z][a-z]+")
with open(os.path.join(shared, 'corpus', 'news-en.jsonl'), encoding='utf-8') as f:
    for line in f:
        a = json.loads(line)
        text = a.get('body') or ''
        for sent in re.split(r'(?<=[.!?])\s+|\n', text):
            toks = word.findall(sent)
            for t in toks[1:]:  # skip the sentence-initial word
                (lower if t[0].islower() else upper)[t.lower()] += 1
common = sorted(w for w, n in lower.items() if n + upper[w] >= 8 and n / (n + upper[w]) >= 0.75)
with open(os.path.join(data, 'common_words.txt'), 'w') as out:
    out.write('\n'.join(common) + '\n')

names, by_sex = set(), {}
for fn in ('male.txt', 'female.txt'):
    with open(os.path.join(shared, 'names', fn), encoding='utf-8') as f:
        for l in f:
            l = l.strip()
            if l and not l.startswith('#') and l[0].isalpha():
                names.add(l)
                by_sex.setdefault(fn, set()).add(l.lower())
with open(os.path.join(data, 'names.txt'), 'w') as out:
    out.write('\n'.join(sorted(names)) + '\n')
# Men's names: "Baroness Kennedy" is no Charles Kennedy. Those the lists give to men
# only, and of those they give to both ("Bill", "George", "Tony") the ones news-en
# follows with "he" at least five times as often as with "she" (within 150
# characters of "Name Surname"; a vocabulary statistic).
both = by_sex['male.txt'] & by_sex['female.txt']
he, she = Counter(), Counter()
full_name = re.compile(r"\b([A-Z][a-z]+) [A-Z][a-z]+\b")
he_word, she_word = re.compile(r"\b(?:he|his|him)\b"), re.compile(r"\b(?:she|her|hers)\b")
with open(os.path.join(shared, 'corpus', 'news-en.jsonl'), encoding='utf-8') as f:
    for line in f:
        body = json.loads(line).get('body') or ''
        for m in full_name.finditer(body):
            first = m.group(1).lower()
            if first in both:
                after = body[m.end():m.end() + 150]
                h, s = len(he_word.findall(after)), len(she_word.findall(after))
                if h > s:
                    he[first] += 1
                elif s > h:
                    she[first] += 1
mostly_men = {n for n in both if he[n] >= 5 and he[n] >= 5 * she[n]}
with open(os.path.join(data, 'male_names.txt'), 'w') as out:
    out.write('\n'.join(sorted((by_sex['male.txt'] - by_sex['female.txt']) | mostly_men)) + '\n')

# "Technician", "Meanwhile", "Shark" before a first name, "Petroleum" after a company's
# name: news writes them in lowercase often enough, but too rarely or too often
# capitalised (in headings, in names) for common_words.
common_set, first = set(common), {n.lower() for n in names}
loose = sorted(w for w, n in lower.items()
               if w not in common_set and w not in first and n >= 2 and 3 * n >= upper[w])
with open(os.path.join(data, 'lowercase_words.txt'), 'w') as out:
    out.write('\n'.join(loose) + '\n')

# Frequent words of the languages whose articles get places: a word among them is a
# place only where the place is a major one (see src/extract/places/recognize.rs).
# From wordfreq, not from ../shared/lang, whose frequent words test the rule.
from wordfreq import top_n_list
FREQUENT_LANGS, FREQUENT_N = ('de', 'es', 'fr', 'it', 'pt'), 5000
rows = 0
with open(os.path.join(data, 'frequent_words.tsv'), 'w', encoding='utf-8') as out:
    out.write('# lang\tword: the %d most frequent words per language, from wordfreq 3.1.1 (CC BY-SA 4.0; see data/README.md)\n' % FREQUENT_N)
    for lang in FREQUENT_LANGS:
        words = [w for w in top_n_list(lang, FREQUENT_N) if w.isalpha() and len(w) >= 2]
        for w in sorted(set(words)):
            out.write('%s\t%s\n' % (lang, w))
            rows += 1
print('common words: %d, lowercase words: %d, first names: %d, frequent words: %d'
      % (len(common), len(loose), len(names), rows))
