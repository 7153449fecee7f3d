//! Encode time and PNG size over the study's texts, on one thread.
//!
//! Run from native/: `cargo run --release --example bench -p qr-core`
//! (add `--config debian-registry.toml` where crates.io is unreachable).
//!
//! The time is measured in batches and the median batch reported: on a shared machine other
//! processes inflate some batches, and the median is the figure that repeats from run to run.
//! The best batch and the plain mean are printed beside it.

use std::time::Instant;

use qr_core::corpus::study_urls;
use qr_core::{encode_png, EcLevel};

const WARM_UP_ROUNDS: usize = 200;
const BATCHES: usize = 20;
const ROUNDS_PER_BATCH: usize = 100;

fn main() {
    let urls = study_urls();
    let mut sizes = Vec::with_capacity(urls.len());
    for &url in &urls {
        let png = encode_png(url, EcLevel::Low).expect("study URL encodes");
        println!("{:>5} B  {}", png.len(), url);
        sizes.push(png.len());
    }

    let mut bytes_out = 0;
    for _ in 0..WARM_UP_ROUNDS {
        bytes_out += encode_all(&urls);
    }
    let mut batch_micros: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..ROUNDS_PER_BATCH {
                bytes_out += encode_all(&urls);
            }
            start.elapsed().as_secs_f64() * 1e6 / (ROUNDS_PER_BATCH * urls.len()) as f64
        })
        .collect();
    batch_micros.sort_by(|a, b| a.partial_cmp(b).expect("times are numbers"));

    let median = (batch_micros[BATCHES / 2 - 1] + batch_micros[BATCHES / 2]) / 2.0;
    let mean = batch_micros.iter().sum::<f64>() / BATCHES as f64;
    let average_bytes = sizes.iter().sum::<usize>() as f64 / sizes.len() as f64;
    println!(
        "encodes: {} ({} PNG bytes)",
        (WARM_UP_ROUNDS + BATCHES * ROUNDS_PER_BATCH) * urls.len(),
        bytes_out
    );
    println!("µs per QR: {:.1}", median);
    println!(
        "  (median of {} batches; best {:.1}, mean {:.1})",
        BATCHES, batch_micros[0], mean
    );
    println!("average PNG bytes: {:.1}", average_bytes);
}

/// Encodes every text once; returns the bytes produced so the work cannot be optimised away.
fn encode_all(urls: &[&str]) -> usize {
    urls
        .iter()
        .map(|url| {
            encode_png(url, EcLevel::Low)
                .expect("study URL encodes")
                .len()
        })
        .sum()
}
