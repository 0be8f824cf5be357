//! Deterministic demand panels for the forecasting benchmarks: weekly (length 104, season 52,
//! horizon 13) and monthly (length 60, season 12, horizon 12) series, mixing seasonal (30 %),
//! trending (20 %), smooth (20 %) and intermittent (30 %, a third of them dying) demand, each
//! with its held-out future so that accuracy can be reported beside speed.

/// SplitMix64 with uniform, normal and gamma-free helpers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(1e-300);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// A panel: `n` series of `len` observations followed by `horizon` future values, row-major.
pub struct Panel {
    /// Observations per series.
    pub len: usize,
    /// Held-out future values per series.
    pub horizon: usize,
    /// The season length.
    pub period: usize,
    /// `n × (len + horizon)` values.
    pub values: Vec<f64>,
}

impl Panel {
    /// `n` weekly series (104 + 13, season 52).
    pub fn weekly(n: usize, seed: u64) -> Panel {
        Panel::new(n, 104, 13, 52, seed)
    }

    /// `n` monthly series (60 + 12, season 12).
    pub fn monthly(n: usize, seed: u64) -> Panel {
        Panel::new(n, 60, 12, 12, seed)
    }

    fn new(n: usize, len: usize, horizon: usize, period: usize, seed: u64) -> Panel {
        let mut rng = Rng(seed);
        let total = len + horizon;
        let mut values = Vec::with_capacity(n * total);
        for i in 0..n {
            let kind = i % 10;
            let level = rng.between(5.0, 200.0);
            let noise = rng.between(0.05, 0.25);
            match kind {
                // Seasonal: a smooth annual profile with a peak, multiplicative, noisy.
                0..=2 => {
                    let amp = rng.between(0.2, 0.8);
                    let phase = rng.between(0.0, std::f64::consts::TAU);
                    let growth = rng.between(-0.002, 0.004);
                    for t in 0..total {
                        let angle = std::f64::consts::TAU * t as f64 / period as f64 + phase;
                        let s = 1.0 + amp * angle.sin();
                        let base = level * (1.0 + growth * t as f64) * s;
                        values.push((base * (1.0 + noise * rng.normal())).max(0.0));
                    }
                }
                // Trending, sometimes damped.
                3 | 4 => {
                    let slope = rng.between(-0.6, 1.2) * level / len as f64;
                    let damped = rng.uniform() < 0.5;
                    let mut trend_sum = 0.0;
                    let mut phi_t = 1.0;
                    for _ in 0..total {
                        if damped {
                            phi_t *= 0.97;
                        }
                        trend_sum += slope * phi_t;
                        let base = level + trend_sum;
                        values.push((base * (1.0 + noise * rng.normal())).max(0.0));
                    }
                }
                // Smooth level with a slow random walk.
                5 | 6 => {
                    let mut l = level;
                    for _ in 0..total {
                        l = (l * (1.0 + 0.02 * rng.normal())).max(1.0);
                        values.push((l * (1.0 + noise * rng.normal())).max(0.0));
                    }
                }
                // Intermittent, some dying.
                _ => {
                    let p = rng.between(0.1, 0.6);
                    let size = rng.between(1.0, 20.0);
                    let dies = kind == 9;
                    let death = if dies {
                        (len as f64 * rng.between(0.6, 0.8)) as usize
                    } else {
                        usize::MAX
                    };
                    for t in 0..total {
                        let v = if t < death && rng.uniform() < p {
                            (size * (1.0 + 0.5 * rng.normal())).max(1.0).round()
                        } else {
                            0.0
                        };
                        values.push(v);
                    }
                }
            }
        }
        Panel {
            len,
            horizon,
            period,
            values,
        }
    }

    /// The number of series.
    pub fn count(&self) -> usize {
        self.values.len() / (self.len + self.horizon)
    }

    /// The observed part of every series.
    pub fn histories(&self) -> Vec<&[f64]> {
        self.values
            .chunks(self.len + self.horizon)
            .map(|c| &c[..self.len])
            .collect()
    }

    /// The held-out future of series `i`.
    pub fn future(&self, i: usize) -> &[f64] {
        let w = self.len + self.horizon;
        &self.values[i * w + self.len..(i + 1) * w]
    }
}
