//! `qr-server`: OrleansQr's tier 4, the `/qrcode` HTTP contract served by hyper and tokio alone.
//!
//! It adapts `qr-core` to HTTP and nothing more, so its PNGs are the other Rust tiers' PNGs.

mod args;
mod query;
mod routes;

use std::convert::Infallible;
use std::error::Error;
use std::net::SocketAddr;
use std::process::ExitCode;

use hyper::service::{make_service_fn, service_fn};
use hyper::Server;

use crate::args::Command;

type ServerError = Box<dyn Error + Send + Sync>;

fn main() -> ExitCode {
    let address = match args::parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Serve { address }) => address,
        Ok(Command::Help) => {
            print!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("qr-server: {problem}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };

    // A multi-threaded runtime with one worker per core, tokio's default: encoding is CPU-bound.
    let served = tokio::runtime::Runtime::new()
        .map_err(ServerError::from)
        .and_then(|runtime| runtime.block_on(serve(address)));
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("qr-server: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Serves until SIGINT or SIGTERM, then lets requests in flight finish.
async fn serve(address: SocketAddr) -> Result<(), ServerError> {
    // Registered before listening, so a signal that arrives once we are reachable is never lost.
    let shutdown = shutdown_signal()?;
    let server = Server::try_bind(&address)
        .map_err(|error| format!("cannot listen on {address}: {error}"))?
        // Responses are small and written whole; do not let Nagle hold them back.
        .tcp_nodelay(true)
        .serve(make_service_fn(|_connection| async {
            Ok::<_, Infallible>(service_fn(routes::handle))
        }));
    // Scripts and tests wait for this line (with `--port 0` it is how they learn the port).
    println!("qr-server listening on http://{}", server.local_addr());
    server.with_graceful_shutdown(shutdown).await?;
    Ok(())
}

#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};

    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        eprintln!("qr-server: shutting down");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        if tokio::signal::ctrl_c().await.is_err() {
            // No Ctrl-C handler: serve until the process is killed rather than stop at once.
            std::future::pending::<()>().await;
        }
        eprintln!("qr-server: shutting down");
    })
}
