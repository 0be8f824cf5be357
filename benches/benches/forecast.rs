//! Forecasting throughput over panels of 10,000 series.
//!
//! Run with `cargo bench -p inventory-benches --bench forecast`. The panels come from
//! `inventory_benches::forecast_data` (deterministic): 10,000 weekly series of 104 weeks
//! (season 52, horizon 13) and 10,000 monthly series of 60 months (season 12, horizon 12),
//! seasonal, trending, smooth and intermittent mixed. Each measured iteration forecasts the
//! whole panel with `forecast::forecast_panel`; throughput is series per second. Before the
//! measurements, the mean MASE of each method on the held-out future is printed (untimed).
//!
//! - `forecast/{weekly,monthly}_auto_t1`, `_auto_t2`: automatic selection on 1 and 2 threads;
//! - `forecast/{weekly,monthly}_croston`, `_tsb`: the intermittent models, 1 thread.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use inventory_benches::forecast_data::Panel;
use inventory_core::forecast::{forecast_panel, metrics, Method, ModelSpec};

/// `true` under `cargo bench` (criterion's `--bench` flag), `false` under `cargo test`.
fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn run(panel: &Panel, method: &Method, threads: usize) -> Vec<Vec<f64>> {
    forecast_panel(&panel.histories(), method, panel.horizon, &[], threads)
        .expect("the panel is valid")
        .into_iter()
        .map(|f| f.forecast.mean)
        .collect()
}

/// Mean MASE over the series whose scale is non-zero (seasonal-naive scale, lag 1 when the
/// seasonal one is 0).
fn mean_mase(panel: &Panel, forecasts: &[Vec<f64>]) -> f64 {
    let mut sum = 0.0;
    let mut count = 0;
    for (i, (f, y)) in forecasts.iter().zip(panel.histories()).enumerate() {
        let actual = panel.future(i);
        let m = metrics(actual, f, y, panel.period)
            .ok()
            .and_then(|a| a.mase)
            .or_else(|| metrics(actual, f, y, 1).ok().and_then(|a| a.mase));
        if let Some(v) = m {
            sum += v;
            count += 1;
        }
    }
    sum / count as f64
}

fn forecast(c: &mut Criterion) {
    let n: usize = if bench_mode() {
        10_000
    } else {
        std::env::var("FORECAST_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200)
    };
    let mut g = c.benchmark_group("forecast");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Elements(n as u64));
    for (name, panel) in [
        ("weekly", Panel::weekly(n, 7)),
        ("monthly", Panel::monthly(n, 8)),
    ] {
        let methods = [
            ("auto", Method::auto(panel.period)),
            ("croston", Method::Model(ModelSpec::Croston { alpha: None })),
            (
                "tsb",
                Method::Model(ModelSpec::Tsb {
                    alpha: None,
                    beta: None,
                }),
            ),
        ];
        for (label, method) in &methods {
            let start = Instant::now();
            let f = run(&panel, method, 1);
            eprintln!(
                "{name} {label}: mean MASE {:.3} over {n} series ({:.2?} for one pass)",
                mean_mase(&panel, &f),
                start.elapsed()
            );
        }
        for (label, method) in &methods {
            let threads: &[usize] = if *label == "auto" { &[1, 2] } else { &[1] };
            for &t in threads {
                let id = if *label == "auto" {
                    format!("{name}_{label}_t{t}")
                } else {
                    format!("{name}_{label}")
                };
                g.bench_function(id, |b| {
                    b.iter_with_large_drop(|| run(black_box(&panel), method, t))
                });
            }
        }
    }
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    forecast(&mut c);
    c.final_summary();
}
