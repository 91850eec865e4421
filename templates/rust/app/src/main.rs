use std::time::Duration;
use std::{env, panic, process, thread};

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use serde_json::json;
use tokio::net::TcpListener;

/// App Runner stops sending traffic before SIGTERM; requests still in flight get this long to
/// finish, which keeps the whole shutdown under 10 seconds.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(9);
/// A client must send its whole header block within this time, or the connection is closed.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// A header block that does not fit in this many bytes is answered 431 by hyper. hyper's read buffer
/// holds the request line and headers while they are parsed; 8 KiB is its smallest allowed size.
const MAX_HEADER_BYTES: usize = 16 * 1024;

#[tokio::main]
async fn main() {
    // A panic anywhere (a handler included: CatchPanicLayer answers the client) is one JSON error
    // line, not Rust's multi-line message on stderr.
    panic::set_hook(Box::new(|info| {
        app::log(
            "error",
            "unhandled error",
            &[("error", json!(info.to_string()))],
        );
    }));
    let port = app::parse_port(env::var("PORT").ok().as_deref()).unwrap_or_else(|err| {
        let value = env::var("PORT").unwrap_or_default();
        app::log("error", &err, &[("PORT", json!(value))]);
        process::exit(1);
    });
    let listener = TcpListener::bind(("0.0.0.0", port))
        .await
        .unwrap_or_else(|err| fail(&format!("cannot listen on port {port}: {err}")));
    app::log("info", "listening", &[("port", json!(port))]);
    serve(listener).await;
    app::log("info", "stopped", &[]);
}

/// Serves HTTP/1.1 with hyper's own limits (axum::serve takes no builder): the header block must
/// arrive within HEADER_READ_TIMEOUT and fit in MAX_HEADER_BYTES. Stops accepting on the signal,
/// then waits for the connections in flight.
async fn serve(listener: TcpListener) {
    let router = app::router();
    let graceful = GracefulShutdown::new();
    let mut signal = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                // A failed accept (e.g. out of file descriptors) is the client's loss, not the server's.
                let Ok((stream, _)) = accepted else { continue };
                let connection = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_READ_TIMEOUT)
                    .max_buf_size(MAX_HEADER_BYTES)
                    .serve_connection(TokioIo::new(stream), TowerToHyperService::new(router.clone()));
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = watched.await; // a client that went away is not an error of ours
                });
            }
            () = &mut signal => break,
        }
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Resolves on SIGTERM (App Runner stopping the instance) or SIGINT (Ctrl-C).
async fn shutdown_signal() {
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => sigterm.recv().await,
            Err(_) => std::future::pending().await,
        };
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    let signal = tokio::select! {
        _ = tokio::signal::ctrl_c() => "SIGINT",
        () = terminate => "SIGTERM",
    };
    app::log("info", "shutting down", &[("signal", json!(signal))]);

    // A request that never ends must not keep the instance alive: a plain thread, so a busy or
    // stuck runtime cannot delay it.
    thread::spawn(|| {
        thread::sleep(DRAIN_TIMEOUT);
        app::log(
            "warn",
            "shutdown timed out, exiting",
            &[("timeoutMs", json!(DRAIN_TIMEOUT.as_millis() as u64))],
        );
        process::exit(0);
    });
}

fn fail(msg: &str) -> ! {
    app::log("error", msg, &[]);
    process::exit(1);
}
