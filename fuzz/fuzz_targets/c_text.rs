//! The C boundary's text: decimals, names and JSON as arbitrary NUL-terminated bytes
//! (invalid UTF-8, interior garbage, huge exponents) through the binding's posting and
//! reading functions. Every call returns a result code; a refused call leaves the ledger's
//! snapshot exactly as it was; a panic would be a bug (the binding turns one into
//! INV_PANIC, which this target treats as a failure).
#![no_main]

use std::ffi::{c_char, CString};

use inventory_ffi::error::{INV_OK, INV_PANIC};
use inventory_ffi::ledger::{
    inv_ledger, inv_ledger_adjust, inv_ledger_free, inv_ledger_from_json, inv_ledger_new,
    inv_ledger_receive, inv_ledger_ship, inv_ledger_to_json, inv_outcome, inv_string_free,
};
use libfuzzer_sys::fuzz_target;

/// Up to four C strings from the input, split at NUL bytes.
fn strings(data: &[u8]) -> Vec<CString> {
    data.split(|b| *b == 0)
        .take(4)
        .map(|s| CString::new(s).expect("split at NUL"))
        .collect()
}

unsafe fn snapshot(l: *const inv_ledger) -> String {
    let mut out: *mut c_char = std::ptr::null_mut();
    assert_eq!(unsafe { inv_ledger_to_json(l, &mut out) }, INV_OK);
    let s = unsafe { std::ffi::CStr::from_ptr(out) }.to_string_lossy().into_owned();
    unsafe { inv_string_free(out) };
    s
}

fuzz_target!(|data: &[u8]| {
    let s = strings(data);
    let arg = |i: usize| s.get(i).map_or(c"1".as_ptr(), |c| c.as_ptr());
    unsafe {
        let mut l: *mut inv_ledger = std::ptr::null_mut();
        assert_eq!(inv_ledger_new(&mut l), INV_OK);
        let mut out = std::mem::zeroed::<inv_outcome>();
        assert_eq!(
            inv_ledger_receive(l, c"A".as_ptr(), c"W".as_ptr(), c"10".as_ptr(), c"2.50".as_ptr(), 0, std::ptr::null(), std::ptr::null(), &mut out),
            INV_OK
        );
        let before = snapshot(l);
        let calls = [
            inv_ledger_receive(l, arg(0), arg(1), arg(2), arg(3), 1, std::ptr::null(), std::ptr::null(), &mut out),
            inv_ledger_ship(l, c"A".as_ptr(), c"W".as_ptr(), arg(0), 2, std::ptr::null(), arg(1), &mut out),
            inv_ledger_adjust(l, c"A".as_ptr(), c"W".as_ptr(), arg(0), arg(1), 3, Default::default(), arg(2), std::ptr::null(), &mut out),
        ];
        for rc in calls {
            assert_ne!(rc, INV_PANIC);
        }
        if calls.iter().all(|rc| *rc != INV_OK) {
            assert_eq!(snapshot(l), before, "refused calls changed the ledger");
        }
        // The whole input as a snapshot.
        let json = CString::new(data.iter().map(|&b| if b == 0 { b' ' } else { b }).collect::<Vec<u8>>())
            .expect("no NUL");
        let mut read: *mut inv_ledger = std::ptr::null_mut();
        let rc = inv_ledger_from_json(json.as_ptr(), &mut read);
        assert_ne!(rc, INV_PANIC);
        inv_ledger_free(read);
        inv_ledger_free(l);
    }
});
