#!/usr/bin/env python3
"""Counts glued speaker names in a people registry (issue 20): an office, a place, a
demonym or another word glued before a first name and surname ("Taoiseach Enda
Kenny"). Counted as entries of three or more words whose first word is no given
name (and no initial) while the second is one (../shared/names). A screening count:
the list it prints (largest first) is what to hand-check, since some real names
match too ("Ziyed Ben Belgacem").

    scripts/glued_names.py INDEX/newsdex-people.json [N_TO_LIST] [SHARED_DIR]
"""
import json, os, sys
shared = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared')
given=set()
for f in ['female.txt','male.txt']:
    for l in open(os.path.join(shared, 'names', f), errors='ignore'):
        l=l.strip()
        if l and not l.startswith('#'): given.add(l.lower())
r=json.load(open(sys.argv[1]))
entries={}
for p in r['people']:
    for f in p['forms']:
        entries[f['name']]=entries.get(f['name'],0)+f['articles']
out=[]
for n,c in entries.items():
    w=n.split()
    if len(w)>=3 and w[0].lower() not in given and w[1].lower() in given and '.' not in w[0] and len(w[0])>1:
        out.append((c,n))
out.sort(reverse=True)
print(len(out), sum(c for c,_ in out))
for c,n in out[:int(sys.argv[2]) if len(sys.argv)>2 else 40]: print(c,n)
