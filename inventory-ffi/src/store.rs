//! Durable ledgers: a ledger opened on a SQLite store file commits every change to it
//! before the call returns (the core's `durable` module and `store::sqlite`).

use std::ffi::c_char;

use inventory_core::durable::StoreConfig;
use inventory_core::Ledger;

use crate::error::inv_result;
use crate::ffi::{
    call, check_out, guard, sync_mode_from_c, sync_mode_to_c, to_boxed_mut_ptr, to_c_string,
    try_mut_from_ptr, try_ref_from_ptr, try_str, write_out, FfiResult,
};
use crate::inv_sync_mode;
use crate::ledger::{config_from_c, inv_ledger, inv_ledger_config};

/// How `inv_ledger_open` opens a store.
///
/// Start from `inv_store_options_default()` and set the fields you use (a NULL options
/// pointer means these defaults). Later versions may add fields at the end, which changes
/// the struct's size: before 1.0 the header and the library go together (see
/// `inv_ledger_config`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_store_options {
    /// The ledger configuration (read only during `inv_ledger_open`). NULL: the store's own
    /// configuration for an existing store, the default (`inv_ledger_config_default()`) for
    /// a new one. Given, it creates a new store with it; an existing store keeps the one it
    /// was created with and refuses a different one with `INV_INVALID_INPUT`. Default NULL.
    pub config: *const inv_ledger_config,
    /// Write a checkpoint after every this many movements, so that opening the store
    /// replays only the journal after the newest one; 0: only on request
    /// (`inv_ledger_checkpoint`). Default 100000.
    pub checkpoint_every: u64,
    /// What an acknowledged commit survives (`INV_SYNC_*`). Default `INV_SYNC_FULL`.
    pub sync: inv_sync_mode,
}

/// The default store options: the store's own configuration (the default one for a new
/// store), a checkpoint every 100000 movements, `INV_SYNC_FULL`.
#[no_mangle]
pub extern "C" fn inv_store_options_default() -> inv_store_options {
    let d = StoreConfig::default();
    inv_store_options {
        // The core's default gives no configuration.
        config: std::ptr::null(),
        checkpoint_every: d.checkpoint_every,
        sync: sync_mode_to_c(d.sync),
    }
}

/// The core's store configuration from the (nullable) C options.
///
/// # Safety
/// `options` NULL or pointing to a valid struct whose `config` is NULL or valid (its
/// `over_receipt_tolerance` NULL or NUL-terminated).
unsafe fn store_config_from_c(options: *const inv_store_options) -> FfiResult<StoreConfig> {
    // SAFETY: a non-NULL `options` points to a valid struct by the contract.
    let Some(o) = (unsafe { options.as_ref() }) else {
        return Ok(StoreConfig::default());
    };
    let mut config = StoreConfig::new()
        .checkpoint_every(o.checkpoint_every)
        .sync(sync_mode_from_c(o.sync, "options.sync")?);
    // SAFETY: a non-NULL `config` points to a valid struct by the contract.
    if let Some(c) = unsafe { o.config.as_ref() } {
        // SAFETY: forwarded contract.
        config = config.ledger(unsafe { config_from_c(c, "options.config") }?);
    }
    Ok(config)
}

/// Opens (or creates) the durable ledger stored in the SQLite database file at `path` into
/// `*out`; `options` may be NULL (the defaults of `inv_store_options_default()`).
///
/// A new (or empty) file becomes a store with `options->config` (NULL: the default
/// configuration). An existing store is restored from its newest checkpoint and the
/// journal after it. From then on every successful posting, batch (`inv_ledger_post_columns`),
/// purchasing event, kit definition, bundle posting and costing override is committed to
/// the file before the call returns; a refused call writes nothing. If the store fails
/// while committing, the call is refused with `INV_STORE_IO` (`INV_STORE_CORRUPT` if the
/// file turns out damaged) and the ledger in memory is rolled back too. The file stays
/// locked for writing (through a lock file `<path>-lock` beside it, which is left in place
/// when the ledger is freed) until `inv_ledger_free`. The database runs in SQLite's WAL
/// mode: `<path>-wal` and `<path>-shm` are beside it while it is open (normally removed
/// when it is freed), and other programs may read it with any SQLite client.
///
/// Errors: `INV_NULL_ARGUMENT` (`path`, `out`), `INV_INVALID_UTF8` (`path`),
/// `INV_INVALID_ENUM` (`options->sync`, the configuration's enums), `INV_INVALID_DECIMAL`
/// (tolerance), `INV_INVALID_INPUT` (an invalid configuration for a new store, a
/// configuration other than the existing store's), `INV_STORE_LOCKED` (another ledger, in
/// this process or another, has it open), `INV_STORE_CORRUPT` (not a ledger store, damaged,
/// or of a format this build does not read), `INV_STORE_IO` (the file cannot be created,
/// read or written). On error `*out` is not written.
///
/// # Safety
/// `path` NULL or NUL-terminated; `options` NULL or pointing to a valid struct (its
/// `config` NULL or valid); `out` NULL or a writable `inv_ledger *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_open(
    path: *const c_char,
    options: *const inv_store_options,
    out: *mut *mut inv_ledger,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let path = unsafe { try_str(path, "path") }?;
        // SAFETY: forwarded contract.
        let config = unsafe { store_config_from_c(options) }?;
        check_out(out, "out")?;
        let ledger = Ledger::open(path, config)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_ledger>(ledger)) };
        Ok(())
    })
}

/// Writes a checkpoint of a durable ledger's state to its store now, so that opening it
/// replays nothing before this point.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_INPUT` (an in-memory ledger: no store),
/// `INV_STORE_IO`. The ledger is unchanged either way.
///
/// # Safety
/// `ledger` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_checkpoint(ledger: *mut inv_ledger) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
        l.checkpoint()?;
        Ok(())
    })
}

/// Closes a durable ledger's store (releasing its lock: another ledger may open the file),
/// leaving the ledger in memory as it stands; from then on it is an in-memory ledger.
/// Nothing is lost: every change was committed when it was made. A no-op for an in-memory
/// ledger. (`inv_ledger_free` closes the store too.)
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `ledger` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_close(ledger: *mut inv_ledger) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
        l.close();
        Ok(())
    })
}

/// Whether the ledger commits to a store (opened with `inv_ledger_open`); false for an
/// in-memory ledger and for NULL.
///
/// # Safety
/// `ledger` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_is_durable(ledger: *const inv_ledger) -> bool {
    // SAFETY: forwarded contract.
    guard(false, || {
        unsafe { try_ref_from_ptr(ledger, "ledger") }.is_ok_and(Ledger::is_durable)
    })
}

/// Writes the journal entries with sequence number `from` and after (entries
/// `from .. inv_ledger_len`) as JSON lines to `*out`: one entry (the movement and its
/// outcome, as in `inv_ledger_journal_json`) per line, each line ending in `\n`; an empty
/// string when `from` ≥ `inv_ledger_len`. This is the incremental export for hosts that keep
/// their own copy: remember the length and ask for what came after. Works on any ledger,
/// durable or not. Release the text with `inv_string_free`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INTERIOR_NUL` (a name with a NUL byte).
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_journal_jsonl(
    ledger: *const inv_ledger,
    from: u64,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let s = to_c_string(l.journal_jsonl(from), "the journal")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, s.into_raw()) };
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{INV_INVALID_ENUM, INV_NULL_ARGUMENT, INV_OK};
    use crate::ledger::{inv_ledger_config_default, inv_ledger_free};
    use crate::{INV_COSTING_LIFO, INV_SYNC_NORMAL};
    use inventory_core::durable::SyncMode;
    use inventory_core::{CostMethod, LedgerConfig};

    #[test]
    fn the_defaults_are_the_cores() {
        let o = inv_store_options_default();
        // SAFETY: a valid struct with a NULL configuration.
        let from_c = unsafe { store_config_from_c(&o) }.unwrap();
        assert_eq!(from_c, StoreConfig::default());
        // SAFETY: NULL options mean the defaults.
        let from_null = unsafe { store_config_from_c(std::ptr::null()) }.unwrap();
        assert_eq!(from_null, StoreConfig::default());
    }

    #[test]
    fn options_convert() {
        let mut lifo = inv_ledger_config_default();
        lifo.costing = INV_COSTING_LIFO;
        let mut o = inv_store_options_default();
        o.config = &lifo;
        o.checkpoint_every = 7;
        o.sync = INV_SYNC_NORMAL;
        // SAFETY: a valid struct whose configuration outlives the call.
        let c = unsafe { store_config_from_c(&o) }.unwrap();
        let expected = StoreConfig::new()
            .ledger(LedgerConfig::new().costing(CostMethod::Lifo))
            .checkpoint_every(7)
            .sync(SyncMode::Normal);
        assert_eq!(c, expected);

        o.sync = 3;
        // SAFETY: as above.
        let e = unsafe { store_config_from_c(&o) }.unwrap_err();
        assert_eq!(e.code, INV_INVALID_ENUM);
        assert!(e.message.contains("options.sync"), "{}", e.message);
        o.sync = INV_SYNC_NORMAL;
        let mut bad = inv_ledger_config_default();
        bad.costing = 9;
        o.config = &bad;
        // SAFETY: as above.
        let e = unsafe { store_config_from_c(&o) }.unwrap_err();
        assert_eq!(e.code, INV_INVALID_ENUM);
        assert!(
            e.message.contains("options.config.costing"),
            "{}",
            e.message
        );
    }

    #[test]
    fn open_refuses_null_arguments() {
        let mut out: *mut inv_ledger = std::ptr::null_mut();
        // SAFETY: NULL arguments are refused before anything is read.
        unsafe {
            assert_eq!(
                inv_ledger_open(std::ptr::null(), std::ptr::null(), &mut out),
                INV_NULL_ARGUMENT
            );
            assert_eq!(
                inv_ledger_open(c"x.ledger".as_ptr(), std::ptr::null(), std::ptr::null_mut()),
                INV_NULL_ARGUMENT
            );
        }
        assert!(out.is_null());
    }

    #[test]
    fn a_store_opens_and_reopens() {
        let dir = std::env::temp_dir().join(format!("inv-ffi-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = std::ffi::CString::new(dir.join("t.ledger").to_str().unwrap()).unwrap();
        let mut out: *mut inv_ledger = std::ptr::null_mut();
        // SAFETY: valid arguments; each ledger is freed once.
        unsafe {
            assert_eq!(
                inv_ledger_open(path.as_ptr(), std::ptr::null(), &mut out),
                INV_OK
            );
            assert!(inv_ledger_is_durable(out));
            assert_eq!(inv_ledger_checkpoint(out), INV_OK);
            inv_ledger_free(out);
            out = std::ptr::null_mut();
            assert_eq!(
                inv_ledger_open(path.as_ptr(), std::ptr::null(), &mut out),
                INV_OK
            );
            assert!(inv_ledger_is_durable(out));
            inv_ledger_free(out);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
