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
//! can make, and the SKUs that limit them, read with `_len` / `_get`),
//! `inv_ledger_kit_cost` the cost roll-up as decimal text, `inv_ledger_explode_kit` an
//! `inv_kit_explosion` handle (the components a quantity of kits consumes), and
//! `inv_ledger_kit_definition_json` / `inv_ledger_kit_records_json` the definitions as the
//! core's JSON.

use std::ffi::c_char;

use inventory_core::kits::{Buildable, Component, KitDefinition, KitKind, KitOutcome};
use inventory_core::Ledger;

use crate::error::{inv_result, INV_PANIC};
use crate::ffi::{
    bad_enum, call, check_out, decimal_field, free_box, guard, opt_value, row_at, to_boxed_mut_ptr,
    to_c_string, try_decimal, try_mut_from_ptr, try_opt_str, try_ref_from_ptr, try_str, write_out,
    write_str_buf, CStrings, Castable, Failure, FfiResult,
};
use crate::ledger::inv_ledger;
use crate::INV_DECIMAL_LEN;

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
}
