//! Kits and bundles: the builder of a bill of material's components, the posting of kit
//! definitions to a ledger, and the queries on them (the core's `kits` module; its
//! documentation has the rules).
//!
//! A kit is a SKU with a bill of material: components (plain SKUs or other kits) with a
//! quantity per kit, from an effective time on. An **assembled** kit (`INV_KIT_ASSEMBLED`)
//! is built ahead into stock of its own; a **virtual** bundle (`INV_KIT_VIRTUAL`) has no
//! stock, and selling one moves its components. `inv_ledger_define_kit` journals a
//! definition (idempotent by reference, in the snapshot); a new definition of the same kit
//! is a new version from its own effective time on.
//!
//! The components are given with an opaque builder (`inv_kit_components`: `_new`, `_add`,
//! `_free`), which only collects and converts (a bad decimal string is refused at once with
//! `INV_INVALID_DECIMAL`); the core checks the whole definition when it is posted.
//!
//! The queries read the definitions in force at a time: `inv_ledger_buildable` and
//! `inv_ledger_sellable` write an `inv_buildable` handle (the whole kits the available stock
//! can make, and the SKUs that limit them, read with `_len` / `_get`);
//! `inv_ledger_buildable_all`, `inv_ledger_buildable_many`, `inv_ledger_sellable_all` and
//! `inv_ledger_sellable_many` answer the same for every kit, or for a list of kits, in one
//! batch, into an `inv_buildables` handle (`_len`, `_get`, `_limiting_get`);
//! `inv_ledger_kit_cost` the cost roll-up as decimal text, `inv_ledger_explode_kit` an
//! `inv_kit_explosion` handle (the components a quantity of kits consumes), and
//! `inv_ledger_kit_definition_json` / `inv_ledger_kit_records_json` the definitions as the
//! core's JSON.
//!
//! The postings: `inv_ledger_assemble` and `inv_ledger_disassemble` build an assembled kit
//! from its components and take it apart, with exact costing; `inv_ledger_reserve_bundle`,
//! `inv_ledger_release_bundle`, `inv_ledger_ship_bundle` and `inv_ledger_return_bundle`
//! move every component of a virtual bundle in one atomic posting, recorded
//! (`inv_ledger_bundle_records_json`). Each writes an `inv_kit_movement_outcome`; its stock
//! movements are journal entries read with `inv_ledger_journal_outcome`, as a purchasing
//! event's are. Each is idempotent by reference and changes nothing when it fails.
//!
//! Demand: `inv_ledger_bundle_demand_history` (a bundle's own) and
//! `inv_ledger_exploded_demand_history` (the true pull on a component, kits sold included)
//! return the `inv_demand_history` of `inv_ledger_demand_history`.
//! `inv_ledger_bundle_candidates` writes an `inv_bundle_candidates` handle: the item pairs
//! and triples bought together, read with `_summary`, `_pairs_len` / `_pair_get` and
//! `_triples_len` / `_triple_get`.

use std::ffi::c_char;

use inventory_core::kits::{
    Buildable, BundleCandidates, Component, ItemSet, KitDefinition, KitKind, KitMovementOutcome,
    KitOutcome,
};
use inventory_core::{DemandHistory, Ledger, Period};

use crate::error::{inv_result, INV_PANIC};
use crate::ffi::{
    bad_enum, call, check_out, decimal_field, free_box, guard, opt_value, period_from_c, row_at,
    to_boxed_mut_ptr, to_c_string, try_decimal, try_mut_from_ptr, try_opt_decimal, try_opt_str,
    try_ref_from_ptr, try_slice, try_str, write_out, write_str_buf, CStrings, Castable, Failure,
    FfiResult,
};
use crate::ledger::inv_ledger;
use crate::query::inv_demand_history;
use crate::{inv_period, INV_DECIMAL_LEN};

/// The kind of a kit (one of the `INV_KIT_*` values).
pub type inv_kit_kind = u32;
/// Built ahead into stock of its own (its own positions and cost layers).
pub const INV_KIT_ASSEMBLED: inv_kit_kind = 0;
/// A bundle without stock of its own: selling one moves its components.
pub const INV_KIT_VIRTUAL: inv_kit_kind = 1;

/// `inv_kit_kind` → core kind.
fn kit_kind_from_c(value: inv_kit_kind, name: &str) -> FfiResult<KitKind> {
    match value {
        INV_KIT_ASSEMBLED => Ok(KitKind::Assembled),
        INV_KIT_VIRTUAL => Ok(KitKind::Virtual),
        v => Err(bad_enum(name, v, "INV_KIT_ASSEMBLED, INV_KIT_VIRTUAL")),
    }
}

// ---------------------------------------------------------------------------------------
// The components builder
// ---------------------------------------------------------------------------------------

/// The components of a kit definition (opaque builder), for `inv_ledger_define_kit`.
/// Create with `inv_kit_components_new`, fill with `inv_kit_components_add`, release with
/// `inv_kit_components_free`.
pub struct inv_kit_components {
    _private: [u8; 0],
}

impl Castable for inv_kit_components {
    type RustType = Vec<Component>;
}

/// Creates an empty list of components into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `out` NULL or a writable `inv_kit_components *`.
#[no_mangle]
pub unsafe extern "C" fn inv_kit_components_new(out: *mut *mut inv_kit_components) -> inv_result {
    call(|| {
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_kit_components>(Vec::new())) };
        Ok(())
    })
}

/// Adds a component: `quantity` (decimal text; decimals allowed, `"0.5"` m of ribbon) units
/// of `sku` (a plain SKU or another kit) per kit, after the components added before. The
/// SKU and the quantity are checked when the definition is posted.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`; the builder is
/// unchanged then.
///
/// # Safety
/// `components` NULL or a live builder; strings NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn inv_kit_components_add(
    components: *mut inv_kit_components,
    sku: *const c_char,
    quantity: *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (v, sku, quantity) = unsafe {
            (
                try_mut_from_ptr(components, "components")?,
                try_str(sku, "sku")?,
                try_decimal(quantity, "quantity")?,
            )
        };
        v.push(Component::new(sku, quantity));
        Ok(())
    })
}

/// Releases a list of components. NULL is a no-op.
///
/// # Safety
/// `components` NULL or a live builder, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_kit_components_free(components: *mut inv_kit_components) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(components) })
}

// ---------------------------------------------------------------------------------------
// Posting a definition
// ---------------------------------------------------------------------------------------

/// What posting a kit definition did.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_kit_outcome {
    /// The definition's number among the ledger's kit definitions (0-based), as
    /// `inv_ledger_kit_records_json` lists them.
    pub sequence: u64,
    /// True when the reference had been posted with the same definition: nothing changed
    /// and the first outcome is returned.
    pub duplicate: bool,
}

impl From<&KitOutcome> for inv_kit_outcome {
    fn from(o: &KitOutcome) -> Self {
        inv_kit_outcome {
            sequence: o.sequence,
            duplicate: o.duplicate,
        }
    }
}

/// Defines kit `kit` of `kind`, or a new version of it, from `effective` (seconds since the
/// epoch, UTC) on, with the builder's `components` (copied; the caller still frees it), and
/// writes the outcome to `out` (nullable). A component must be a kit or a SKU the ledger
/// knows (one with movements, or one a supplier sells). With a `reference` (nullable)
/// already posted, the same definition is a no-op returning the first outcome with
/// `duplicate` set.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_ENUM` (`kind`),
/// `INV_INVALID_INPUT` (an empty kit SKU or reference, no components, a component listed
/// twice or naming the kit itself, a quantity ≤ 0 or above 10^9, a cycle through other
/// kits at any time (the message names the path, from `kit` back to it), kits nested
/// deeper than 64 levels, an effective time out of range), `INV_UNKNOWN_SKU` (a component
/// that is neither a known SKU nor a kit), `INV_OUT_OF_ORDER` (effective before the kit's
/// latest definition), `INV_DUPLICATE_REFERENCE` (the reference was posted with another
/// definition). The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; `components` NULL or a live builder; strings NULL or
/// NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_define_kit(
    ledger: *mut inv_ledger,
    kit: *const c_char,
    kind: inv_kit_kind,
    components: *const inv_kit_components,
    effective: i64,
    reference: *const c_char,
    out: *mut inv_kit_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, kit, components, reference) = unsafe {
            (
                try_mut_from_ptr(ledger, "ledger")?,
                try_str(kit, "kit")?,
                try_ref_from_ptr(components, "components")?,
                try_opt_str(reference, "reference")?,
            )
        };
        let kind = kit_kind_from_c(kind, "kind")?;
        let definition = KitDefinition::new(kit, kind, components.clone(), effective);
        let outcome = l.define_kit(definition, reference.map(str::to_owned))?;
        // SAFETY: `out` is NULL or writable by the contract.
        unsafe { write_out(out, inv_kit_outcome::from(&outcome)) };
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------
// Definitions as JSON
// ---------------------------------------------------------------------------------------

/// JSON text (the core's serialization of `what`) into `*out` (checked non-NULL).
///
/// # Safety
/// `out` NULL or a writable `char *`.
unsafe fn json_out(
    json: serde_json::Result<String>,
    what: &str,
    out: *mut *mut c_char,
) -> FfiResult<()> {
    check_out(out, "out")?;
    let json = json.map_err(|e| Failure::new(INV_PANIC, format!("serializing {what}: {e}")))?;
    let s = to_c_string(json, what)?;
    // SAFETY: `out` is non-NULL and writable by the contract.
    unsafe { write_out(out, s.into_raw()) };
    Ok(())
}

/// The definition of `kit` in force at `*time` (nullable pointer: NULL gives its latest
/// version) as the core's `KitDefinition` JSON into a new string at `*out`, freed with
/// `inv_string_free`: `{"kit":"GIFT","kind":"virtual","components":[{"sku":"MUG",
/// "quantity":"1"},...],"effective":0}` (quantities as decimal strings, `effective` in
/// seconds since the epoch). When `kit` is not a kit (at that time), `*out` is set to NULL
/// and `INV_OK` is returned.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `kit` NULL or NUL-terminated; `time` NULL or a readable
/// `int64_t`; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_kit_definition_json(
    ledger: *const inv_ledger,
    kit: *const c_char,
    time: *const i64,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, kit, time) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(kit, "kit")?,
                opt_value(time),
            )
        };
        match l.kit_definition(kit, time) {
            // SAFETY: forwarded contract.
            Some(definition) => unsafe {
                json_out(serde_json::to_string(definition), "the kit definition", out)
            },
            None => {
                check_out(out, "out")?;
                // SAFETY: `out` is non-NULL and writable by the contract.
                unsafe { write_out(out, std::ptr::null_mut()) };
                Ok(())
            }
        }
    })
}

/// Every kit definition, in the order they were posted, as a JSON array into a new string
/// at `*out` (freed with `inv_string_free`): per definition its `"sequence"`,
/// `"first_movement"` (the number of stock movements journaled before it), `"reference"`
/// (absent without one) and `"definition"` (as `inv_ledger_kit_definition_json` writes
/// it).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_kit_records_json(
    ledger: *const inv_ledger,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        unsafe {
            json_out(
                serde_json::to_string(l.kit_records()),
                "the kit records",
                out,
            )
        }
    })
}

// ---------------------------------------------------------------------------------------
// Buildable and sellable quantities
// ---------------------------------------------------------------------------------------

/// How many kits can be built (or sold), and the SKUs that limit them (opaque), from
/// `inv_ledger_buildable` or `inv_ledger_sellable`; release with `inv_buildable_free`.
pub struct inv_buildable {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_buildable`: the summary, the limiting SKUs, and the
/// strings they point to.
#[derive(Debug)]
pub(crate) struct BuildableHandle {
    info: inv_buildable_info,
    limiting: Vec<*const c_char>,
    _strings: CStrings,
}

impl Castable for inv_buildable {
    type RustType = BuildableHandle;
}

/// The summary of an `inv_buildable`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_buildable_info {
    /// The kit. Owned by the `inv_buildable`: valid until it is freed.
    pub kit: *const c_char,
    /// Whole kits, as NUL-terminated decimal text (for `inv_ledger_sellable` of an
    /// assembled kit, its own available stock included).
    pub quantity: [c_char; INV_DECIMAL_LEN],
    /// How many limiting SKUs there are (`inv_buildable_limiting_get`).
    pub limiting_len: usize,
}

impl BuildableHandle {
    fn new(b: &Buildable) -> FfiResult<Self> {
        let mut strings = CStrings::default();
        let kit = strings.add(&b.kit, "the kit")?;
        let limiting = b
            .limiting
            .iter()
            .map(|sku| strings.add(sku, "a limiting SKU"))
            .collect::<FfiResult<Vec<_>>>()?;
        Ok(BuildableHandle {
            info: inv_buildable_info {
                kit,
                quantity: decimal_field(b.quantity),
                limiting_len: limiting.len(),
            },
            limiting,
            _strings: strings,
        })
    }
}

/// A buildable handle into `*out` from `query` on the ledger.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
unsafe fn buildable_out(
    ledger: *const inv_ledger,
    kit: *const c_char,
    location: *const c_char,
    out: *mut *mut inv_buildable,
    query: impl FnOnce(&Ledger, &str, Option<&str>) -> inventory_core::Result<Buildable>,
) -> FfiResult<()> {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    let (l, kit, location) = unsafe {
        (
            try_ref_from_ptr(ledger, "ledger")?,
            try_str(kit, "kit")?,
            try_opt_str(location, "location")?,
        )
    };
    check_out(out, "out")?;
    let handle = BuildableHandle::new(&query(l, kit, location)?)?;
    // SAFETY: `out` is non-NULL and writable by the contract.
    unsafe { write_out(out, to_boxed_mut_ptr::<inv_buildable>(handle)) };
    Ok(())
}

/// The whole kits of `kit` that can be built at `location` (NULL: all locations, as if
/// their stock were pooled) from the available stock (on hand less reserved), with the
/// definitions in force at `time`, into a new handle at `*out`: an assembled component's
/// own stock is used first, then it is built from its components; two kits sharing a
/// component are not both promised its units. The limiting SKUs are the plain SKUs one
/// more kit would run short of.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_UNKNOWN_SKU` (`kit` is not a kit
/// at `time`), `INV_OVERFLOW`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_buildable *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_buildable(
    ledger: *const inv_ledger,
    kit: *const c_char,
    location: *const c_char,
    time: i64,
    out: *mut *mut inv_buildable,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        buildable_out(ledger, kit, location, out, |l, kit, location| {
            l.buildable(kit, location, time)
        })
    })
}

/// What can be sold of `kit` at `location` (NULL: all) at `time`, into a new handle at
/// `*out`: for an assembled kit its own available stock (whole units) plus what
/// `inv_ledger_buildable` gives, for a virtual bundle what can be built.
///
/// Errors: as `inv_ledger_buildable`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_buildable *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_sellable(
    ledger: *const inv_ledger,
    kit: *const c_char,
    location: *const c_char,
    time: i64,
    out: *mut *mut inv_buildable,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        buildable_out(ledger, kit, location, out, |l, kit, location| {
            l.sellable(kit, location, time)
        })
    })
}

/// The summary of a buildable result into `*out`. `out->kit` points into the handle and is
/// valid until `inv_buildable_free`.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `buildable` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_buildable_summary(
    buildable: *const inv_buildable,
    out: *mut inv_buildable_info,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(buildable, "buildable") }?;
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, h.info) };
        Ok(())
    })
}

/// The number of limiting SKUs (0 for NULL).
///
/// # Safety
/// `buildable` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_buildable_limiting_len(buildable: *const inv_buildable) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(buildable, "buildable") }.map_or(0, |h| h.limiting.len())
    })
}

/// Limiting SKU `index` (sorted) into `*out` (owned by the handle: valid until it is
/// freed).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `buildable` NULL or a live handle; `out` NULL or a writable `const char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_buildable_limiting_get(
    buildable: *const inv_buildable,
    index: usize,
    out: *mut *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(buildable, "buildable") }?;
        check_out(out, "out")?;
        let sku = row_at(&h.limiting, index, "limiting SKU")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, sku) };
        Ok(())
    })
}

/// Releases a buildable result (and the strings it owns). NULL is a no-op.
///
/// # Safety
/// `buildable` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_buildable_free(buildable: *mut inv_buildable) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(buildable) })
}

// ---------------------------------------------------------------------------------------
// Buildable and sellable quantities of many kits (one batch)
// ---------------------------------------------------------------------------------------

/// The buildable (or sellable) quantities of many kits (opaque), from
/// `inv_ledger_buildable_all`, `inv_ledger_buildable_many`, `inv_ledger_sellable_all` or
/// `inv_ledger_sellable_many`: one `inv_buildable_info` per kit (`inv_buildables_get`), and
/// each kit's limiting SKUs (`inv_buildables_limiting_get`); release with
/// `inv_buildables_free`.
pub struct inv_buildables {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_buildables`: a summary per kit, the limiting SKUs of all
/// kits end to end (kit `i`'s from `first[i]`), and the strings they point to.
#[derive(Debug)]
pub(crate) struct BuildablesHandle {
    rows: Vec<inv_buildable_info>,
    limiting: Vec<*const c_char>,
    first: Vec<usize>,
    _strings: CStrings,
}

impl Castable for inv_buildables {
    type RustType = BuildablesHandle;
}

impl BuildablesHandle {
    fn new(all: &[Buildable]) -> FfiResult<Self> {
        let mut strings = CStrings::default();
        let mut rows = Vec::with_capacity(all.len());
        let mut limiting = Vec::new();
        let mut first = Vec::with_capacity(all.len());
        for b in all {
            first.push(limiting.len());
            for sku in &b.limiting {
                limiting.push(strings.add(sku, "a limiting SKU")?);
            }
            rows.push(inv_buildable_info {
                kit: strings.add(&b.kit, "a kit")?,
                quantity: decimal_field(b.quantity),
                limiting_len: b.limiting.len(),
            });
        }
        Ok(BuildablesHandle {
            rows,
            limiting,
            first,
            _strings: strings,
        })
    }
}

/// A batch into a new `inv_buildables` at `*out`: `kits` (`kits_len` kit names; NULL with
/// length 0) or, with `every`, every kit in force.
///
/// # Safety
/// `ledger` NULL or a live handle; `kits` NULL (only with `kits_len` 0) or valid for
/// `kits_len` pointers, each NULL or NUL-terminated; `location` NULL or NUL-terminated;
/// `out` NULL or writable.
unsafe fn buildables_out(
    ledger: *const inv_ledger,
    kits: Option<(*const *const c_char, usize)>,
    location: *const c_char,
    out: *mut *mut inv_buildables,
    query: impl FnOnce(&Ledger, Option<&[&str]>, Option<&str>) -> inventory_core::Result<Vec<Buildable>>,
) -> FfiResult<()> {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    let (l, location) = unsafe {
        (
            try_ref_from_ptr(ledger, "ledger")?,
            try_opt_str(location, "location")?,
        )
    };
    let kits = match kits {
        None => None,
        Some((ptr, len)) => {
            // SAFETY: forwarded contract.
            let ptrs = unsafe { try_slice(ptr, len, "kits") }?;
            let names = ptrs
                .iter()
                .enumerate()
                // SAFETY: each pointer NULL or NUL-terminated by the contract.
                .map(|(i, &k)| unsafe { try_str(k, &format!("kits[{i}]")) })
                .collect::<FfiResult<Vec<&str>>>()?;
            Some(names)
        }
    };
    check_out(out, "out")?;
    let handle = BuildablesHandle::new(&query(l, kits.as_deref(), location)?)?;
    // SAFETY: `out` is non-NULL and writable by the contract.
    unsafe { write_out(out, to_boxed_mut_ptr::<inv_buildables>(handle)) };
    Ok(())
}

/// `inv_ledger_buildable` of every kit with a definition in force at `time`, sorted by kit,
/// at `location` (NULL: all locations pooled), into a new handle at `*out`: the same
/// answers, kit for kit, in one batch that reads each component's stock once (the ledger
/// keeps what the batch planned for the next ones, while the definitions, SKUs and
/// positions are the same).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_OVERFLOW` (the first kit's error,
/// as `inv_ledger_buildable` of each in turn would give), `INV_INVALID_INPUT` (a kit nested
/// too deep), `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `location` NULL or NUL-terminated; `out` NULL or a
/// writable `inv_buildables *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_buildable_all(
    ledger: *const inv_ledger,
    location: *const c_char,
    time: i64,
    out: *mut *mut inv_buildables,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        buildables_out(ledger, None, location, out, |l, _, location| {
            l.buildable_all(location, time)
        })
    })
}

/// `inv_ledger_buildable` of each of the `kits_len` names of `kits` (repeats allowed), in
/// their order, at `location` (NULL: all pooled), into a new handle at `*out`, in one batch
/// as `inv_ledger_buildable_all`.
///
/// Errors: `INV_NULL_ARGUMENT` (`kits` NULL with a length, or one of its names),
/// `INV_INVALID_UTF8`, `INV_UNKNOWN_SKU` (a name that is not a kit at `time`), and the
/// errors of `inv_ledger_buildable_all`: the first kit's error, as `inv_ledger_buildable`
/// of each in turn would give.
///
/// # Safety
/// `ledger` NULL or a live handle; `kits` NULL (only with `kits_len` 0) or valid for
/// `kits_len` pointers, each NULL or NUL-terminated; `location` NULL or NUL-terminated;
/// `out` NULL or a writable `inv_buildables *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_buildable_many(
    ledger: *const inv_ledger,
    kits: *const *const c_char,
    kits_len: usize,
    location: *const c_char,
    time: i64,
    out: *mut *mut inv_buildables,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        buildables_out(
            ledger,
            Some((kits, kits_len)),
            location,
            out,
            |l, kits, location| l.buildable_many(kits.unwrap_or_default(), location, time),
        )
    })
}

/// `inv_ledger_sellable` of every kit with a definition in force at `time`, sorted by kit,
/// at `location` (NULL: all), into a new handle at `*out`, in one batch as
/// `inv_ledger_buildable_all`.
///
/// Errors: as `inv_ledger_buildable_all`.
///
/// # Safety
/// As `inv_ledger_buildable_all`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_sellable_all(
    ledger: *const inv_ledger,
    location: *const c_char,
    time: i64,
    out: *mut *mut inv_buildables,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        buildables_out(ledger, None, location, out, |l, _, location| {
            l.sellable_all(location, time)
        })
    })
}

/// `inv_ledger_sellable` of each of the `kits_len` names of `kits`, in their order, at
/// `location` (NULL: all), into a new handle at `*out`, in one batch as
/// `inv_ledger_buildable_many`.
///
/// Errors: as `inv_ledger_buildable_many`.
///
/// # Safety
/// As `inv_ledger_buildable_many`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_sellable_many(
    ledger: *const inv_ledger,
    kits: *const *const c_char,
    kits_len: usize,
    location: *const c_char,
    time: i64,
    out: *mut *mut inv_buildables,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        buildables_out(
            ledger,
            Some((kits, kits_len)),
            location,
            out,
            |l, kits, location| l.sellable_many(kits.unwrap_or_default(), location, time),
        )
    })
}

/// The number of kits answered (0 for NULL).
///
/// # Safety
/// `buildables` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_buildables_len(buildables: *const inv_buildables) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(buildables, "buildables") }.map_or(0, |h| h.rows.len())
    })
}

/// The summary of kit `index` (in the order asked, or sorted by kit for the `_all`
/// functions) into `*out`. `out->kit` points into the handle and is valid until
/// `inv_buildables_free`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `buildables` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_buildables_get(
    buildables: *const inv_buildables,
    index: usize,
    out: *mut inv_buildable_info,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(buildables, "buildables") }?;
        check_out(out, "out")?;
        let row = row_at(&h.rows, index, "kit")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

/// Limiting SKU `limiting_index` (sorted; fewer than the kit's `limiting_len`) of kit
/// `index` into `*out` (owned by the handle: valid until it is freed).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE` (either index).
///
/// # Safety
/// `buildables` NULL or a live handle; `out` NULL or a writable `const char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_buildables_limiting_get(
    buildables: *const inv_buildables,
    index: usize,
    limiting_index: usize,
    out: *mut *const c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(buildables, "buildables") }?;
        check_out(out, "out")?;
        let row = row_at(&h.rows, index, "kit")?;
        let first = h.first[index];
        let skus = &h.limiting[first..first + row.limiting_len];
        let sku = row_at(skus, limiting_index, "limiting SKU")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, sku) };
        Ok(())
    })
}

/// Releases a batch's results (and the strings they own). NULL is a no-op.
///
/// # Safety
/// `buildables` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_buildables_free(buildables: *mut inv_buildables) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(buildables) })
}

// ---------------------------------------------------------------------------------------
// Cost roll-up
// ---------------------------------------------------------------------------------------

/// Writes the cost of one `kit` as decimal text into `buf` of `len` bytes
/// (`INV_DECIMAL_LEN` always suffices): rolled up from its components' current unit costs
/// (stock value ÷ units) at `location` (NULL: all), with the definitions in force at
/// `time`; an assembled component in stock is taken at its own unit cost, any other kit is
/// rolled up. Exact, not rounded (round it to the money scale where it is shown). If it
/// does not fit, nothing is written.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_UNKNOWN_SKU` (`kit` is not a kit
/// at `time`), `INV_INVALID_INPUT` (a component without stock to value it by, named in the
/// message), `INV_OVERFLOW`, `INV_BUFFER_TOO_SMALL`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `buf` NULL or valid for
/// `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_kit_cost(
    ledger: *const inv_ledger,
    kit: *const c_char,
    location: *const c_char,
    time: i64,
    buf: *mut c_char,
    len: usize,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, kit, location) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(kit, "kit")?,
                try_opt_str(location, "location")?,
            )
        };
        crate::ffi::check_buf(buf, "buf")?;
        let cost = l.kit_cost(kit, location, time)?;
        // SAFETY: forwarded contract.
        unsafe { write_str_buf(buf, len, &cost.to_string()) }
    })
}

// ---------------------------------------------------------------------------------------
// Explosion
// ---------------------------------------------------------------------------------------

/// The components a quantity of kits consumes (opaque), from `inv_ledger_explode_kit`;
/// release with `inv_kit_explosion_free`.
pub struct inv_kit_explosion {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_kit_explosion`: the rows and the strings they point to.
#[derive(Debug)]
pub(crate) struct ExplosionHandle {
    rows: Vec<inv_kit_component>,
    _strings: CStrings,
}

impl Castable for inv_kit_explosion {
    type RustType = ExplosionHandle;
}

/// A SKU and a quantity of it (a row of an `inv_kit_explosion`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_kit_component {
    /// The SKU. Owned by the handle: valid until it is freed.
    pub sku: *const c_char,
    /// Units of it, as NUL-terminated decimal text.
    pub quantity: [c_char; INV_DECIMAL_LEN],
}

/// The components `quantity` (decimal text, ≥ 0) kits of `kit` consume at `time`, summed
/// by SKU and sorted by SKU, into a new handle at `*out`: through virtual components down
/// to what has stock (plain SKUs and assembled kits), or with `to_leaves` down to the SKUs
/// that are not kits (the view of demand).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`,
/// `INV_INVALID_INPUT` (a negative quantity), `INV_UNKNOWN_SKU` (`kit` is not a kit at
/// `time`), `INV_OVERFLOW`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_kit_explosion *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_explode_kit(
    ledger: *const inv_ledger,
    kit: *const c_char,
    quantity: *const c_char,
    time: i64,
    to_leaves: bool,
    out: *mut *mut inv_kit_explosion,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (l, kit, quantity) = unsafe {
            (
                try_ref_from_ptr(ledger, "ledger")?,
                try_str(kit, "kit")?,
                try_decimal(quantity, "quantity")?,
            )
        };
        check_out(out, "out")?;
        let lines = l
            .kit_book()
            .explode(kit, quantity, time, to_leaves)
            .map_err(inventory_core::Error::from)?;
        let mut strings = CStrings::default();
        let rows = lines
            .iter()
            .map(|(sku, q)| {
                Ok(inv_kit_component {
                    sku: strings.add(sku, "a component SKU")?,
                    quantity: decimal_field(*q),
                })
            })
            .collect::<FfiResult<Vec<_>>>()?;
        let handle = ExplosionHandle {
            rows,
            _strings: strings,
        };
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_kit_explosion>(handle)) };
        Ok(())
    })
}

/// The number of rows (0 for NULL).
///
/// # Safety
/// `explosion` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_kit_explosion_len(explosion: *const inv_kit_explosion) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(explosion, "explosion") }.map_or(0, |h| h.rows.len())
    })
}

/// Row `index` into `*out`. `out->sku` points into the handle and is valid until
/// `inv_kit_explosion_free`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `explosion` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_kit_explosion_get(
    explosion: *const inv_kit_explosion,
    index: usize,
    out: *mut inv_kit_component,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(explosion, "explosion") }?;
        check_out(out, "out")?;
        let row = row_at(&h.rows, index, "component")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

/// Releases an explosion (and the strings it owns). NULL is a no-op.
///
/// # Safety
/// `explosion` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_kit_explosion_free(explosion: *mut inv_kit_explosion) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(explosion) })
}

// ---------------------------------------------------------------------------------------
// Assembly, disassembly and bundle postings
// ---------------------------------------------------------------------------------------

/// What an assembly, a disassembly or a bundle posting did.
///
/// Its stock movements are the journal entries `first_movement .. first_movement +
/// movements`; read each one's `inv_outcome` with `inv_ledger_journal_outcome` (as for an
/// `inv_purchase_outcome`): an assembly's components consumed then the kit's units, a
/// disassembly's kit units then its components, a bundle posting's components, each in the
/// order of the definition.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_kit_movement_outcome {
    /// The journal sequence number of its first movement.
    pub first_movement: u64,
    /// How many stock movements it posted. For a duplicate assembly or disassembly, 1: the
    /// kit's movement, the one that carries the reference.
    pub movements: usize,
    /// The value that moved, as NUL-terminated decimal text: the cost consumed (+ the extra
    /// cost of an assembly); for a bundle shipment its COGS, the sum of its components'.
    pub value: [c_char; INV_DECIMAL_LEN],
    /// True when the reference had been posted with the same operation: nothing was applied
    /// and the first outcome is returned.
    pub duplicate: bool,
}

impl From<&KitMovementOutcome> for inv_kit_movement_outcome {
    fn from(o: &KitMovementOutcome) -> Self {
        inv_kit_movement_outcome {
            first_movement: o.first_movement,
            movements: o.movements.len(),
            value: decimal_field(o.value),
            duplicate: o.duplicate,
        }
    }
}

/// Runs a kit posting on the ledger and writes its outcome to `out` (nullable).
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or writable.
unsafe fn post_kit(
    ledger: *mut inv_ledger,
    out: *mut inv_kit_movement_outcome,
    post: impl FnOnce(&mut Ledger) -> FfiResult<KitMovementOutcome>,
) -> FfiResult<()> {
    // SAFETY: forwarded contract.
    let l = unsafe { try_mut_from_ptr(ledger, "ledger") }?;
    let outcome = post(l)?;
    // SAFETY: `out` is NULL or writable by the contract.
    unsafe { write_out(out, inv_kit_movement_outcome::from(&outcome)) };
    Ok(())
}

/// Assembles `quantity` (decimal text, > 0) units of the assembled kit `kit` at `location`
/// in one transaction, and writes the outcome to `out` (nullable): its components, as
/// defined at `time` (through virtual sub-bundles; an assembled sub-kit is taken from its
/// own stock), leave the location's available stock (on hand less reserved, whatever the
/// ledger's negative-stock setting) through their costing methods, as adjustments with
/// reason `"assembly"` (no COGS), and the kit's units arrive at exactly the cost consumed +
/// `extra_cost` (nullable decimal text, ≥ 0: labour, packaging). The kit's movement carries
/// `reference` (nullable): the same assembly posted again returns its outcome with
/// `duplicate` set.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`,
/// `INV_UNKNOWN_SKU` (`kit` is not a kit at `time`), `INV_INVALID_INPUT` (a virtual bundle,
/// a quantity ≤ 0, a negative extra cost, an empty reference), `INV_INSUFFICIENT_STOCK`
/// (the message names the first component short of available units),
/// `INV_DUPLICATE_REFERENCE` (`reference` was posted with another operation),
/// `INV_OVERFLOW`. The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_assemble(
    ledger: *mut inv_ledger,
    kit: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    extra_cost: *const c_char,
    reference: *const c_char,
    out: *mut inv_kit_movement_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (kit, location, quantity, extra_cost, reference) = unsafe {
            (
                try_str(kit, "kit")?,
                try_str(location, "location")?,
                try_decimal(quantity, "quantity")?,
                try_opt_decimal(extra_cost, "extra_cost")?,
                try_opt_str(reference, "reference")?,
            )
        };
        let reference = reference.map(str::to_owned);
        // SAFETY: forwarded contract.
        unsafe {
            post_kit(ledger, out, |l| {
                Ok(l.assemble(kit, location, quantity, time, extra_cost, reference)?)
            })
        }
    })
}

/// Takes `quantity` (decimal text, > 0) available units of the assembled kit `kit` at
/// `location` apart in one transaction, and writes the outcome to `out` (nullable): they
/// leave through the kit's costing method (value V), and its components (as defined at
/// `time`) come back (reason `"disassembly"`) with V split in proportion to their current
/// cost, each part but the last rounded down to the money scale and the last taking the
/// remainder: no cent lost or created. The kit's movement carries `reference` (nullable).
///
/// Errors: as `inv_ledger_assemble` (`INV_INSUFFICIENT_STOCK` when the kit's available
/// units are short). The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_disassemble(
    ledger: *mut inv_ledger,
    kit: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_kit_movement_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (kit, location, quantity, reference) = unsafe {
            (
                try_str(kit, "kit")?,
                try_str(location, "location")?,
                try_decimal(quantity, "quantity")?,
                try_opt_str(reference, "reference")?,
            )
        };
        let reference = reference.map(str::to_owned);
        // SAFETY: forwarded contract.
        unsafe {
            post_kit(ledger, out, |l| {
                Ok(l.disassemble(kit, location, quantity, time, reference)?)
            })
        }
    })
}

/// Reserves every component of `quantity` (decimal text, > 0) virtual bundles `bundle` at
/// `location` for `order`, all or nothing, and writes the outcome to `out` (nullable). The
/// components are the bundle's definition at `time`, through virtual sub-bundles (an
/// assembled component is reserved as its own stock); the posting is recorded (see
/// `inv_ledger_bundle_records_json`) and idempotent by `reference` (nullable).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_DECIMAL`,
/// `INV_UNKNOWN_SKU` (`bundle` is not a kit at `time`), `INV_INVALID_INPUT` (an assembled
/// kit, a quantity ≤ 0, an empty reference), `INV_INSUFFICIENT_STOCK` (naming a
/// component), `INV_DUPLICATE_REFERENCE`, `INV_OVERFLOW`. The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_reserve_bundle(
    ledger: *mut inv_ledger,
    bundle: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    order: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_kit_movement_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (bundle, location, quantity, order, reference) = unsafe {
            (
                try_str(bundle, "bundle")?,
                try_str(location, "location")?,
                try_decimal(quantity, "quantity")?,
                try_str(order, "order")?,
                try_opt_str(reference, "reference")?,
            )
        };
        let reference = reference.map(str::to_owned);
        // SAFETY: forwarded contract.
        unsafe {
            post_kit(ledger, out, |l| {
                Ok(l.reserve_bundle(bundle, location, quantity, order, time, reference)?)
            })
        }
    })
}

/// Releases, for `order`, the reservation of every component of `quantity` bundles
/// `bundle` (decimal text, > 0) at `location`, all or nothing, and writes the outcome to
/// `out` (nullable); recorded and idempotent by `reference` (nullable), as
/// `inv_ledger_reserve_bundle`.
///
/// Errors: as `inv_ledger_reserve_bundle`, and `INV_UNKNOWN_RESERVATION` or
/// `INV_RESERVATION_EXCEEDED` naming a component. The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_release_bundle(
    ledger: *mut inv_ledger,
    bundle: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    order: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_kit_movement_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (bundle, location, quantity, order, reference) = unsafe {
            (
                try_str(bundle, "bundle")?,
                try_str(location, "location")?,
                try_decimal(quantity, "quantity")?,
                try_str(order, "order")?,
                try_opt_str(reference, "reference")?,
            )
        };
        let reference = reference.map(str::to_owned);
        // SAFETY: forwarded contract.
        unsafe {
            post_kit(ledger, out, |l| {
                Ok(l.release_bundle(bundle, location, quantity, order, time, reference)?)
            })
        }
    })
}

/// Ships `quantity` (decimal text, > 0) bundles `bundle` from `location` (from `order`'s
/// reservation when `order` is not NULL, else from available stock), all or nothing, and
/// writes the outcome to `out` (nullable): its `value` is the bundle's COGS, the sum of its
/// components'. `reference` is required: the components' shipments carry the references
/// `"{reference}/{component}"`, and `inv_ledger_return_bundle` names it; the same shipment
/// posted again returns its outcome with `duplicate` set.
///
/// Errors: as `inv_ledger_reserve_bundle` (`INV_NULL_ARGUMENT` for a NULL `reference`), and
/// `INV_UNKNOWN_RESERVATION` or `INV_RESERVATION_EXCEEDED` naming a component. The ledger
/// is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_ship_bundle(
    ledger: *mut inv_ledger,
    bundle: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    order: *const c_char,
    reference: *const c_char,
    out: *mut inv_kit_movement_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (bundle, location, quantity, order, reference) = unsafe {
            (
                try_str(bundle, "bundle")?,
                try_str(location, "location")?,
                try_decimal(quantity, "quantity")?,
                try_opt_str(order, "order")?,
                try_str(reference, "reference")?,
            )
        };
        let reference = reference.to_owned();
        // SAFETY: forwarded contract.
        unsafe {
            post_kit(ledger, out, |l| {
                Ok(l.ship_bundle(bundle, location, quantity, time, order, reference)?)
            })
        }
    })
}

/// Takes back `quantity` (decimal text, > 0) bundles of the bundle shipment `shipment` (the
/// reference it was shipped with) at `location`, all or nothing, and writes the outcome to
/// `out` (nullable): every component the shipment moved (under the definition it shipped
/// with, even if the bundle was redefined since) comes back as a customer return of its own
/// shipment, at the cost it left with. Recorded and idempotent by `reference` (nullable).
///
/// Errors: `INV_UNKNOWN_SHIPMENT` (no bundle shipment under that reference),
/// `INV_RETURN_MISMATCH` (more than is left to return), and as `inv_ledger_reserve_bundle`.
/// The ledger is unchanged then.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_return_bundle(
    ledger: *mut inv_ledger,
    shipment: *const c_char,
    location: *const c_char,
    quantity: *const c_char,
    time: i64,
    reference: *const c_char,
    out: *mut inv_kit_movement_outcome,
) -> inv_result {
    call(|| {
        // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
        let (shipment, location, quantity, reference) = unsafe {
            (
                try_str(shipment, "shipment")?,
                try_str(location, "location")?,
                try_decimal(quantity, "quantity")?,
                try_opt_str(reference, "reference")?,
            )
        };
        let reference = reference.map(str::to_owned);
        // SAFETY: forwarded contract.
        unsafe {
            post_kit(ledger, out, |l| {
                Ok(l.return_bundle(shipment, location, quantity, time, reference)?)
            })
        }
    })
}

/// Every bundle posting, in order, as a JSON array into a new string at `*out` (freed with
/// `inv_string_free`): per posting its `"sequence"` (0-based), `"first_movement"` and
/// `"movements"` (its components' movements are the journal entries `first_movement ..
/// first_movement + movements`), `"action"` (`"reserve"`, `"release"`, `"ship"` or
/// `"return"`), `"bundle"`, `"location"`, `"quantity"` (a decimal string), `"time"`
/// (seconds since the epoch), and, when set, `"order"`, `"shipment"` (the shipment a
/// return is of) and `"reference"` (absent otherwise).
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `char *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_bundle_records_json(
    ledger: *const inv_ledger,
    out: *mut *mut c_char,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        // SAFETY: forwarded contract.
        unsafe {
            json_out(
                serde_json::to_string(l.bundle_records()),
                "the bundle records",
                out,
            )
        }
    })
}

// ---------------------------------------------------------------------------------------
// Demand of bundles and kits
// ---------------------------------------------------------------------------------------

/// A demand history into `*out` from `query` on the ledger, as `inv_ledger_demand_history`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or writable.
#[allow(clippy::too_many_arguments)]
unsafe fn demand_out(
    ledger: *const inv_ledger,
    sku: *const c_char,
    name: &str,
    location: *const c_char,
    period: inv_period,
    from: Option<i64>,
    to: Option<i64>,
    out: *mut *mut inv_demand_history,
    query: impl FnOnce(
        &Ledger,
        &str,
        Option<&str>,
        Period,
        Option<i64>,
        Option<i64>,
    ) -> inventory_core::Result<DemandHistory>,
) -> FfiResult<()> {
    // SAFETY: every pointer is forwarded to the helpers under the caller's contract.
    let (l, sku, location) = unsafe {
        (
            try_ref_from_ptr(ledger, "ledger")?,
            try_str(sku, name)?,
            try_opt_str(location, "location")?,
        )
    };
    check_out(out, "out")?;
    let period = period_from_c(period, "period")?;
    let h = query(l, sku, location, period, from, to)?;
    // SAFETY: `out` is non-NULL and writable by the contract.
    unsafe { write_out(out, to_boxed_mut_ptr::<inv_demand_history>(h)) };
    Ok(())
}

/// A virtual bundle's own demand: bundles shipped net of bundles returned (its bundle
/// postings) at `location` (NULL: all) per `period`, as a dense zero-filled series from
/// the bucket containing `from` to the bucket containing `to` (each used only when its
/// `has_` flag is true; by default the bundle's first and latest shipment or return), into
/// `*out`, read and released as `inv_ledger_demand_history`'s.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_ENUM`, `INV_UNKNOWN_SKU`
/// (`bundle` was never a kit), `INV_INVALID_INPUT` (`from` after `to`, range over 100
/// years).
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_demand_history *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_bundle_demand_history(
    ledger: *const inv_ledger,
    bundle: *const c_char,
    location: *const c_char,
    period: inv_period,
    from: i64,
    has_from: bool,
    to: i64,
    has_to: bool,
    out: *mut *mut inv_demand_history,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        demand_out(
            ledger,
            bundle,
            "bundle",
            location,
            period,
            has_from.then_some(from),
            has_to.then_some(to),
            out,
            |l, bundle, location, period, from, to| {
                l.bundle_demand_history(bundle, location, period, from, to)
            },
        )
    })
}

/// The true pull on `sku`: its own net shipments (which include the components of virtual
/// bundles sold) plus every assembled kit's net shipments times the units of `sku` one kit
/// pulls (through nested kits, by the definition in force at each shipment), at `location`
/// (NULL: all) per `period`, dense and zero-filled from `from` to `to` (each used only when
/// its `has_` flag is true; by default the first and latest of those shipments), into
/// `*out`, read and released as `inv_ledger_demand_history`'s. Forecast a component from
/// this.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_UTF8`, `INV_INVALID_ENUM`, `INV_UNKNOWN_SKU`
/// (a SKU without movements that is in no kit), `INV_INVALID_INPUT` (`from` after `to`,
/// range over 100 years), `INV_OVERFLOW`.
///
/// # Safety
/// `ledger` NULL or a live handle; strings NULL or NUL-terminated; `out` NULL or a writable
/// `inv_demand_history *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_exploded_demand_history(
    ledger: *const inv_ledger,
    sku: *const c_char,
    location: *const c_char,
    period: inv_period,
    from: i64,
    has_from: bool,
    to: i64,
    has_to: bool,
    out: *mut *mut inv_demand_history,
) -> inv_result {
    // SAFETY: every pointer is forwarded under the caller's contract.
    call(|| unsafe {
        demand_out(
            ledger,
            sku,
            "sku",
            location,
            period,
            has_from.then_some(from),
            has_to.then_some(to),
            out,
            |l, sku, location, period, from, to| {
                l.exploded_demand_history(sku, location, period, from, to)
            },
        )
    })
}

// ---------------------------------------------------------------------------------------
// Bundle candidates
// ---------------------------------------------------------------------------------------

/// The documented default minimum support of `inv_ledger_bundle_candidates`: 1 % of the
/// orders (the core's `DEFAULT_MIN_SUPPORT`).
pub const INV_DEFAULT_MIN_SUPPORT: f64 = 0.01;

/// The item pairs and triples bought together in a period's orders (opaque), from
/// `inv_ledger_bundle_candidates`; release with `inv_bundle_candidates_free`.
pub struct inv_bundle_candidates {
    _private: [u8; 0],
}

/// The Rust value behind an `inv_bundle_candidates`: the summary, the rows, the item
/// arrays they point to, and the strings those point to.
#[derive(Debug)]
pub(crate) struct CandidatesHandle {
    info: inv_bundle_candidates_info,
    pairs: Vec<inv_item_set>,
    triples: Vec<inv_item_set>,
    _items: Vec<Vec<*const c_char>>,
    _strings: CStrings,
}

impl Castable for inv_bundle_candidates {
    type RustType = CandidatesHandle;
}

/// The summary of an `inv_bundle_candidates`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_bundle_candidates_info {
    /// Orders in the period.
    pub orders: u64,
    /// The minimum support used.
    pub min_support: f64,
    /// How many pairs there are (`inv_bundle_candidates_pair_get`).
    pub pairs_len: usize,
    /// How many triples there are (`inv_bundle_candidates_triple_get`).
    pub triples_len: usize,
}

/// Items bought together: a pair or a triple (a row of an `inv_bundle_candidates`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct inv_item_set {
    /// The SKUs (or bundles), sorted: `items_len` strings. The array and its strings are
    /// owned by the `inv_bundle_candidates`: valid until it is freed.
    pub items: *const *const c_char,
    /// How many items (2 for a pair, 3 for a triple).
    pub items_len: usize,
    /// Orders that hold all of them.
    pub orders: u64,
    /// `orders` ÷ all orders.
    pub support: f64,
    /// The highest confidence of a rule "the others → one of them": the set's support ÷ the
    /// support of the others, over the choices of the one.
    pub confidence: f64,
    /// support ÷ the product of the items' own supports (1: bought together as often as by
    /// chance; above 1: more often).
    pub lift: f64,
}

impl CandidatesHandle {
    fn new(c: &BundleCandidates) -> FfiResult<Self> {
        let mut strings = CStrings::default();
        let mut items: Vec<Vec<*const c_char>> = Vec::new();
        let mut rows = |sets: &[ItemSet]| -> FfiResult<Vec<inv_item_set>> {
            sets.iter()
                .map(|s| {
                    let names = s
                        .items
                        .iter()
                        .map(|i| strings.add(i, "an item"))
                        .collect::<FfiResult<Vec<_>>>()?;
                    // The inner vector's buffer does not move when `items` grows.
                    let row = inv_item_set {
                        items: names.as_ptr(),
                        items_len: names.len(),
                        orders: s.orders,
                        support: s.support,
                        confidence: s.confidence,
                        lift: s.lift,
                    };
                    items.push(names);
                    Ok(row)
                })
                .collect()
        };
        let pairs = rows(&c.pairs)?;
        let triples = rows(&c.triples)?;
        Ok(CandidatesHandle {
            info: inv_bundle_candidates_info {
                orders: c.orders,
                min_support: c.min_support,
                pairs_len: pairs.len(),
                triples_len: triples.len(),
            },
            pairs,
            triples,
            _items: items,
            _strings: strings,
        })
    }
}

/// The pairs and triples of items bought together in the orders shipped in `[from, to)`
/// (the SKUs shipped under one reservation; a shipment without one is no order, and a
/// bundle's component shipments count as the bundle), with support, confidence and lift,
/// into a new handle at `*out`. Only sets in at least `min_support` (in (0, 1];
/// `INV_DEFAULT_MIN_SUPPORT` is a sensible start) of the orders and in at least 2 orders
/// are kept; a triple only when its three pairs are. Ranked by lift, then orders, then the
/// items' names.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INVALID_INPUT` (a `min_support` outside (0, 1] or NaN,
/// `from` after `to`), `INV_INTERIOR_NUL`.
///
/// # Safety
/// `ledger` NULL or a live handle; `out` NULL or a writable `inv_bundle_candidates *`.
#[no_mangle]
pub unsafe extern "C" fn inv_ledger_bundle_candidates(
    ledger: *const inv_ledger,
    from: i64,
    to: i64,
    min_support: f64,
    out: *mut *mut inv_bundle_candidates,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let l = unsafe { try_ref_from_ptr(ledger, "ledger") }?;
        check_out(out, "out")?;
        let handle = CandidatesHandle::new(&l.bundle_candidates(from, to, min_support)?)?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, to_boxed_mut_ptr::<inv_bundle_candidates>(handle)) };
        Ok(())
    })
}

/// The summary of a bundle-candidates result into `*out`.
///
/// Errors: `INV_NULL_ARGUMENT`.
///
/// # Safety
/// `candidates` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_bundle_candidates_summary(
    candidates: *const inv_bundle_candidates,
    out: *mut inv_bundle_candidates_info,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(candidates, "candidates") }?;
        check_out(out, "out")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, h.info) };
        Ok(())
    })
}

/// The number of pairs (0 for NULL).
///
/// # Safety
/// `candidates` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_bundle_candidates_pairs_len(
    candidates: *const inv_bundle_candidates,
) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(candidates, "candidates") }.map_or(0, |h| h.pairs.len())
    })
}

/// Pair `index` (best first) into `*out`. `out->items` and its strings point into the
/// handle and are valid until `inv_bundle_candidates_free`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `candidates` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_bundle_candidates_pair_get(
    candidates: *const inv_bundle_candidates,
    index: usize,
    out: *mut inv_item_set,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(candidates, "candidates") }?;
        check_out(out, "out")?;
        let row = row_at(&h.pairs, index, "pair")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

/// The number of triples (0 for NULL).
///
/// # Safety
/// `candidates` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn inv_bundle_candidates_triples_len(
    candidates: *const inv_bundle_candidates,
) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        unsafe { try_ref_from_ptr(candidates, "candidates") }.map_or(0, |h| h.triples.len())
    })
}

/// Triple `index` (best first) into `*out`. `out->items` and its strings point into the
/// handle and are valid until `inv_bundle_candidates_free`.
///
/// Errors: `INV_NULL_ARGUMENT`, `INV_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// `candidates` NULL or a live handle; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn inv_bundle_candidates_triple_get(
    candidates: *const inv_bundle_candidates,
    index: usize,
    out: *mut inv_item_set,
) -> inv_result {
    call(|| {
        // SAFETY: forwarded contract.
        let h = unsafe { try_ref_from_ptr(candidates, "candidates") }?;
        check_out(out, "out")?;
        let row = row_at(&h.triples, index, "triple")?;
        // SAFETY: `out` is non-NULL and writable by the contract.
        unsafe { write_out(out, row) };
        Ok(())
    })
}

/// Releases a bundle-candidates result (and the arrays and strings it owns). NULL is a
/// no-op.
///
/// # Safety
/// `candidates` NULL or a live handle, not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn inv_bundle_candidates_free(candidates: *mut inv_bundle_candidates) {
    // SAFETY: forwarded contract.
    guard((), || unsafe { free_box(candidates) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_convert_and_others_are_refused() {
        assert_eq!(
            kit_kind_from_c(INV_KIT_ASSEMBLED, "kind").unwrap(),
            KitKind::Assembled
        );
        assert_eq!(
            kit_kind_from_c(INV_KIT_VIRTUAL, "kind").unwrap(),
            KitKind::Virtual
        );
        let e = kit_kind_from_c(2, "kind").unwrap_err();
        assert_eq!(e.code, crate::error::INV_INVALID_ENUM);
    }

    #[test]
    fn the_default_minimum_support_is_the_cores() {
        assert_eq!(
            INV_DEFAULT_MIN_SUPPORT.to_bits(),
            inventory_core::kits::DEFAULT_MIN_SUPPORT.to_bits()
        );
    }
}
