#!/usr/bin/env python3
"""Lists the merges of a people registry (issue 20): each single-word speaker entry
joined to a full name, with its articles and the years it is theirs, most articles
first; and counts the single-word entries left that are the surname of a full name
elsewhere in the registry. The list is what to hand-check.

    scripts/people_merges.py INDEX/newsdex-people.json [N_TO_LIST]
"""
import json, sys

r = json.load(open(sys.argv[1]))
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
merges, alone = [], []
surnames = {p['name'].split()[-1].lower() for p in r['people'] if ' ' in p['name']}
for p in r['people']:
    for f in p['forms']:
        if ' ' not in f['name']:
            if f['name'] != p['name']:
                merges.append((f['articles'], f['name'], p['name'], f.get('years')))
            elif f['name'].lower() in surnames:
                alone.append((f['articles'], f['name']))
merges.sort(reverse=True)
alone.sort(reverse=True)
print(f"{len(merges)} merges ({sum(m[0] for m in merges)} articles); "
      f"{len(alone)} single-word entries are the surname of a full name elsewhere")
for a, form, name, years in merges[:n]:
    print(f"{a:5d}  {form} -> {name}" + (f"  {years}" if years else ""))
