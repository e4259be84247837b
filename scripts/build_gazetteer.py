#!/usr/bin/env python3
"""Builds data/gazetteer.tsv.zst (zstd: it decompresses ~5x faster than gzip at start-up), the compact gazetteer newsdex embeds, from the
GeoNames and world-countries files in ../shared/gazetteer.

    python3 scripts/build_gazetteer.py [SHARED_GAZETTEER_DIR] [OUT]

Licences: GeoNames data CC BY 4.0 (https://www.geonames.org/), world-countries
ODbL (mledoze/countries). data/README.md carries the credit lines.

Lines (tab-separated; aliases separated by '|'):
  K code name lat lon                                   continent
  C iso2 name continent lat lon population geonameid aliases demonyms
  A code name lat lon population aliases                admin1 (code CC.X)
  B code name lat lon population aliases                admin2 (code CC.X.Y)
  P geonameid name lat lon cc admin1 admin2 feature population aliases
  R name continent cc lat lon aliases                   macro-region or sea (hand-made table)
  D adjectives                                          demonym-like words that name no place
Admin areas have no coordinates in GeoNames' code tables: they get the mean
position of their cities, and the sum of their populations.
"""
import json, os, re, subprocess, sys, unicodedata
from collections import defaultdict

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'gazetteer')
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', 'data', 'gazetteer.tsv.zst')

# Feature codes kept: populated places that exist now. PPLX (sections) only when large.
DROP_FEATURES = {'PPLH', 'PPLQ', 'PPLW', 'PPLCH'}
ADMIN_SUFFIXES = re.compile(r'\s+(Oblast|Province|Region|Department|Division|Governorate|District|Prefecture|'
                            r'County|Municipality|Voivodeship|Rayon|Raion|Krai|Kray|Emirate|State|Parish)$')

# Common English names and abbreviations of countries that the data sets lack.
EXTRA_COUNTRY_ALIASES = {
    'US': ['U.S.', 'U.S.A.', 'USA', 'US', 'America', 'United States', 'United States of America'],
    'GB': ['UK', 'U.K.', 'Britain', 'Great Britain', 'United Kingdom'],
    'AE': ['UAE', 'U.A.E.', 'Emirates'],
    'CD': ['DRC', 'DR Congo', 'Democratic Republic of Congo', 'Democratic Republic of the Congo', 'Zaire', 'Zaïre'],
    'CG': ['Republic of Congo', 'Congo-Brazzaville'],
    'KR': ['South Korea'], 'KP': ['North Korea', 'DPRK'],
    'CI': ['Ivory Coast', "Côte d'Ivoire"], 'MM': ['Burma', 'Myanmar'], 'NL': ['Holland', 'Netherlands'],
    'CZ': ['Czech Republic', 'Czechia'], 'MK': ['Macedonia', 'North Macedonia'], 'SZ': ['Swaziland', 'Eswatini'],
    'TL': ['East Timor', 'Timor-Leste'], 'VA': ['Vatican', 'Vatican City', 'Holy See'],
    'PS': ['Palestine', 'Palestinian Territories'], 'TW': ['Taiwan'], 'RU': ['Russia'], 'SY': ['Syria'],
    'IR': ['Iran'], 'VN': ['Vietnam'], 'LA': ['Laos'], 'BO': ['Bolivia'], 'VE': ['Venezuela'], 'TZ': ['Tanzania'],
    'MD': ['Moldova'], 'BN': ['Brunei'], 'CV': ['Cape Verde'], 'FM': ['Micronesia'], 'TR': ['Turkey', 'Türkiye'],
    # Former states whose land one country holds now (wire archives from the 1980s
    # name them hundreds of times).
    'DE': ['West Germany', 'East Germany', 'Federal Republic of Germany'],
}


# GeoNames' own coordinates of country features, where world-countries' point is
# more than 200 km away from it (GeoNames ids 6252001, 2077456, 1861060).
COUNTRY_COORDS = {'US': (39.76, -98.5), 'AU': (-25.0, 135.0), 'JP': (35.68536, 139.75309)}

# AP-style abbreviations of US states (unambiguous ones only: no "Miss.", "La.", "Pa.").
US_STATE_ABBREVS = {
    'AL': ['Ala.'], 'AZ': ['Ariz.'], 'AR': ['Ark.'], 'CA': ['Calif.'], 'CO': ['Colo.'], 'CT': ['Conn.'],
    'FL': ['Fla.'], 'IL': ['Ill.'], 'KS': ['Kan.', 'Kans.'], 'MA': ['Mass.'], 'MI': ['Mich.'], 'MN': ['Minn.'],
    'MT': ['Mont.'], 'NE': ['Neb.', 'Nebr.'], 'NV': ['Nev.'], 'NH': ['N.H.'], 'NJ': ['N.J.'], 'NM': ['N.M.'],
    'NY': ['N.Y.'], 'NC': ['N.C.'], 'ND': ['N.D.'], 'OK': ['Okla.'], 'RI': ['R.I.'], 'SC': ['S.C.'], 'SD': ['S.D.'],
    'TN': ['Tenn.'], 'TX': ['Tex.'], 'WV': ['W.Va.'], 'WI': ['Wis.', 'Wisc.'], 'WY': ['Wyo.'], 'DC': ['D.C.'],
}
AU_STATE_ABBREVS = {'02': ['NSW'], '04': ['Qld'], '08': ['WA']}
CITY_ALIASES = {'4140963': ['Washington D.C.', 'Washington DC', 'D.C.']}

# Adjectives that name no place: languages, peoples, continents' demonyms.
EXTRA_DEMONYMS = ['Arab', 'Arabic', 'Saudi', 'Kurdish', 'Kurd', 'Scottish', 'Welsh', 'Irish', 'English', 'Hispanic',
                  'Latino', 'Asian', 'European', 'African', 'Latin', 'Persian', 'Slavic', 'Nordic', 'Scandinavian',
                  'Balkan', 'Baltic', 'Jewish', 'Muslim', 'Christian', 'Catholic', 'Palestinian',
                  'Israeli', 'Soviet', 'Pacific Islander', 'Aboriginal', 'Mandarin', 'Cantonese', 'Hindi', 'Urdu']

# Macro-regions, seas and well-known areas that GeoNames' city and admin tables lack
# (hand-made: approximate centres). name, continent, country ('' for none), lat, lon, aliases
REGIONS = [
    ('Middle East', 'Asia', '', 29.0, 41.0, []), ('Soviet Union', 'Europe', '', 60.0, 80.0, ['USSR', 'U.S.S.R.']),
    ('Yugoslavia', 'Europe', '', 44.0, 20.0, []), ('Czechoslovakia', 'Europe', '', 49.5, 17.0, []),
    ('Indian Ocean', '', '', -20.0, 80.0, []), ('Pacific Ocean', '', '', 0.0, -160.0, ['Pacific']),
    ('Atlantic Ocean', '', '', 10.0, -30.0, ['Atlantic']), ('Mediterranean Sea', 'Europe', '', 35.0, 18.0, ['Mediterranean']),
    ('Arctic Ocean', '', '', 80.0, 0.0, ['Arctic']), ('Southern Ocean', '', '', -60.0, 90.0, []),
    ('Caribbean', 'North America', '', 15.0, -75.0, ['Caribbean Sea']), ('Gulf of Mexico', 'North America', '', 25.0, -90.0, []),
    ('Persian Gulf', 'Asia', '', 27.0, 51.0, []), ('Red Sea', 'Africa', '', 20.0, 38.5, []), ('Black Sea', 'Europe', '', 43.5, 34.0, []),
    ('Baltic Sea', 'Europe', '', 58.0, 20.0, []), ('North Sea', 'Europe', '', 56.0, 3.0, []), ('South China Sea', 'Asia', '', 12.0, 113.0, []),
    ('Latin America', 'South America', '', -8.0, -65.0, []), ('Central America', 'North America', '', 13.0, -86.0, []),
    ('West Africa', 'Africa', '', 12.0, -2.0, []), ('East Africa', 'Africa', '', 0.0, 37.0, []),
    ('Southern Africa', 'Africa', '', -24.0, 25.0, []), ('North Africa', 'Africa', '', 27.0, 12.0, []),
    ('Sub-Saharan Africa', 'Africa', '', 0.0, 20.0, []), ('Southeast Asia', 'Asia', '', 5.0, 110.0, ['South-East Asia', 'South East Asia']),
    ('Central Asia', 'Asia', '', 43.0, 65.0, []), ('South Asia', 'Asia', '', 23.0, 80.0, []), ('East Asia', 'Asia', '', 35.0, 120.0, []),
    ('Western Europe', 'Europe', '', 48.0, 5.0, []), ('Eastern Europe', 'Europe', '', 50.0, 28.0, []),
    ('Northern Europe', 'Europe', '', 60.0, 15.0, []), ('Southern Europe', 'Europe', '', 42.0, 12.0, []),
    ('Balkans', 'Europe', '', 43.0, 21.0, []), ('Scandinavia', 'Europe', '', 63.0, 15.0, []), ('Caucasus', 'Asia', '', 42.0, 45.0, []),
    ('Americas', '', '', 15.0, -80.0, []), ('Darfur', 'Africa', 'SD', 13.0, 24.0, []), ('Kashmir', 'Asia', '', 34.5, 76.0, []),
    ('Sumatra', 'Asia', 'ID', 0.0, 102.0, []), ('Borneo', 'Asia', '', 1.0, 114.0, []), ('Java', 'Asia', 'ID', -7.5, 110.0, []),
    ('Siberia', 'Asia', 'RU', 60.0, 105.0, []), ('Gaza Strip', 'Asia', 'PS', 31.42, 34.37, ['Gaza']),
    ('West Bank', 'Asia', 'PS', 31.95, 35.25, []), ('Sahara', 'Africa', '', 23.0, 13.0, ['Sahara Desert']),
    ('Sahel', 'Africa', '', 14.0, 5.0, []), ('Horn of Africa', 'Africa', '', 8.0, 45.0, []), ('Amazon', 'South America', 'BR', -3.5, -62.0, ['Amazon rainforest']),
    ('Himalayas', 'Asia', '', 28.0, 84.0, []), ('Alps', 'Europe', '', 46.5, 10.0, []), ('Tibet', 'Asia', 'CN', 31.0, 88.0, []),
    ('Kurdistan', 'Asia', '', 36.5, 44.0, []), ('Patagonia', 'South America', 'AR', -45.0, -69.0, []),
    ('Silicon Valley', 'North America', 'US', 37.4, -122.1, []), ('Wall Street', 'North America', 'US', 40.706, -74.009, []),
]


def latin(s):
    """Latin-script text only (accented letters allowed)."""
    for c in s:
        if c.isalpha() and not unicodedata.name(c, '').startswith('LATIN'):
            return False
    return True


# world-countries translation keys (ISO 639-3) of the languages newsdex reads places in.
TRANSLATED = ('deu', 'fra', 'spa', 'ita', 'por')


def good_alias(a, name):
    a = a.strip()
    if len(a) < 3 or a == name or not latin(a):
        return False
    if a.upper() == a:  # codes: IEV, KBP, NYC
        return False
    if any(ch.isdigit() for ch in a) or '(' in a or ',' in a:
        return False
    return a[0].isupper()


def inside_its_towns(lat, lon, towns):
    """A country's point, or the middle of its towns' box when the point lies more
    than half a degree outside that box (world-countries puts Kuwait at 45.75 E, in
    Iraq; its towns lie between 47.7 and 48.3 E). Countries of fewer than three towns
    keep their point."""
    if len(towns) < 3:
        return lat, lon
    lats, lons = [t[0] for t in towns], [t[1] for t in towns]
    pad = 0.5
    if min(lats) - pad <= lat <= max(lats) + pad and min(lons) - pad <= lon <= max(lons) + pad:
        return lat, lon
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def clean(s):
    return s.replace('\t', ' ').replace('|', ' ').strip()


def main():
    countries = json.load(open(os.path.join(src, 'geonames-countries.json')))
    continents = json.load(open(os.path.join(src, 'geonames-continents.json')))
    admin1 = {x['code']: x['name'] for x in json.load(open(os.path.join(src, 'geonames-admin1.json')))}
    admin2 = {x['code']: x['name'] for x in json.load(open(os.path.join(src, 'geonames-admin2.json')))}
    world = {c['cca2']: c for c in json.load(open(os.path.join(src, 'world-countries.json')))}

    lines = []
    for code, c in sorted(continents.items()):
        lines.append('\t'.join(['K', code, c['name'], '%.4f' % float(c['lat']), '%.4f' % float(c['lng'])]))

    cities = []
    a1_pts, a2_pts = defaultdict(list), defaultdict(list)
    with open(os.path.join(src, 'geonames-cities500.txt'), encoding='utf-8') as f:
        for row in f:
            r = row.rstrip('\n').split('\t')
            if len(r) < 15:
                continue
            gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc = r[0], r[1], r[2], r[3], float(r[4]), float(r[5]), r[6], r[7], r[8]
            a1, a2, pop = r[10], r[11], int(r[14] or 0)
            if fcode in DROP_FEATURES or (fcode == 'PPLX' and pop < 50000):
                continue
            aliases = set()
            if ascii_name != name and good_alias(ascii_name, name):
                aliases.add(ascii_name)
            if pop >= 5000:
                for a in alts.split(','):
                    if good_alias(a, name):
                        aliases.add(a)
            aliases |= set(CITY_ALIASES.get(gid, []))
            cities.append((gid, name, lat, lon, cc, a1, a2, fcode, pop, sorted(aliases)))
            a1_pts[cc + '.' + a1].append((lat, lon, pop))
            a2_pts[cc + '.' + a1 + '.' + a2].append((lat, lon, pop))

    cc_pts = defaultdict(list)
    for city in cities:
        cc_pts[city[4]].append((city[2], city[3]))
    for cc, c in sorted(countries.items()):
        w = world.get(cc, {})
        lat, lon = COUNTRY_COORDS.get(cc) or (w.get('latlng') or [0, 0])[:2]
        lat, lon = inside_its_towns(lat, lon, cc_pts.get(cc, []))
        names = {c['name']}
        if w:
            names |= {w['name']['common'], w['name']['official']}
            names |= {a for a in w.get('altSpellings', []) if len(a) > 3 and a.upper() != a}
            # Names in the languages whose articles get places (German, French,
            # Spanish, Italian, Portuguese): "Deutschland", "Allemagne", "Alemania".
            for code in TRANSLATED:
                common = (w.get('translations', {}).get(code) or {}).get('common')
                if common and len(common) > 3:
                    names.add(common)
        names |= set(EXTRA_COUNTRY_ALIASES.get(cc, []))
        aliases = sorted(clean(n) for n in names if n and n != c['name'] and latin(n))
        demonyms = set()
        for d in (w.get('demonyms', {}).get('eng', {}) or {}).values():
            if d:
                demonyms.add(clean(d))
        for lang in (w.get('languages') or {}).values():
            demonyms.add(clean(lang))
        cont = continents.get(c['continentcode'], {}).get('name', c['continentcode'])
        lines.append('\t'.join(['C', cc, clean(c['name']), cont, '%.4f' % lat, '%.4f' % lon,
                                str(c.get('population') or 0), str(c['geonameid']), '|'.join(aliases), '|'.join(sorted(demonyms))]))

    lines.append('\t'.join(['D', '|'.join(EXTRA_DEMONYMS)]))
    for name, cont, cc, lat, lon, aliases in REGIONS:
        lines.append('\t'.join(['R', name, cont, cc, '%.4f' % lat, '%.4f' % lon, '|'.join(aliases)]))

    def centre(p):
        # Centre of the trimmed bounding box of the area's cities: the mean leans
        # towards where towns are dense, the box centre is nearer the area's middle.
        if len(p) < 10:
            return sum(x[0] for x in p) / len(p), sum(x[1] for x in p) / len(p)
        lats, lons = sorted(x[0] for x in p), sorted(x[1] for x in p)
        k = len(p) // 20
        return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2

    def admin_lines(tag, table, pts):
        for code, name in sorted(table.items()):
            p = pts.get(code)
            if not p:
                continue
            lat, lon = centre(p)
            pop = sum(x[2] for x in p)
            aliases = set()
            cc, _, a1 = code.partition('.')
            if tag == 'A' and cc == 'US':
                aliases |= set(US_STATE_ABBREVS.get(a1, []))
            if tag == 'A' and cc == 'AU':
                aliases |= set(AU_STATE_ABBREVS.get(a1, []))
            m = ADMIN_SUFFIXES.search(name)
            if m:
                aliases.add(name[:m.start()])
            a = unicodedata.normalize('NFKD', name)
            a = ''.join(ch for ch in a if not unicodedata.combining(ch))
            if a != name and latin(a):
                aliases.add(a)
            aliases.discard(name)
            lines.append('\t'.join([tag, code, clean(name), '%.4f' % lat, '%.4f' % lon, str(pop), '|'.join(sorted(clean(x) for x in aliases))]))

    admin_lines('A', admin1, a1_pts)
    admin_lines('B', admin2, a2_pts)
    for gid, name, lat, lon, cc, a1, a2, fcode, pop, aliases in cities:
        lines.append('\t'.join(['P', gid, clean(name), '%.4f' % lat, '%.4f' % lon, cc, a1, a2, fcode, str(pop),
                                '|'.join(clean(a) for a in aliases)]))

    header = '# newsdex gazetteer v1. Derived from GeoNames (CC BY 4.0, https://www.geonames.org/) and world-countries (ODbL) by scripts/build_gazetteer.py\n'
    data = header + '\n'.join(lines) + '\n'
    # The zstd command line tool (Debian package zstd) compresses; Python's stdlib has no zstd.
    subprocess.run(['zstd', '-19', '-q', '-f', '-o', out], input=data.encode('utf-8'), check=True)
    print('%s: %d lines, %.1f MB raw, %.1f MB zst' % (out, len(lines), len(data.encode()) / 1e6, os.path.getsize(out) / 1e6))


if __name__ == '__main__':
    main()
