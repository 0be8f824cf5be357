//! The engine's threads: one limit and one way to start them for every call that takes a
//! thread count (a forecast panel, a planning run, a policy simulation of many SKUs).
//!
//! - A call asks for 1 to [`MAX_THREADS`] threads; 0 or more is refused with a typed
//!   error before anything runs (a caller asking for 40,000 threads used to get one OS
//!   thread per item until the system refused, then a panic).
//! - Threads are started with [`std::thread::Builder`]; a thread the system refuses to start
//!   becomes an error of the call ([`crate::PolicyError::InvalidInput`], naming the reason
//!   the system gave), never a panic. The threads already started finish their work first.
//! - The calling thread only waits; results are put back in input order, so they never
//!   depend on the thread count.

use crate::error::PolicyError;

/// The most threads one call of the engine uses (forecast panels, planning runs, policy
/// simulations). More would not help on the machines the engine runs on and each costs a
/// stack.
pub const MAX_THREADS: usize = 64;

/// `Ok` for a thread count of 1 to [`MAX_THREADS`]; else the message the callers put in
/// their error (`"0 threads: expected 1 to 64"`).
pub(crate) fn check_threads(threads: usize) -> Result<(), String> {
    if threads == 0 || threads > MAX_THREADS {
        return Err(format!("{threads} threads: expected 1 to {MAX_THREADS}"));
    }
    Ok(())
}

/// The error of a call whose thread the system refused to start.
pub(crate) fn spawn_failed(what: &str, e: &std::io::Error) -> crate::Error {
    PolicyError::InvalidInput {
        message: format!("could not start a {what} thread: {e}"),
    }
    .into()
}

/// Runs `work(0)`, …, `work(workers − 1)` on one thread each (named `name`) and returns
/// their results in that order; `Err` with the system's reason when a thread could not be
/// started (the others still finish first). A panic in a worker is resumed on the caller.
pub(crate) fn run_workers<R: Send>(
    workers: usize,
    name: &str,
    work: impl Fn(usize) -> R + Sync,
) -> Result<Vec<R>, std::io::Error> {
    run_workers_sized(workers, name, None, work)
}

/// [`run_workers`] with a stack size for the threads (the tests ask for one the system
/// cannot give, to see a refused thread become an error).
fn run_workers_sized<R: Send>(
    workers: usize,
    name: &str,
    stack_size: Option<usize>,
    work: impl Fn(usize) -> R + Sync,
) -> Result<Vec<R>, std::io::Error> {
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|i| {
                let mut b = std::thread::Builder::new().name(name.to_owned());
                if let Some(size) = stack_size {
                    b = b.stack_size(size);
                }
                b.spawn_scoped(scope, move || work(i))
            })
            .collect();
        let mut out = Vec::with_capacity(workers);
        let mut refused = None;
        for h in handles {
            match h {
                Ok(h) => out.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))),
                Err(e) => refused = refused.or(Some(e)),
            }
        }
        match refused {
            Some(e) => Err(e),
            None => Ok(out),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_counts_from_1_to_the_limit() {
        assert!(check_threads(1).is_ok());
        assert!(check_threads(MAX_THREADS).is_ok());
        assert_eq!(check_threads(0).unwrap_err(), "0 threads: expected 1 to 64");
        assert_eq!(
            check_threads(40_000).unwrap_err(),
            "40000 threads: expected 1 to 64"
        );
    }

    #[test]
    fn workers_return_in_order() {
        let got = run_workers(5, "test", |i| i * i).unwrap();
        assert_eq!(got, vec![0, 1, 4, 9, 16]);
    }

    #[test]
    fn a_thread_the_system_refuses_is_an_error_not_a_panic() {
        // A stack of 2^50 bytes (a petabyte) cannot be reserved: the system refuses the
        // thread, as it refuses the thousandth thread of a process at its limit.
        let e = run_workers_sized(3, "test", Some(1 << 50), |i| i).unwrap_err();
        let err = spawn_failed("test", &e);
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        assert!(
            err.to_string().contains("could not start a test thread"),
            "{err}"
        );
    }
}
