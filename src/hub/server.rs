//! The hub's HTTP server: the stations' API and the officers' pages on one
//! port, over TLS (rustls) or, behind a local reverse proxy, plain HTTP on
//! loopback. Every request body is bounded before it is read.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Utc;
use serde::Deserialize;
use tokio::net::TcpListener;

use crate::hub::chain::Refused;
use crate::hub::heartbeat::take_heartbeat;
use crate::hub::ingest::{IngestError, ingest_records};
use crate::hub::pages;
use crate::hub::protocol::{
    HEAD_PATH, HEARTBEAT_PATH, MAX_BATCH_BYTES, MAX_HEARTBEAT_BYTES, RECORDS_PATH, Refusal,
    RefusalCode,
};
use crate::hub::report::{ReportFormat, build, render};
use crate::hub::session::{clear_cookie, cookie_value, set_cookie};
use crate::hub::state::Hub;
use crate::hub::users::check_password;
use crate::report::{Cutoff, Period};

/// The largest form an officer can post (login).
const MAX_FORM_BYTES: usize = 8 * 1024;
/// Connections served at once; more wait in the kernel's queue.
const MAX_CONNECTIONS: usize = 4096;
/// How long a client has to finish the TLS handshake and send its headers.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The routes.
pub fn router(hub: Arc<Hub>) -> Router {
    Router::new()
        .route(HEAD_PATH, get(head))
        .route(RECORDS_PATH, post(records))
        .route(HEARTBEAT_PATH, post(heartbeat))
        .route("/", get(fleet))
        .route("/station", get(station))
        .route("/report", get(report_form))
        .route("/report/download", get(report_download))
        .route(
            "/login",
            get(login_form)
                .post(login)
                .layer(axum::extract::DefaultBodyLimit::max(MAX_FORM_BYTES)),
        )
        .route("/logout", post(logout))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(hub)
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn refusal(refused: Refused) -> Response {
    let status =
        StatusCode::from_u16(refused.code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    let body = Refusal {
        error: refused.code.code().to_string(),
        detail: refused.detail,
        next_seq: refused.next_seq,
        line: refused.line,
    };
    (status, axum::Json(body)).into_response()
}

fn answer(result: Result<crate::hub::protocol::Head, IngestError>) -> Response {
    match result {
        Ok(head) => axum::Json(head).into_response(),
        Err(IngestError::Refused(refused)) => refusal(refused),
        Err(IngestError::Io(error)) => {
            tracing::error!(%error, "{}", crate::tr!("hub-journal-request-failed"));
            (StatusCode::SERVICE_UNAVAILABLE, "store unavailable").into_response()
        }
    }
}

/// Reads a body of at most `limit` bytes. A larger one is refused; it is
/// read to its end and dropped (when it is not absurdly large) so the
/// client sees the refusal instead of a broken connection.
async fn bounded(
    hub: &Hub,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, Response> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let too_large = || {
        hub.refused.count(RefusalCode::TooLarge);
        refusal(Refused::new(RefusalCode::TooLarge, "body too large"))
    };
    if let Some(length) = declared.filter(|&length| length > limit as u64) {
        if length <= DRAIN_FACTOR * limit as u64 {
            drain(body).await;
        }
        return Err(too_large());
    }
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_large())
}

/// How much larger than allowed a body may be and still be read to its end.
const DRAIN_FACTOR: u64 = 4;

async fn drain(body: Body) {
    use http_body_util::BodyExt;
    let mut body = body;
    while let Some(Ok(_)) = body.frame().await {}
}

#[derive(Deserialize)]
struct StationQuery {
    station: String,
}

async fn head(State(hub): State<Arc<Hub>>, Query(query): Query<StationQuery>) -> Response {
    match hub.stations.get(&query.station) {
        Some(slot) => {
            let station = slot.lock().unwrap_or_else(|p| p.into_inner());
            axum::Json(station.head()).into_response()
        }
        None => refusal(Refused::new(
            RefusalCode::UnknownStation,
            "station not registered",
        )),
    }
}

async fn records(State(hub): State<Arc<Hub>>, headers: HeaderMap, body: Body) -> Response {
    let bytes = match bounded(&hub, &headers, body, MAX_BATCH_BYTES).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let result =
        tokio::task::spawn_blocking(move || ingest_records(&hub, &bytes, Utc::now())).await;
    match result {
        Ok(result) => answer(result),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn heartbeat(State(hub): State<Arc<Hub>>, headers: HeaderMap, body: Body) -> Response {
    let bytes = match bounded(&hub, &headers, body, MAX_HEARTBEAT_BYTES).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let result =
        tokio::task::spawn_blocking(move || take_heartbeat(&hub, &bytes, Utc::now())).await;
    match result {
        Ok(result) => answer(result),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The officer logged in on this request, if any.
fn officer(hub: &Hub, headers: &HeaderMap) -> Option<String> {
    let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
    hub.sessions.user(cookie_value(cookies)?)
}

fn to_login() -> Response {
    Redirect::to("/login").into_response()
}

async fn fleet(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Response {
    let Some(user) = officer(&hub, &headers) else {
        return to_login();
    };
    pages::fleet::render(&hub, &user, Utc::now()).into_response()
}

#[derive(Deserialize)]
struct StationPageQuery {
    id: String,
    period: Option<String>,
}

async fn station(
    State(hub): State<Arc<Hub>>,
    headers: HeaderMap,
    Query(query): Query<StationPageQuery>,
) -> Response {
    let Some(user) = officer(&hub, &headers) else {
        return to_login();
    };
    let now = Utc::now();
    let zone = hub.config.timezone;
    let Some(slot) = hub.stations.get(&query.id) else {
        return (
            StatusCode::NOT_FOUND,
            pages::login::render(Some("Không có đài này.")),
        )
            .into_response();
    };
    let snapshot =
        {
            let station = slot.lock().unwrap_or_else(|p| p.into_inner());
            pages::station::StationSnapshot {
                id: station.id.clone(),
                name: hub.config.name_of(&station.id).to_string(),
                state: station.view.state(now, hub.config.offline_after),
                airings: station.view.recent_airings.iter().rev().cloned().collect(),
                misses: station.view.recent_misses.iter().rev().cloned().collect(),
                dead_air: station.view.heartbeat.as_ref().and_then(|(h, _)| {
                    let last = h.status.last_dead_air.as_deref()?;
                    let last = crate::airlog::time::parse_instant(last.as_bytes())?;
                    (h.status.dead_air_count > 0).then_some((h.status.dead_air_count, last))
                }),
                output: station.view.heartbeat.as_ref().map(|(h, _)| {
                    match &h.status.output_detail {
                        Some(detail) => format!("{} ({detail})", h.status.output),
                        None => h.status.output.clone(),
                    }
                }),
            }
        };
    let period_text = query
        .period
        .clone()
        .unwrap_or_else(|| now.with_timezone(&zone).format("%Y-%m").to_string());
    let built = match Period::parse(&period_text, Cutoff::Calendar) {
        Err(error) => Err(format!("Kỳ không hợp lệ: {error}")),
        Ok(period) => {
            let hub = Arc::clone(&hub);
            let id = snapshot.id.clone();
            tokio::task::spawn_blocking(move || {
                build(&hub.config, &hub.registry, period, Some(&id))
            })
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| format!("Không tính được: {e}")))
        }
    };
    pages::station::render(
        &user,
        &snapshot,
        &period_text,
        built.as_ref().map_err(Clone::clone),
        zone,
        now,
    )
    .into_response()
}

async fn report_form(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Response {
    let Some(user) = officer(&hub, &headers) else {
        return to_login();
    };
    pages::report::render(&user, None).into_response()
}

#[derive(Deserialize)]
struct ReportQuery {
    period: String,
    cutoff: Option<String>,
    format: Option<String>,
    view: Option<String>,
}

async fn report_download(
    State(hub): State<Arc<Hub>>,
    headers: HeaderMap,
    Query(query): Query<ReportQuery>,
) -> Response {
    let Some(user) = officer(&hub, &headers) else {
        return to_login();
    };
    let refuse = |message: String| {
        (
            StatusCode::BAD_REQUEST,
            pages::report::render(&user, Some(&message)),
        )
            .into_response()
    };
    let cutoff = match query.cutoff.as_deref() {
        None | Some("calendar") => Cutoff::Calendar,
        Some("official") => Cutoff::Official,
        Some(other) => return refuse(format!("Mốc số liệu không hợp lệ: {other}")),
    };
    let Some(format) = ReportFormat::parse(query.format.as_deref().unwrap_or("xlsx")) else {
        return refuse("Định dạng không hợp lệ".into());
    };
    let period = match Period::parse(query.period.trim(), cutoff) {
        Ok(period) => period,
        Err(error) => return refuse(format!("Kỳ không hợp lệ ({error})")),
    };
    let view = query.view.unwrap_or_else(|| "topics".into());
    if !crate::report::views::VIEW_NAMES.contains(&view.as_str()) {
        return refuse(format!("Không có bảng {view}"));
    }
    let label = period.label.clone();
    // One report at a time: each reads and verifies the whole store.
    let Ok(_turn) = Arc::clone(&hub.reports).acquire_owned().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let built = tokio::task::spawn_blocking(move || {
        let report = build(&hub.config, &hub.registry, period, None)?;
        render(&report, format, &view)
    })
    .await;
    match built {
        Ok(Ok(bytes)) => {
            let safe: String = label
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
                .collect();
            let file = format!("bao-cao-{safe}.{}", format.extension());
            (
                [
                    (header::CONTENT_TYPE, format.content_type().to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{file}\""),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(Err(error)) => refuse(format!("Không lập được báo cáo: {error}")),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn login_form() -> Response {
    pages::login::render(None).into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    name: String,
    password: String,
}

async fn login(
    State(hub): State<Arc<Hub>>,
    form: Result<axum::Form<LoginForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Ok(axum::Form(form)) = form else {
        return (
            StatusCode::BAD_REQUEST,
            pages::login::render(Some("Thiếu tên hoặc mật khẩu.")),
        )
            .into_response();
    };
    if !hub.sessions.may_try(&form.name) {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            pages::login::render(Some(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.",
            )),
        )
            .into_response();
    }
    let users = hub.config.users.clone();
    let name = form.name.clone();
    let ok = tokio::task::spawn_blocking(move || check_password(&users, &name, &form.password))
        .await
        .unwrap_or(false);
    if !ok {
        tracing::warn!(name = %form.name, "{}", crate::tr!("hub-journal-login-failed"));
        return (
            StatusCode::UNAUTHORIZED,
            pages::login::render(Some("Sai tên đăng nhập hoặc mật khẩu.")),
        )
            .into_response();
    }
    let Some(id) = hub.sessions.open(&form.name) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    tracing::info!(name = %form.name, "{}", crate::tr!("hub-journal-logged-in"));
    ([(header::SET_COOKIE, set_cookie(&id))], Redirect::to("/")).into_response()
}

async fn logout(State(hub): State<Arc<Hub>>, headers: HeaderMap) -> Response {
    if let Some(id) = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(cookie_value)
    {
        hub.sessions.close(id);
    }
    (
        [(header::SET_COOKIE, clear_cookie())],
        Redirect::to("/login"),
    )
        .into_response()
}

/// Serves `router` on `listener` until `shutdown` resolves: each
/// connection through TLS when `tls` is given, with bounded handshake and
/// header times and a bounded number of connections.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return,
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                tracing::warn!(%error, "{}", crate::tr!("hub-journal-accept-failed"));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        let router = router.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            let _permit = permit;
            serve_connection(stream, peer, router, tls).await;
        });
    }
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    router: Router,
    tls: Option<tokio_rustls::TlsAcceptor>,
) {
    let _ = stream.set_nodelay(true);
    let service = hyper_util::service::TowerToHyperService::new(router);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HANDSHAKE_TIMEOUT)
        .max_buf_size(64 * 1024);
    let result = match tls {
        Some(acceptor) => {
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(stream)) => {
                    builder
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await
                }
                _ => {
                    tracing::debug!(%peer, "TLS handshake failed or timed out");
                    return;
                }
            }
        }
        None => {
            builder
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await
        }
    };
    if let Err(error) = result {
        tracing::debug!(%peer, %error, "connection ended with an error");
    }
}
