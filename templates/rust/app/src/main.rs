use std::time::Duration;
use std::{env, process, thread};

use serde_json::json;
use tokio::net::TcpListener;

/// App Runner stops sending traffic before SIGTERM; requests still in flight get this long to
/// finish, which keeps the whole shutdown under 10 seconds.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(9);

#[tokio::main]
async fn main() {
    let port = match env::var("PORT") {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| fail(&format!("PORT is not a port number: {value}"))),
        Err(_) => app::DEFAULT_PORT,
    };
    let listener = TcpListener::bind(("0.0.0.0", port))
        .await
        .unwrap_or_else(|err| fail(&format!("cannot listen on port {port}: {err}")));
    app::log("info", "listening", &[("port", json!(port))]);

    // Stops accepting connections on the signal, then waits for requests in flight.
    if let Err(err) = axum::serve(listener, app::router())
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        fail(&format!("server error: {err}"));
    }
    app::log("info", "stopped", &[]);
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
