// newsdex web page: search, facets, timeline, article view. No dependencies.
// Article text is untrusted: it only ever reaches the page through textContent
// and createTextNode, never innerHTML. The URL holds the whole state.
"use strict";

const LIMIT = 10;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") e.addEventListener("click", v);
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

// ---- state <-> URL ----------------------------------------------------------
function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get("q") || "",
    sort: p.get("sort") || "relevance",
    from: p.get("from") || "",
    to: p.get("to") || "",
    speaker: p.getAll("speaker"),
    place: p.get("place") || "",
    source: p.getAll("source"),
    lang: p.getAll("lang"),
    offset: parseInt(p.get("offset") || "0", 10) || 0,
    article: p.get("article") || "",
    // "quotes": the Quotes view (GET /api/quotes); hl: a quote's byte range in the
    // article shown, "start-end".
    view: p.get("view") === "quotes" ? "quotes" : "articles",
    hl: p.get("hl") || "",
  };
}

function toParams(s, forApi) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.sort && s.sort !== "relevance") p.set("sort", s.sort);
  if (s.from) p.set("from", s.from);
  if (s.to) p.set("to", s.to);
  for (const v of s.speaker) p.append("speaker", v);
  if (s.place) p.set("place", s.place);
  for (const v of s.source) p.append("source", v);
  for (const v of s.lang) p.append("lang", v);
  if (s.offset) p.set("offset", String(s.offset));
  if (forApi) p.set("limit", String(LIMIT));
  else {
    if (s.view === "quotes") p.set("view", "quotes");
    if (s.article) p.set("article", s.article);
    if (s.article && s.hl) p.set("hl", s.hl);
  }
  return p;
}

let state = readState();

function go(changes, keepOffset) {
  state = Object.assign({}, state, changes);
  if (!keepOffset && !("offset" in changes)) state.offset = 0;
  const qs = toParams(state, false).toString();
  history.pushState(null, "", qs ? "?" + qs : "/");
  render();
}

window.addEventListener("popstate", () => { state = readState(); render(); });

// ---- rendering --------------------------------------------------------------
// Snippet highlights are UTF-8 byte offsets: slice the bytes, decode each piece.
function highlighted(snippet) {
  const frag = document.createDocumentFragment();
  const bytes = new TextEncoder().encode(snippet.text);
  const dec = new TextDecoder();
  let pos = 0;
  for (const [a, b] of snippet.highlights || []) {
    if (a < pos || b > bytes.length) continue;
    frag.appendChild(document.createTextNode(dec.decode(bytes.slice(pos, a))));
    frag.appendChild(el("mark", {}, dec.decode(bytes.slice(a, b))));
    pos = b;
  }
  frag.appendChild(document.createTextNode(dec.decode(bytes.slice(pos))));
  return frag;
}

function day(iso) { return iso ? iso.slice(0, 10) : ""; }

function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch (_) { return null; }
}

function renderResults(r) {
  const list = $("results");
  list.replaceChildren();
  $("summary").textContent = `${r.total.toLocaleString()} articles · ${r.elapsed_ms.toFixed(1)} ms`;
  for (const h of r.hits) {
    const title = el("a", { class: "title", onclick: (e) => { e.preventDefault(); go({ article: h.id }, true); } }, h.title || "(untitled)");
    const meta = el("div", { class: "meta" }, [day(h.date), h.source, h.lang].filter(Boolean).join(" · "));
    const snippets = (h.snippets || []).map((s) => el("p", { class: "snippet" }, highlighted(s)));
    const tags = el("div", { class: "tags" },
      h.speakers.length ? el("span", {}, "Speakers: " + h.speakers.join(", ")) : null,
      h.places.length ? el("span", {}, "Places: " + h.places.map((p) => p.split("/").pop()).join(", ")) : null);
    const similar = h.similar ? similarLink(h) : null;
    list.appendChild(el("li", { class: "hit" }, el("h3", {}, title), meta, ...snippets, tags, similar));
  }
}

// "+N similar": the other copies of the story (its near-duplicate cluster), listed
// under the hit on a click, earliest first.
function similarLink(h) {
  const box = el("div", { class: "similar" });
  const link = el("a", { href: "#", class: "similar-toggle" }, `+${h.similar} similar`);
  let open = false;
  link.onclick = async (e) => {
    e.preventDefault();
    open = !open;
    if (!open) { box.replaceChildren(link); return; }
    const p = new URLSearchParams({ cluster: h.cluster, collapse: "false", sort: "date", facets: "0", limit: "100" });
    let r;
    try { r = await getJson("/api/search?" + p.toString()); } catch (err) { box.replaceChildren(link, el("p", { class: "error" }, String(err))); return; }
    const items = r.hits.filter((x) => x.id !== h.id).reverse().map((x) =>
      el("li", {}, [day(x.date), x.source].filter(Boolean).join(" · ") + " — ",
        el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); go({ article: x.id }, true); } }, x.title || "(untitled)")));
    box.replaceChildren(link, el("ul", { class: "similar-list" }, ...items));
  };
  box.appendChild(link);
  return box;
}

// Counts of a large result set are estimates from a sample (facets.exact false): "≈".
function facetList(ul, items, onPick, exact) {
  ul.replaceChildren();
  for (const f of items) {
    const a = el("a", { title: f.path, onclick: (e) => { e.preventDefault(); onPick(f); } }, f.label);
    const count = (exact ? "" : "≈") + f.count.toLocaleString();
    ul.appendChild(el("li", {}, a, el("span", { class: "count", title: exact ? "" : "estimated from a sample of the matches" }, count)));
  }
  if (!items.length) ul.appendChild(el("li", { class: "muted" }, "none"));
}

function renderFacets(f) {
  const exact = f.exact !== false;
  facetList($("facet-speakers"), f.speakers, (x) => go({ speaker: state.speaker.concat([x.label]) }), exact);
  facetList($("facet-places"), f.places, (x) => go({ place: x.path }), exact);
  facetList($("facet-sources"), f.sources, (x) => go({ source: state.source.concat([x.label]) }), exact);
  facetList($("facet-langs"), f.langs || [], (x) => go({ lang: state.lang.concat([x.label]) }), exact);
  // Breadcrumbs up the place hierarchy.
  const crumbs = $("place-crumbs");
  crumbs.replaceChildren();
  const parts = (state.place.startsWith("/") ? state.place : "").split("/").filter(Boolean);
  crumbs.appendChild(el("a", { class: "crumb", onclick: () => go({ place: "" }) }, "World"));
  parts.forEach((p, i) => {
    crumbs.appendChild(document.createTextNode(" › "));
    crumbs.appendChild(el("a", { class: "crumb", onclick: () => go({ place: "/" + parts.slice(0, i + 1).join("/") }) }, p));
  });
  renderFacetChips();
}

// Active filters as removable chips.
function renderFacetChips() {
  const act = $("active-filters");
  act.replaceChildren();
  const chip = (label, changes) => act.appendChild(el("span", { class: "chip", onclick: () => go(changes) }, label));
  state.speaker.forEach((s) => chip("speaker: " + s, { speaker: state.speaker.filter((x) => x !== s) }));
  if (state.place) chip("place: " + state.place, { place: "" });
  state.source.forEach((s) => chip("source: " + s, { source: state.source.filter((x) => x !== s) }));
  state.lang.forEach((l) => chip("language: " + l, { lang: state.lang.filter((x) => x !== l) }));
  if (state.from || state.to) chip(`dates: ${state.from || "…"} – ${state.to || "…"}`, { from: "", to: "" });
}

// Last day of a histogram bucket, as YYYY-MM-DD.
function bucketEnd(b, interval) {
  const d = new Date(b.start);
  if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1, 0);
  else if (interval === "year") d.setUTCFullYear(d.getUTCFullYear(), 11, 31);
  return d.toISOString().slice(0, 10);
}

// Links to every match as CSV (/api/export) and to the timeline's counts
// (/api/counts), with the current query and filters.
function renderDownloads(h) {
  const p = toParams(Object.assign({}, state, { offset: 0, sort: "relevance" }), false);
  p.delete("article");
  p.set("format", "csv");
  $("download-results").href = "/api/export?" + p.toString();
  p.set("by", (h && h.interval) || "month");
  $("download-counts").href = "/api/counts?" + p.toString();
}

function renderTimeline(h) {
  const svg = $("timeline");
  svg.replaceChildren();
  const buckets = (h && h.buckets) || [];
  $("timeline-label").textContent = buckets.length
    ? `by ${h.interval} · ${buckets[0].key} – ${buckets[buckets.length - 1].key}` + (h.undated ? ` · ${h.undated} undated` : "") + " · click or drag to filter"
    : "no dated articles";
  if (!buckets.length) return;
  const W = svg.clientWidth || 600, H = 90, n = buckets.length, bw = W / n;
  const max = Math.max(...buckets.map((b) => b.count), 1);
  const NS = "http://www.w3.org/2000/svg";
  buckets.forEach((b, i) => {
    const hgt = Math.max(b.count ? 2 : 0, (b.count / max) * (H - 4));
    const r = document.createElementNS(NS, "rect");
    r.setAttribute("class", "bar");
    r.setAttribute("x", String(i * bw + 0.5));
    r.setAttribute("y", String(H - hgt));
    r.setAttribute("width", String(Math.max(1, bw - 1)));
    r.setAttribute("height", String(hgt));
    r.dataset.index = String(i);
    const t = document.createElementNS(NS, "title");
    t.textContent = `${b.key}: ${b.count}`;
    r.appendChild(t);
    svg.appendChild(r);
  });
  const brush = document.createElementNS(NS, "rect");
  brush.setAttribute("class", "brush");
  brush.setAttribute("height", String(H));
  brush.setAttribute("width", "0");
  svg.appendChild(brush);
  const at = (e) => Math.min(n - 1, Math.max(0, Math.floor((e.clientX - svg.getBoundingClientRect().left) / bw)));
  let start = null;
  svg.onmousedown = (e) => { start = at(e); brush.setAttribute("x", String(start * bw)); brush.setAttribute("width", String(bw)); };
  svg.onmousemove = (e) => {
    if (start === null) return;
    const cur = at(e), a = Math.min(start, cur), b = Math.max(start, cur);
    brush.setAttribute("x", String(a * bw));
    brush.setAttribute("width", String((b - a + 1) * bw));
  };
  svg.onmouseup = (e) => {
    if (start === null) return;
    const cur = at(e), a = Math.min(start, cur), b = Math.max(start, cur);
    start = null;
    go({ from: day(buckets[a].start), to: bucketEnd(buckets[b], h.interval) });
  };
}

function renderPager(r) {
  const nav = $("pager");
  nav.replaceChildren();
  if (r.total <= LIMIT) return;
  const page = Math.floor(state.offset / LIMIT) + 1, pages = Math.ceil(Math.min(r.total, 10000) / LIMIT);
  if (state.offset > 0) nav.appendChild(el("button", { id: "prev", onclick: () => go({ offset: Math.max(0, state.offset - LIMIT) }) }, "‹ Previous"));
  nav.appendChild(el("span", { class: "muted" }, `page ${page} of ${pages}`));
  if (page < pages) nav.appendChild(el("button", { id: "next", onclick: () => go({ offset: state.offset + LIMIT }) }, "Next ›"));
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

async function renderArticle() {
  const box = $("article");
  if (!state.article) { box.hidden = true; return; }
  box.hidden = false;
  box.replaceChildren(el("p", { class: "muted" }, "loading…"));
  try {
    const a = await getJson("/api/articles/" + encodeURIComponent(state.article));
    const back = el("a", { class: "crumb", id: "back", onclick: () => go({ article: "" }, true) }, "‹ back to results");
    const href = a.url && safeUrl(a.url);
    const meta = el("div", { class: "meta" }, [day(a.date), a.source].filter(Boolean).join(" · "), href ? " · " : "", href ? el("a", { href, rel: "noopener noreferrer", target: "_blank" }, "original") : null);
    const ex = a.extraction || { speakers: [], places: [] };
    const who = el("section", { id: "who" }, el("h4", {}, "Who said what"));
    if (!ex.speakers.length) who.appendChild(el("p", { class: "muted" }, "No speakers found."));
    for (const s of ex.speakers) {
      who.appendChild(el("p", {}, el("strong", {}, s.name), s.mentions.length ? el("span", { class: "muted" }, "  (" + s.mentions.join(", ") + ")") : null));
      for (const q of s.quotes) who.appendChild(el("blockquote", {}, "“" + q.text + "”"));
    }
    const where = el("section", { id: "where" }, el("h4", {}, "Where"));
    if (!ex.places.length) where.appendChild(el("p", { class: "muted" }, "No places found."));
    const ul = el("ul", {});
    for (const p of ex.places) {
      // A street or a lake the gazetteer does not hold has no facet path or coordinates.
      if (!p.path) { ul.appendChild(el("li", {}, p.name, el("span", { class: "muted" }, "  (not in GeoNames)"))); continue; }
      ul.appendChild(el("li", {}, el("a", { class: "crumb", onclick: () => go({ place: p.path, article: "" }) }, p.name), el("span", { class: "muted" }, `  ${p.path} · ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`)));
    }
    where.appendChild(ul);
    box.replaceChildren(back, el("h2", { id: "article-title" }, a.title), meta, who, where, el("h4", {}, "Text"), articleBody(a.body, state.hl));
  } catch (err) {
    box.replaceChildren(el("p", { class: "error" }, "Cannot open the article: " + err.message));
  }
}

// The article text, with the quote a Quotes result links to marked: `hl` is its
// UTF-8 byte range "start-end" in the text.
function articleBody(body, hl) {
  const m = /^(\d+)-(\d+)$/.exec(hl || "");
  const bytes = new TextEncoder().encode(body);
  if (!m || +m[1] >= +m[2] || +m[2] > bytes.length) return el("div", { class: "body" }, body);
  const dec = new TextDecoder();
  const mark = el("mark", { id: "quote-mark" }, dec.decode(bytes.slice(+m[1], +m[2])));
  setTimeout(() => mark.scrollIntoView({ block: "center" }), 0);
  return el("div", { class: "body" }, dec.decode(bytes.slice(0, +m[1])), mark, dec.decode(bytes.slice(+m[2])));
}

// The Quotes view: quotes matching the words (GET /api/quotes), who says them and
// when; the same quote in several articles is one result.
async function renderQuotes(mine) {
  const p = new URLSearchParams({ limit: String(LIMIT), facets: "1" });
  if (state.q) p.set("q", state.q);
  if (state.speaker.length) p.set("speaker", state.speaker[state.speaker.length - 1]);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  if (state.source.length) p.set("source", state.source[0]);
  const r = await getJson("/api/quotes?" + p.toString());
  if (mine !== generation) return;
  $("summary").textContent = `${r.total.toLocaleString()} quotes` + (r.total > r.hits.length ? ` · the ${r.hits.length} best` : "");
  const list = $("results");
  list.replaceChildren();
  for (const h of r.hits) {
    const open = el("a", { class: "title", onclick: (e) => { e.preventDefault(); go({ article: h.article, hl: `${h.start}-${h.end}` }, true); } }, h.title || "(untitled)");
    const who = el("a", { class: "crumb", onclick: () => go({ speaker: [h.speaker] }) }, h.speaker);
    const meta = el("div", { class: "meta" }, "— ", who, " · " + [day(h.date), h.source].filter(Boolean).join(" · "));
    const copies = h.articles > 1 ? el("div", { class: "meta" }, `in ${h.articles} articles, first ${h.first_date || "undated"}`) : null;
    list.appendChild(el("li", { class: "hit quote" }, el("blockquote", {}, "“" + h.text.trim() + "”"), meta, el("div", {}, open), copies));
  }
  if (!r.hits.length) list.appendChild(el("li", { class: "muted" }, "No quotes found."));
  const f = r.facets || { speakers: [], months: [], undated: 0 };
  facetList($("facet-speakers"), f.speakers.map((c) => ({ label: c.name, path: c.name, count: c.count })), (x) => go({ speaker: [x.label] }), true);
  for (const id of ["facet-places", "facet-sources", "facet-langs"]) $(id).replaceChildren(el("li", { class: "muted" }, "(articles view)"));
  renderTimeline({ interval: "month", undated: f.undated, buckets: f.months.map((c) => ({ key: c.name, start: c.name + "-01T00:00:00Z", count: c.count })) });
  $("pager").replaceChildren();
}

function renderTabs() {
  for (const v of ["articles", "quotes"]) $("view-" + v).classList.toggle("active", state.view === v);
}

// Who a speaker filter means (GET /api/people): the person's name forms, articles
// and dates, and the others the name fits, each a click away.
async function renderPerson(mine) {
  const box = $("person");
  const name = state.speaker[state.speaker.length - 1];
  if (!name || state.article) { box.hidden = true; return; }
  let r;
  try {
    r = await getJson("/api/people?" + new URLSearchParams({ name, limit: "5" }).toString());
  } catch (_) { box.hidden = true; return; } // an index without a registry
  if (mine !== generation) return;
  const p = (r.people || [])[0];
  if (!p) { box.hidden = true; return; }
  const span = (x) => [day(x.first), day(x.last)].filter(Boolean).join(" – ");
  const forms = el("ul", {}, ...p.forms.map((f) => el("li", {},
    `as “${f.name}”: ${f.articles.toLocaleString()} article${f.articles === 1 ? "" : "s"}` + (f.years ? ` (${f.years.join(", ")})` : ""))));
  const pick = (q) => el("a", { onclick: () => go({ speaker: state.speaker.slice(0, -1).concat([q.name]) }) }, q.name);
  const others = (r.people || []).slice(1).concat(r.also || []);
  const also = others.length
    ? el("p", { class: "muted" }, "The name also fits: ", ...others.flatMap((q, i) => [i ? " · " : "", pick(q), ` (${span(q)})`]))
    : null;
  box.replaceChildren(
    el("h2", {}, p.name),
    el("div", { class: "meta" }, `${p.articles.toLocaleString()} articles quoting them · ${span(p)}`),
    forms, also);
  box.hidden = false;
}

let generation = 0;
async function render() {
  const mine = ++generation;
  $("q").value = state.q;
  $("sort").value = state.sort;
  const showList = !state.article;
  for (const id of ["results", "pager", "summary", "timeline-box", "downloads"]) $(id).hidden = !showList;
  renderArticle();
  renderPerson(mine);
  renderTabs();
  if (!showList) return;
  $("downloads").hidden = state.view === "quotes";
  try {
    if (state.view === "quotes") {
      await renderQuotes(mine);
      if (mine === generation) { $("error").hidden = true; renderFacetChips(); }
      return;
    }
    const r = await getJson("/api/search?" + toParams(state, true).toString());
    if (mine !== generation) return;
    $("error").hidden = true;
    renderResults(r);
    renderFacets(r.facets);
    renderTimeline(r.histogram);
    renderPager(r);
    renderDownloads(r.histogram);
  } catch (err) {
    if (mine !== generation) return;
    $("error").hidden = false;
    $("error").textContent = err.message;
    $("results").replaceChildren();
    $("summary").textContent = "";
  }
}

async function renderStats() {
  try {
    const s = await getJson("/api/stats");
    $("stats").textContent = `${s.num_docs.toLocaleString()} articles` + (s.first_date ? ` · ${day(s.first_date)} – ${day(s.last_date)}` : "");
  } catch (_) { /* stats are decoration */ }
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    go({ q: $("q").value, sort: $("sort").value, article: "" });
  });
  $("sort").addEventListener("change", () => go({ sort: $("sort").value }));
  $("view-articles").addEventListener("click", (e) => { e.preventDefault(); go({ view: "articles", article: "" }); });
  $("view-quotes").addEventListener("click", (e) => { e.preventDefault(); go({ view: "quotes", article: "" }); });
  renderStats();
  render();
});
