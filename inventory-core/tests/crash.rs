//! Crash safety with real processes: a child process posts random movements, batches and
//! purchasing events to a store and is killed with SIGKILL at random moments; after each
//! kill the store reopens, every acknowledged change is there (entry for entry), no part
//! of an unacknowledged batch is, and the state equals a replay of its journal.
//!
//! `INV_CRASH_RUNS` sets the number of kills (default 200; see BENCHMARKS.md for a long
//! run).
#![cfg(all(feature = "sqlite", unix))]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use inventory_core::durable::{StoreConfig, SyncMode};
use inventory_core::purchasing::{NewLine, PaymentTerms, ReceiptLine, Supplier, SupplierItem};
use inventory_core::{Decimal, Ledger, Movement};

/// xorshift64*: the tests' own small random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn fnv(lines: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for l in lines {
        for &b in l.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The child: opens the store and posts until killed, printing `@B before expected` before
/// each call and `@A before after hash` (the hash of the entries it added) or `@R before`
/// after it.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var("INV_CRASH_CHILD") else {
        return;
    };
    let sync = match std::env::var("INV_CRASH_SYNC").as_deref() {
        Ok("full") => SyncMode::Full,
        _ => SyncMode::Normal,
    };
    let seed: u64 = std::env::var("INV_CRASH_SEED").unwrap().parse().unwrap();
    let mut out = std::io::stdout().lock();
    let mut l = Ledger::open(&path, StoreConfig::new().sync(sync).checkpoint_every(40)).unwrap();
    writeln!(out, "@O {}", l.len()).unwrap();
    out.flush().unwrap();
    let mut rng = Rng(seed | 1);
    let skus = ["A", "B", "C", "D"];
    let q = |n: u64| Decimal::from(n);
    if l.suppliers().is_empty() {
        let s = Supplier::new("SUP", "Supplier", PaymentTerms::net(30))
            .item(SupplierItem::new("A", Decimal::new(250, 2), 7.0))
            .item(SupplierItem::new("B", Decimal::new(125, 2), 7.0));
        l.set_supplier(s, 0).unwrap();
    }
    let mut time = l.journal_iter().last().map_or(0, |e| e.movement.time) + 1;
    let mut order = l.purchase_records().len();
    loop {
        let before = l.len();
        time += 1;
        let choice = rng.below(10);
        // Each call is built first, announced (`@B`), then made.
        let batch: Vec<Movement> = if choice < 4 {
            let sku = skus[rng.below(4) as usize];
            let cost = Decimal::new(100 + rng.below(900) as i64, 2);
            vec![Movement::receive(
                sku,
                "W",
                q(1 + rng.below(20)),
                cost,
                time,
            )]
        } else if choice < 8 {
            // A batch: receipts and shipments, sometimes one that cannot be shipped (the
            // whole batch is refused then).
            let n = 1 + rng.below(8) as usize;
            (0..n)
                .map(|_| {
                    let sku = skus[rng.below(4) as usize];
                    if rng.below(3) == 0 {
                        Movement::receive(
                            sku,
                            "W",
                            q(1 + rng.below(10)),
                            Decimal::new(199, 2),
                            time,
                        )
                    } else {
                        Movement::ship(sku, "W", q(1 + rng.below(6)), time)
                    }
                })
                .collect()
        } else {
            // A purchase order placed (no movements), then received in one event.
            order += 1;
            let id = format!("PO-{seed}-{order}");
            let lines = vec![
                NewLine::new(1, "A", "W", q(10 + rng.below(10)), time + 86_400),
                NewLine::new(2, "B", "W", q(5 + rng.below(10)), time + 86_400),
            ];
            writeln!(out, "@B {before} 0").unwrap();
            out.flush().unwrap();
            let r = l
                .create_order(id.clone(), "SUP", lines, time)
                .and_then(|_| l.place_order(id.clone(), time))
                .map(|_| ());
            assert!(r.is_ok(), "{r:?}");
            report(&mut out, &l, before, r);
            writeln!(out, "@B {before} 2").unwrap();
            out.flush().unwrap();
            let got = l.receive_order(
                id.clone(),
                format!("{id}-GRN"),
                vec![ReceiptLine::new(1, q(3)), ReceiptLine::new(2, q(2))],
                time,
            );
            report(&mut out, &l, before, got.map(|_| ()));
            continue;
        };
        writeln!(out, "@B {before} {}", batch.len()).unwrap();
        out.flush().unwrap();
        let result = if batch.len() == 1 {
            batch.into_iter().try_for_each(|m| l.post(m).map(|_| ()))
        } else {
            l.post_batch(batch).map(|_| ())
        };
        report(&mut out, &l, before, result);
    }
}

fn report(
    out: &mut impl Write,
    l: &Ledger,
    before: usize,
    result: Result<(), inventory_core::Error>,
) {
    match result {
        Ok(()) => {
            let text = l.journal_jsonl(before as u64);
            let lines: Vec<&str> = text.lines().collect();
            writeln!(out, "@A {before} {} {}", l.len(), fnv(&lines)).unwrap();
        }
        Err(_) => writeln!(out, "@R {before}").unwrap(),
    }
    out.flush().unwrap();
}

/// What the parent read from one child.
#[derive(Default)]
struct Seen {
    /// (before, after, hash) of each acknowledged call.
    acks: Vec<(usize, usize, u64)>,
    /// The call in flight when the child was killed: (before, expected movements).
    in_flight: Option<(usize, usize)>,
}

fn parse(lines: &[String]) -> Seen {
    let mut s = Seen::default();
    for line in lines {
        // The test harness may print on the same line before the child's first words.
        let Some(at) = line.find('@') else { continue };
        let f: Vec<&str> = line[at..].split_whitespace().collect();
        match f.first().copied() {
            Some("@B") => s.in_flight = Some((f[1].parse().unwrap(), f[2].parse().unwrap())),
            Some("@A") => {
                s.acks.push((
                    f[1].parse().unwrap(),
                    f[2].parse().unwrap(),
                    f[3].parse().unwrap(),
                ));
                s.in_flight = None;
            }
            Some("@R") => s.in_flight = None,
            _ => {}
        }
    }
    s
}

#[test]
fn killed_writers_lose_nothing_acknowledged_and_leave_no_partial_batch() {
    let runs: u64 = std::env::var("INV_CRASH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let exe = std::env::current_exe().unwrap();
    let dir = std::env::temp_dir().join(format!("inv-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut committed_total = 0usize;
    let mut mid_call_kills = 0;
    let mut held = 0usize;
    for run in 0..runs {
        // A new store every 25 kills, so that none grows beyond a few thousand entries.
        let path: PathBuf = dir.join(format!("store-{}.ledger", run / 25));
        let sync = if run % 4 == 3 { "full" } else { "normal" };
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env("INV_CRASH_CHILD", &path)
            .env("INV_CRASH_SYNC", sync)
            .env("INV_CRASH_SEED", (run + 1).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut lines = Vec::new();
        // Most runs: kill a random moment after the store opened; some: during the open.
        let wait_open = run % 8 != 0;
        if wait_open {
            let deadline = Instant::now() + Duration::from_secs(60);
            while Instant::now() < deadline {
                match rx.recv_timeout(Duration::from_millis(50)) {
                    Ok(l) => {
                        let opened = l.contains("@O");
                        lines.push(l);
                        if opened {
                            break;
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => {}
                    Err(_) => break,
                }
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(if wait_open {
            30_000
        } else {
            15_000
        })));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        lines.extend(rx.try_iter());
        assert!(
            !lines.iter().any(|l| l.contains("panicked")),
            "run {run}: the child failed: {lines:?}"
        );
        let seen = parse(&lines);
        if seen.in_flight.is_some() {
            mid_call_kills += 1;
        }
        let reopened = Ledger::open(&path, StoreConfig::new().sync(SyncMode::Off))
            .unwrap_or_else(|e| panic!("run {run}: the store does not reopen: {e}"));
        let len = reopened.len();
        // Before this run's first acknowledgement: what the store held when it began.
        if run % 25 == 0 {
            held = 0;
        }
        let acked = seen.acks.last().map_or(held, |a| a.1);
        // Every acknowledged call is there, entry for entry.
        assert!(
            len >= acked,
            "run {run}: {len} entries, {acked} acknowledged"
        );
        let text = reopened.journal_jsonl(0);
        let entries: Vec<&str> = text.lines().collect();
        for &(before, after, hash) in &seen.acks {
            assert_eq!(
                fnv(&entries[before..after]),
                hash,
                "run {run}: entries {before}..{after} differ"
            );
        }
        // Nothing beyond what was acknowledged, except the whole of the call in flight.
        if len != acked {
            let (before, expected) = seen
                .in_flight
                .unwrap_or_else(|| panic!("run {run}: {len} entries but {acked} acknowledged"));
            assert_eq!(before, acked, "run {run}");
            assert_eq!(
                len,
                before + expected,
                "run {run}: part of a batch is in the store"
            );
        }
        // The state is the replay of its journal (the snapshot loader replays and compares).
        Ledger::from_json(&reopened.to_json())
            .unwrap_or_else(|e| panic!("run {run}: state differs from its journal's replay: {e}"));
        committed_total = committed_total.max(len);
        held = len;
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        runs < 20 || mid_call_kills > 0,
        "no kill landed in the middle of a call"
    );
    eprintln!("{runs} kills, {mid_call_kills} in the middle of a call, largest store {committed_total} entries");
}

/// The child of the lock test: tries to open the store and prints what happened.
#[test]
fn lock_child() {
    let Ok(path) = std::env::var("INV_LOCK_CHILD") else {
        return;
    };
    match Ledger::open(&path, StoreConfig::new()) {
        Ok(l) => println!("@opened {}", l.len()),
        Err(e) => println!("@refused {:?}", e.kind()),
    }
}

#[test]
fn a_second_process_cannot_open_a_store_for_writing() {
    let dir = std::env::temp_dir().join(format!("inv-lock-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.ledger");
    let other = |path: &PathBuf| {
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "lock_child", "--nocapture", "--test-threads=1"])
            .env("INV_LOCK_CHILD", path)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let mut l = Ledger::open(&path, StoreConfig::new().sync(SyncMode::Off)).unwrap();
    l.post(Movement::receive("A", "W", Decimal::ONE, Decimal::ONE, 0))
        .unwrap();
    assert!(other(&path).contains("@refused StoreLocked"));
    drop(l);
    assert!(other(&path).contains("@opened 1"));
    let _ = std::fs::remove_dir_all(&dir);
}
