//! Snapshot JSON: any text is a ledger or a typed error, never a panic; a ledger read back
//! writes the same JSON again and equals a second reading of it.
#![no_main]

use inventory_core::{ErrorKind, Ledger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Ledger::from_json(text) {
        Ok(ledger) => {
            let json = ledger.to_json();
            let again = Ledger::from_json(&json).expect("a snapshot written reads back");
            assert_eq!(again, ledger);
            assert_eq!(again.to_json(), json);
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::InvalidSnapshot, "{e}"),
    }
});
