//! The embedded durable store: one SQLite database file (SQLite is bundled: nothing to
//! install).
//!
//! ```
//! # fn main() -> Result<(), inventory_core::Error> {
//! use inventory_core::durable::StoreConfig;
//! use inventory_core::{Decimal, Ledger, Movement};
//!
//! let dir = std::env::temp_dir().join(format!("inv-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("shop.ledger");
//! # let _ = std::fs::remove_file(&path);
//! {
//!     let mut ledger = Ledger::open(&path, StoreConfig::new())?;
//!     ledger.post(Movement::receive("MUG", "WH-1", Decimal::from(10), Decimal::new(400, 2), 0))?;
//!     // Committed to the file before `post` returned.
//! }
//! let ledger = Ledger::open(&path, StoreConfig::new())?;
//! assert_eq!(ledger.position("MUG", None)?.on_hand, Decimal::from(10));
//! # drop(ledger);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok(())
//! # }
//! ```
//!
//! ## Settings
//! The database runs in WAL mode (`journal_mode=WAL`): a commit appends to the
//! write-ahead log, and other processes can read the database (with any SQLite client)
//! while the ledger writes. The sync mode ([`SyncMode`]) sets `synchronous`:
//! - [`SyncMode::Full`] → `synchronous=FULL`: the log is synced to the disk (fsync) at every
//!   commit; an acknowledged commit survives a process crash and a power loss. One fsync per
//!   commit is the physical limit of posting one movement at a time (see BENCHMARKS.md).
//! - [`SyncMode::Normal`] → `synchronous=NORMAL`: the log is synced only when SQLite
//!   checkpoints it into the database; a commit survives a crash of the process (SIGKILL,
//!   a panic, an abort) but the latest commits may be lost to a power loss or a kernel
//!   crash. The database is never corrupted either way.
//! - [`SyncMode::Off`] → `synchronous=OFF`: no syncing; for tests and bulk loads.
//!
//! ## One writer
//! Opening takes an exclusive lock (`flock`) on a lock file beside the database
//! (`<path>-lock`), held until the ledger is dropped: a second ledger opening the same
//! database (in another process, or in the same one) is refused with
//! [`StoreError::Locked`]. The lock dies with its process, so a killed writer never
//! leaves the store locked. Readers (SQL clients) need no lock.
//!
//! ## Schema (format 1)
//! Every decimal is stored as exact text (`"12.50"`); times are seconds since the Unix
//! epoch.
//! - `meta(key, value)`: `format` (`"1"`), `config` (the ledger configuration, JSON).
//! - `journal(seq, time, kind, sku, location, to_location, quantity, unit_cost, reference,
//!   quantity_change, value_change, cogs, entry, checksum)`: one row per movement, `seq` its
//!   journal sequence number from 0; `entry` is the whole [`JournalEntry`] as JSON (what the
//!   ledger reads back), the other columns repeat its fields for queries (`quantity_change`,
//!   `value_change`, `cogs`: its outcome). No index besides `seq`: each costs every
//!   commit (an index on `(sku, seq)` made batches 30 % slower); a host creates the ones
//!   its queries need (another connection may).
//! - `events(seq, type, first_movement, event, checksum)`: purchasing events, kit
//!   definitions, bundle postings and costing overrides ([`Event`], JSON), `seq` from 0.
//! - Every `checksum` is the FNV-1a 64 (hex) of the row's JSON text, checked when the
//!   ledger reads the row.
//! - `checkpoints(movements, events, checksum, data)`: the state after `movements`
//!   journal entries and `events` events (JSON); the two newest are kept.
//! - `positions(sku, location, condition, on_hand, reserved, value, seq)`: current
//!   positions, refreshed in the same transaction as every commit that moves them (`seq`:
//!   the journal length after that commit).
//!
//! A file that is not a ledger store, a damaged database (truncated, overwritten), a
//! checkpoint whose checksum does not match or a journal that does not replay is refused
//! with [`StoreError::Corrupt`] naming the problem.

use std::fs::File;
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use crate::durable::{Checkpoint, Commit, Event, JournalRow, JournalStore, StoreConfig, SyncMode};
use crate::error::{Result, StoreError};
use crate::ledger::{JournalEntry, Ledger, LedgerConfig};

/// The store format this build writes and reads.
pub const STORE_FORMAT: u32 = 1;

/// Checkpoints kept (the newest ones).
const CHECKPOINTS_KEPT: i64 = 2;

/// A ledger store in one SQLite database file. See the [module documentation](self).
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: String,
    /// The writer's lock, held while the store is open.
    _lock: File,
}

impl Ledger {
    /// Opens (or creates) the ledger stored in the SQLite database at `path`: see
    /// [`Ledger::open_store`] and the [`crate::store::sqlite`] module.
    ///
    /// # Errors
    /// [`StoreError::Locked`] when another ledger has it open, [`StoreError::Corrupt`] or
    /// [`StoreError::UnsupportedFormat`] for a file that is not a ledger store of this
    /// format or is damaged, [`StoreError::ConfigMismatch`], [`StoreError::Io`].
    pub fn open(path: impl AsRef<Path>, config: StoreConfig) -> Result<Ledger> {
        // A configuration that would be refused is refused before a file is created.
        if let Some(c) = &config.ledger {
            c.validate()?;
        }
        let p = path.as_ref().as_os_str();
        if p.is_empty() || p == ":memory:" {
            return Err(crate::error::LedgerError::InvalidInput {
                message: format!("{p:?} is not a file path (a store is a file)"),
            }
            .into());
        }
        let store = SqliteStore::open(path, config.sync)?;
        Ledger::open_store(Box::new(store), config)
    }
}

/// The checksum of a row's or a checkpoint's text: FNV-1a, 64 bits, in hex.
fn checksum(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

impl SqliteStore {
    /// Opens or creates the database at `path` (creating its tables), locked for writing.
    ///
    /// # Errors
    /// As [`Ledger::open`].
    pub fn open(path: impl AsRef<Path>, sync: SyncMode) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let io = |e: std::io::Error| StoreError::Io {
            message: format!("{name}: {e}"),
        };
        if path.as_os_str().is_empty() || path.as_os_str() == ":memory:" {
            return Err(StoreError::Io {
                message: format!("{name:?} is not a file path (a store is a file)"),
            });
        }
        // A file that is there must be a SQLite database: SQLite itself would take a file
        // shorter than its header for an empty database and overwrite it.
        match std::fs::File::open(path) {
            Ok(mut f) => {
                use std::io::Read;
                let mut header = Vec::with_capacity(16);
                (&mut f).take(16).read_to_end(&mut header).map_err(io)?;
                if !header.is_empty() && header != b"SQLite format 3\0" {
                    return Err(StoreError::Corrupt {
                        path: name,
                        message: "it is not a SQLite database (its first bytes are not a \
                                  SQLite header)"
                            .into(),
                    });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(e)),
        }
        let mut lock_path = path.as_os_str().to_owned();
        lock_path.push("-lock");
        let lock = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked { path: name });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let conn = Connection::open(path).map_err(|e| sql_error(&name, e))?;
        let mut store = SqliteStore {
            conn,
            path: name,
            _lock: lock,
        };
        store.init(sync)?;
        Ok(store)
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        sql_error(&self.path, e)
    }

    fn init(&mut self, sync: SyncMode) -> Result<(), StoreError> {
        let synchronous = match sync {
            SyncMode::Full => "FULL",
            SyncMode::Normal => "NORMAL",
            SyncMode::Off => "OFF",
        };
        // Reading the schema first: a file that is not a database fails here.
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Io {
                message: format!("{}: WAL mode is not available ({mode})", self.path),
            });
        }
        self.conn
            .execute_batch(&format!(
                "PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=5000; \
                 PRAGMA cache_size=-65536;"
            ))
            .map_err(|e| self.err(e))?;
        if tables == 0 {
            let tx = self.conn.transaction().map_err(|e| sql_error("", e))?;
            tx.execute_batch(
                "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
                 CREATE TABLE journal(
                    seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, kind TEXT NOT NULL,
                    sku TEXT NOT NULL, location TEXT, to_location TEXT, quantity TEXT,
                    unit_cost TEXT, reference TEXT, quantity_change TEXT NOT NULL,
                    value_change TEXT NOT NULL, cogs TEXT NOT NULL, entry TEXT NOT NULL,
                    checksum TEXT NOT NULL) STRICT;
                 CREATE TABLE events(
                    seq INTEGER PRIMARY KEY, type TEXT NOT NULL,
                    first_movement INTEGER NOT NULL, event TEXT NOT NULL,
                    checksum TEXT NOT NULL) STRICT;
                 CREATE TABLE checkpoints(
                    movements INTEGER PRIMARY KEY, events INTEGER NOT NULL,
                    checksum TEXT NOT NULL, data TEXT NOT NULL) STRICT;
                 CREATE TABLE positions(
                    sku TEXT NOT NULL, location TEXT NOT NULL, condition TEXT NOT NULL,
                    on_hand TEXT NOT NULL, reserved TEXT NOT NULL, value TEXT NOT NULL,
                    seq INTEGER NOT NULL, PRIMARY KEY(sku, location, condition)) STRICT;",
            )
            .map_err(|e| sql_error("", e))?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES('format', ?1)",
                params![STORE_FORMAT.to_string()],
            )
            .map_err(|e| sql_error("", e))?;
            tx.commit().map_err(|e| sql_error("", e))?;
        }
        let format: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'format'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.not_a_store(e))?;
        let Some(format) = format else {
            return Err(self.corrupt("it has no format (not a ledger store)".into()));
        };
        let found: u32 = format
            .parse()
            .map_err(|_| self.corrupt(format!("its format {format:?} is not a number")))?;
        if found != STORE_FORMAT {
            return Err(StoreError::UnsupportedFormat {
                path: self.path.clone(),
                found,
                supported: STORE_FORMAT,
            });
        }
        Ok(())
    }

    fn corrupt(&self, message: String) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            message,
        }
    }

    /// A query on the store's own tables failed: a database without them is not a store.
    fn not_a_store(&self, e: rusqlite::Error) -> StoreError {
        match &e {
            rusqlite::Error::SqliteFailure(_, Some(m)) if m.contains("no such table") => {
                self.corrupt(format!("it is not a ledger store ({m})"))
            }
            _ => self.err(e),
        }
    }

    /// The database path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A SQLite error as a store error: damage and non-databases are [`StoreError::Corrupt`],
/// the rest [`StoreError::Io`].
fn sql_error(path: &str, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode as C;
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        if matches!(f.code, C::DatabaseCorrupt | C::NotADatabase) {
            return StoreError::Corrupt {
                path: path.to_owned(),
                message: e.to_string(),
            };
        }
        // A read past the end of the file: the database is shorter than its pages say.
        if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHORT_READ {
            return StoreError::Corrupt {
                path: path.to_owned(),
                message: format!("it is truncated ({e})"),
            };
        }
    }
    StoreError::Io {
        message: if path.is_empty() {
            e.to_string()
        } else {
            format!("{path}: {e}")
        },
    }
}

impl JournalStore for SqliteStore {
    fn name(&self) -> String {
        self.path.clone()
    }

    fn config(&mut self) -> Result<Option<LedgerConfig>, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'config'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.not_a_store(e))?;
        text.map(|t| {
            serde_json::from_str(&t)
                .map_err(|e| self.corrupt(format!("its configuration does not parse: {e}")))
        })
        .transpose()
    }

    fn set_config(&mut self, config: &LedgerConfig) -> Result<(), StoreError> {
        let text = serde_json::to_string(config).unwrap_or_default();
        self.conn
            .execute(
                "INSERT INTO meta(key, value) VALUES('config', ?1)",
                params![text],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn append(&mut self, commit: &Commit) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| sql_error(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO journal(seq, time, kind, sku, location, to_location, quantity,
                        unit_cost, reference, quantity_change, value_change, cogs, entry,
                        checksum)
                     VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )
                .map_err(err)?;
            for (i, e) in commit.movements.iter().enumerate() {
                let r = JournalRow::of(e);
                let seq = commit.first_movement + i as u64;
                let text = serde_json::to_string(e).unwrap_or_default();
                let checksum = checksum(&text);
                insert
                    .execute(params![
                        seq as i64,
                        e.movement.time,
                        r.kind,
                        e.movement.sku(),
                        r.location,
                        r.to_location,
                        r.quantity.map(|d| d.to_string()),
                        r.unit_cost.map(|d| d.to_string()),
                        e.movement.reference,
                        e.outcome.quantity.to_string(),
                        e.outcome.value.to_string(),
                        e.outcome.cogs.to_string(),
                        text,
                        checksum,
                    ])
                    .map_err(err)?;
            }
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO events(seq, type, first_movement, event, checksum)
                     VALUES(?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(err)?;
            for (i, e) in commit.events.iter().enumerate() {
                let text = serde_json::to_string(e).unwrap_or_default();
                let checksum = checksum(&text);
                insert
                    .execute(params![
                        (commit.first_event + i as u64) as i64,
                        e.type_name(),
                        e.first_movement() as i64,
                        text,
                        checksum,
                    ])
                    .map_err(err)?;
            }
            let end = (commit.first_movement + commit.movements.len() as u64) as i64;
            let mut upsert = tx
                .prepare_cached(
                    "INSERT INTO positions(sku, location, condition, on_hand, reserved, value, seq)
                     VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT(sku, location, condition) DO UPDATE SET
                        on_hand = excluded.on_hand, reserved = excluded.reserved,
                        value = excluded.value, seq = excluded.seq",
                )
                .map_err(err)?;
            for p in &commit.positions {
                upsert
                    .execute(params![
                        p.sku,
                        p.location,
                        p.condition.as_str(),
                        p.on_hand.to_string(),
                        p.reserved.to_string(),
                        p.value.to_string(),
                        end,
                    ])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    fn counts(&mut self) -> Result<(u64, u64), StoreError> {
        let count = |s: &Self, table: &str| -> Result<u64, StoreError> {
            // Rows are numbered from 0 without gaps: the count is the largest number + 1
            // (read from the primary key's end, not by counting every row).
            let max: Option<i64> = s
                .conn
                .query_row(&format!("SELECT max(seq) FROM {table}"), [], |r| r.get(0))
                .map_err(|e| s.not_a_store(e))?;
            Ok(max.map_or(0, |m| m as u64 + 1))
        };
        Ok((count(self, "journal")?, count(self, "events")?))
    }

    fn movements(
        &mut self,
        from: u64,
        each: &mut dyn FnMut(JournalEntry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let mut stmt = self
            .conn
            .prepare("SELECT seq, entry, checksum FROM journal WHERE seq >= ?1 ORDER BY seq")
            .map_err(|e| sql_error(&path, e))?;
        let mut rows = stmt
            .query(params![from as i64])
            .map_err(|e| sql_error(&path, e))?;
        let mut expected = from;
        while let Some(row) = rows.next().map_err(|e| sql_error(&path, e))? {
            let seq: i64 = row.get(0).map_err(|e| sql_error(&path, e))?;
            if seq != expected as i64 {
                return Err(StoreError::Corrupt {
                    path,
                    message: format!("journal entry {expected} is missing (found {seq})"),
                });
            }
            let text = row.get_ref(1).map_err(|e| sql_error(&path, e))?;
            let text = text.as_str().map_err(|e| StoreError::Corrupt {
                path: path.clone(),
                message: format!("journal entry {seq}: {e}"),
            })?;
            let sum = row.get_ref(2).map_err(|e| sql_error(&path, e))?;
            if sum.as_str().ok() != Some(checksum(text).as_str()) {
                return Err(StoreError::Corrupt {
                    path,
                    message: format!("journal entry {seq} fails its checksum"),
                });
            }
            let entry: JournalEntry =
                crate::ledger::wire::parse_entry(text).map_err(|e| StoreError::Corrupt {
                    path: path.clone(),
                    message: format!("journal entry {seq} does not parse: {e}"),
                })?;
            each(entry)?;
            expected += 1;
        }
        Ok(())
    }

    fn events(&mut self, from: u64) -> Result<Vec<Event>, StoreError> {
        let path = self.path.clone();
        let mut stmt = self
            .conn
            .prepare("SELECT seq, event, checksum FROM events WHERE seq >= ?1 ORDER BY seq")
            .map_err(|e| sql_error(&path, e))?;
        let rows = stmt
            .query_map(params![from as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| sql_error(&path, e))?;
        let mut out = Vec::new();
        for (i, row) in rows.enumerate() {
            let (seq, text, sum) = row.map_err(|e| sql_error(&path, e))?;
            if sum != checksum(&text) {
                return Err(StoreError::Corrupt {
                    path,
                    message: format!("event {seq} fails its checksum"),
                });
            }
            if seq != (from + i as u64) as i64 {
                return Err(StoreError::Corrupt {
                    path,
                    message: format!("event {} is missing (found {seq})", from + i as u64),
                });
            }
            out.push(
                serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                    path: path.clone(),
                    message: format!("event {seq} does not parse: {e}"),
                })?,
            );
        }
        Ok(out)
    }

    fn latest_checkpoint(&mut self) -> Result<Option<Checkpoint>, StoreError> {
        let row: Option<(i64, i64, String, String)> = self
            .conn
            .query_row(
                "SELECT movements, events, checksum, data FROM checkpoints
                 ORDER BY movements DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| self.not_a_store(e))?;
        let Some((movements, events, sum, data)) = row else {
            return Ok(None);
        };
        if checksum(&data) != sum || movements < 0 || events < 0 {
            return Err(self.corrupt(format!(
                "its checkpoint at {movements} movements fails its checksum"
            )));
        }
        Ok(Some(Checkpoint {
            movements: movements as u64,
            events: events as u64,
            data,
        }))
    }

    fn write_checkpoint(&mut self, checkpoint: &Checkpoint) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| sql_error(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "INSERT OR REPLACE INTO checkpoints(movements, events, checksum, data)
             VALUES(?1, ?2, ?3, ?4)",
            params![
                checkpoint.movements as i64,
                checkpoint.events as i64,
                checksum(&checkpoint.data),
                checkpoint.data
            ],
        )
        .map_err(err)?;
        tx.execute(
            "DELETE FROM checkpoints WHERE movements NOT IN
                (SELECT movements FROM checkpoints ORDER BY movements DESC LIMIT ?1)",
            params![CHECKPOINTS_KEPT],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }
}
