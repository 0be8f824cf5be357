//! Smoke test of the SQLite store.
#![cfg(feature = "sqlite")]
use inventory_core::durable::StoreConfig;
use inventory_core::{Decimal, Ledger, Movement};

#[test]
fn smoke() {
    let dir = std::env::temp_dir().join(format!("inv-smoke-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("s.ledger");
    let _ = std::fs::remove_file(&path);
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let mut mirror = Ledger::new();
    {
        let mut l = Ledger::open(&path, StoreConfig::new().checkpoint_every(3)).unwrap();
        for i in 0..10 {
            let m = Movement::receive("A", "W", d("5"), d("1.25"), i);
            l.post(m.clone()).unwrap();
            mirror.post(m).unwrap();
            let s = Movement::ship("A", "W", d("2"), i).with_reference(format!("S{i}"));
            l.post(s.clone()).unwrap();
            mirror.post(s).unwrap();
        }
        assert!(l.post(Movement::ship("A", "W", d("1000"), 20)).is_err());
    }
    let l = Ledger::open(&path, StoreConfig::new()).unwrap();
    assert_eq!(l, mirror);
    assert!(matches!(
        Ledger::open(&path, StoreConfig::new()).unwrap_err(),
        inventory_core::Error::Store(inventory_core::StoreError::Locked { .. })
    ));
    drop(l);
    std::fs::remove_dir_all(&dir).unwrap();
}
