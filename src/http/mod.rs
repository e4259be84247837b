//! `newsdex serve`: a read-only JSON API over the index and the web page that uses
//! it. Searches go through the same [`Searchable::search`] as the CLI. The index
//! reader reloads on new commits, so searching during an ingest works.
//!
//! Limits: GET only; query strings up to 8 KiB; the request limits of
//! [`SearchRequest::check`](crate::search::SearchRequest::check); at most 64
//! searches run at once, and each has 5 s, waiting for its turn included, before
//! the client gets a 503 ([`Limits`]). Static assets are embedded; a strict Content-Security-Policy
//! forbids inline scripts and any other origin.

mod export;
mod params;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::json;
use tokio::sync::Semaphore;

use crate::search::{SearchError, Searchable};

/// Longest raw query string accepted.
pub const MAX_QUERY_STRING: usize = 8 << 10;
/// How much searching the server takes on.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Time a search may take, waiting for its turn included, before a 503.
    pub search_timeout: Duration,
    /// Searches running at once; more wait their turn.
    pub max_concurrent_searches: usize,
    /// Exports streaming at once; more get a 503 at once (an export may take
    /// minutes, so none waits for a turn).
    pub max_concurrent_exports: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            search_timeout: Duration::from_secs(5),
            max_concurrent_searches: 64,
            max_concurrent_exports: 2,
        }
    }
}

static INDEX_HTML: &str = include_str!("../../web/index.html");
static APP_JS: &str = include_str!("../../web/app.js");
static APP_CSS: &str = include_str!("../../web/app.css");

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<Searchable>,
    pub index_dir: PathBuf,
    /// One permit per search that may run at once.
    pub permits: Arc<Semaphore>,
    /// One permit per export that may stream at once.
    pub export_permits: Arc<Semaphore>,
    pub limits: Limits,
    /// The quote index, when the index has one (made by newsdex since issue 17).
    pub quotes: Option<Arc<crate::quotes::Quotes>>,
}

impl AppState {
    pub fn open(index_dir: &Path, limits: Limits) -> anyhow::Result<Self> {
        Ok(AppState {
            index: Arc::new(Searchable::open_warmed(index_dir)?),
            index_dir: index_dir.to_path_buf(),
            permits: Arc::new(Semaphore::new(limits.max_concurrent_searches)),
            export_permits: Arc::new(Semaphore::new(limits.max_concurrent_exports)),
            limits,
            quotes: crate::quotes::Quotes::open(index_dir).ok().map(Arc::new),
        })
    }
}

/// The routes of the API and the page.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(page))
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route("/api/search", get(search))
        .route("/api/counts", get(counts))
        .route("/api/export", get(export::export))
        .route("/api/articles/{id}", get(article))
        .route("/api/stats", get(stats))
        .route("/api/people", get(people))
        .route("/api/quotes", get(quotes))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such page") })
        .with_state(state)
}

/// A server bound to its address, not yet serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    state: AppState,
}

impl Server {
    /// Opens the index and binds the address (port 0: any free port).
    pub async fn bind(index_dir: &Path, addr: SocketAddr, limits: Limits) -> anyhow::Result<Self> {
        let state = AppState::open(index_dir, limits)?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        Ok(Server { listener, state })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then lets running requests finish.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        axum::serve(self.listener, router(self.state))
            .with_graceful_shutdown(shutdown)
            .await?;
        Ok(())
    }
}

/// Serves `index_dir` on `addr` until Ctrl-C (SIGINT).
pub async fn serve(index_dir: &Path, addr: SocketAddr) -> anyhow::Result<()> {
    let server = Server::bind(index_dir, addr, Limits::default()).await?;
    eprintln!(
        "newsdex: serving {} on http://{}/ (Ctrl-C stops)",
        index_dir.display(),
        server.local_addr()?
    );
    server
        .run(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

fn secure(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    r
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    secure(
        (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            body,
        )
            .into_response(),
    )
}

async fn page() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

/// A JSON error `{"error": message}` with a status.
pub fn error(status: StatusCode, message: impl Into<String>) -> Response {
    secure((status, Json(json!({ "error": message.into() }))).into_response())
}

fn ok<T: Serialize>(v: &T) -> Response {
    secure(Json(v).into_response())
}

/// The query string, or the 414 to send when it is too long.
fn raw_query(raw: Option<String>) -> Result<String, Box<Response>> {
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_STRING {
        return Err(Box::new(error(
            StatusCode::URI_TOO_LONG,
            format!("query string longer than {MAX_QUERY_STRING} bytes"),
        )));
    }
    Ok(raw)
}

async fn search(State(st): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let raw = match raw_query(raw) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let req = match params::search_request(&raw) {
        Ok(r) => r,
        Err(msg) => return error(StatusCode::BAD_REQUEST, msg),
    };
    match limited(&st, move |index| index.search(&req)).await {
        Ok(resp) => ok(&resp),
        Err(resp) => resp,
    }
}

async fn counts(State(st): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let raw = match raw_query(raw) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let q = match params::counts_request(&raw) {
        Ok(r) => r,
        Err(msg) => return error(StatusCode::BAD_REQUEST, msg),
    };
    let csv = q.csv;
    match limited(&st, move |index| index.counts(&q.req, q.by, q.split)).await {
        Ok(series) if csv => match crate::search::series::to_csv(&series) {
            Ok(body) => secure(
                (
                    [
                        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                        (
                            header::CONTENT_DISPOSITION,
                            "attachment; filename=\"newsdex-counts.csv\"",
                        ),
                    ],
                    body,
                )
                    .into_response(),
            ),
            Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        },
        Ok(series) => ok(&series),
        Err(resp) => resp,
    }
}

/// Runs a search-like task under the server's limits: a permit among
/// [`Limits::max_concurrent_searches`], and one deadline for waiting for it and for
/// the task. Errors are the responses to send.
async fn limited<T: Send + 'static>(
    st: &AppState,
    task: impl FnOnce(&Searchable) -> Result<T, SearchError> + Send + 'static,
) -> Result<T, Response> {
    let deadline = tokio::time::Instant::now() + st.limits.search_timeout;
    let permit = match tokio::time::timeout_at(deadline, st.permits.clone().acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) => return Err(error(StatusCode::SERVICE_UNAVAILABLE, "shutting down")),
        Err(_) => {
            return Err(error(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the server is busy ({} searches running); try again",
                    st.limits.max_concurrent_searches
                ),
            ))
        }
    };
    let index = st.index.clone();
    // The permit goes with the search: one that outlives its deadline still counts.
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        task(&index)
    });
    let outcome = tokio::time::timeout_at(deadline, task).await;
    // A result that came after the deadline is not sent either: the limit is the
    // limit, however the runtime scheduled the wait.
    if tokio::time::Instant::now() > deadline {
        return Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the search took too long",
        ));
    }
    match outcome {
        Ok(Ok(Ok(v))) => Ok(v),
        Ok(Ok(Err(e @ (SearchError::Query(_) | SearchError::Request(_))))) => {
            Err(error(StatusCode::BAD_REQUEST, e.to_string()))
        }
        Ok(Ok(Err(e))) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        Ok(Err(_)) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the search failed",
        )),
        Err(_) => Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the search took too long",
        )),
    }
}

async fn article(State(st): State<AppState>, UrlPath(id): UrlPath<String>) -> Response {
    if id.len() > 1024 {
        return error(StatusCode::BAD_REQUEST, "id too long");
    }
    let index = st.index.clone();
    match tokio::task::spawn_blocking(move || index.article(&id)).await {
        Ok(Ok(Some(a))) => ok(&a),
        Ok(Ok(None)) => error(StatusCode::NOT_FOUND, "no article with this id"),
        _ => error(StatusCode::INTERNAL_SERVER_ERROR, "cannot read the article"),
    }
}

/// `GET /api/people?name=&limit=`: the people a name means and the others it fits
/// (`newsdex people`), or the most quoted; 404 when the index has no registry.
async fn people(State(st): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let raw = match raw_query(raw) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let (mut name, mut limit) = (None, 20usize);
    match params::pairs(&raw) {
        Ok(pairs) => {
            for (k, v) in pairs {
                match k.as_str() {
                    "name" => name = Some(v),
                    "limit" => match v.parse() {
                        Ok(n) if n <= 1_000 => limit = n,
                        _ => return error(StatusCode::BAD_REQUEST, "limit must be 0 to 1000"),
                    },
                    _ => {}
                }
            }
        }
        Err(msg) => return error(StatusCode::BAD_REQUEST, msg),
    }
    let index = st.index.clone();
    let found = tokio::task::spawn_blocking(move || {
        let registry = index.people()?;
        let (people, also): (Vec<_>, Vec<_>) = match &name {
            Some(n) => {
                let (p, a) = registry.find(n);
                (
                    p.into_iter().cloned().collect(),
                    a.into_iter().cloned().collect(),
                )
            }
            None => (
                registry.people.iter().take(limit).cloned().collect(),
                Vec::new(),
            ),
        };
        Some(serde_json::json!({ "people": people, "also": also }))
    })
    .await;
    match found {
        Ok(Some(v)) => ok(&v),
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            "this index has no people registry yet: run `newsdex index` on it again",
        ),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "cannot read the people"),
    }
}

/// `GET /api/quotes?q=&speaker=&from=&to=&source=&limit=`: quotes matching words,
/// by a speaker, in a date window (`newsdex quotes --json`); 404 when the index has
/// no quote index.
async fn quotes(State(st): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let raw = match raw_query(raw) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let mut req = crate::quotes::QuoteRequest {
        limit: 10,
        ..Default::default()
    };
    let pairs = match params::pairs(&raw) {
        Ok(p) => p,
        Err(msg) => return error(StatusCode::BAD_REQUEST, msg),
    };
    for (k, v) in pairs {
        let bad = |msg: String| error(StatusCode::BAD_REQUEST, msg);
        match k.as_str() {
            "q" => req.query = v,
            "speaker" => req.speaker = Some(v),
            "source" => req.source = Some(v),
            "facets" => req.facets = !matches!(v.as_str(), "0" | "false" | ""),
            "from" | "to" => match crate::search::parse_bound(&v, k == "to") {
                Ok(t) if k == "to" => req.to = Some(t),
                Ok(t) => req.from = Some(t),
                Err(e) => return bad(e.0),
            },
            "limit" => match v.parse() {
                Ok(n) if (1..=crate::search::MAX_LIMIT).contains(&n) => req.limit = n,
                _ => return bad(format!("limit must be 1 to {}", crate::search::MAX_LIMIT)),
            },
            _ => {}
        }
    }
    let Some(quotes) = st.quotes.clone() else {
        return error(
            StatusCode::NOT_FOUND,
            "this index has no quote index: run `newsdex index` on its files again",
        );
    };
    match tokio::task::spawn_blocking(move || quotes.search(&req)).await {
        Ok(Ok(r)) => ok(&r),
        _ => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot search the quotes",
        ),
    }
}

/// Size and span of the index.
#[derive(Serialize)]
pub struct Stats {
    pub num_docs: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub index_bytes: u64,
}

async fn stats(State(st): State<AppState>) -> Response {
    let index = st.index.clone();
    let dir = st.index_dir.clone();
    let result = tokio::task::spawn_blocking(move || {
        let searcher = index.searcher();
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for seg in searcher.segment_readers() {
            if let Ok(col) = seg.fast_fields().date(crate::schema::DATE_FAST_FIELD) {
                if col.num_docs() > 0 && col.values.num_vals() > 0 {
                    lo = lo.min(col.min_value().into_timestamp_secs());
                    hi = hi.max(col.max_value().into_timestamp_secs());
                }
            }
        }
        let fmt = |t: i64| crate::extract::date::format_rfc3339(t);
        Stats {
            num_docs: searcher.num_docs(),
            first_date: (lo <= hi).then(|| fmt(lo)),
            last_date: (lo <= hi).then(|| fmt(hi)),
            index_bytes: crate::bench::dir_size(&dir),
        }
    })
    .await;
    match result {
        Ok(s) => ok(&s),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "cannot read the index"),
    }
}
