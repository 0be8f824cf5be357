//! The committed header `include/inventory.h` must be exactly what the pinned cbindgen
//! generates from the sources. Set `INV_UPDATE_HEADER=1` to rewrite it instead.

use std::path::Path;

/// The version macros, from the crate version (their single source of truth).
fn version_macros() -> String {
    format!(
        "\n/** Major version of the library (the crate version). */\n\
         #define INV_VERSION_MAJOR {}\n\
         /** Minor version of the library. */\n\
         #define INV_VERSION_MINOR {}\n\
         /** Patch version of the library. */\n\
         #define INV_VERSION_PATCH {}\n\
         /** The version as \"MAJOR.MINOR.PATCH\"; `inv_version()` returns the same text. */\n\
         #define INV_VERSION_STRING \"{}\"",
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
        env!("CARGO_PKG_VERSION"),
    )
}

#[test]
fn header_is_up_to_date() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .expect("reading cbindgen.toml");
    config.after_includes = Some(version_macros());
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(crate_dir.join("src/lib.rs"))
        .generate()
        .expect("generating the header")
        .write(&mut generated);
    let generated = String::from_utf8(generated).expect("the header is UTF-8");

    let path = crate_dir.join("include/inventory.h");
    if std::env::var_os("INV_UPDATE_HEADER").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("writing include/inventory.h");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let first_diff = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "include/inventory.h is out of date (first difference at line {}).\n\
             Regenerate it with: INV_UPDATE_HEADER=1 cargo test -p inventory-ffi --test header",
            first_diff + 1
        );
    }
}

#[test]
fn every_name_has_the_prefix() {
    let header =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("include/inventory.h"))
            .expect("reading include/inventory.h");
    let mut checked = 0;
    for line in header.lines() {
        if line.starts_with(' ') || line.starts_with('/') || line.starts_with('*') {
            continue; // comments, struct fields, continued parameter lists
        }
        let name = if let Some(rest) = line.strip_prefix("#define ") {
            rest.split_whitespace().next()
        } else if line.starts_with("typedef ") {
            line.trim_end_matches(" {")
                .trim_end_matches(';')
                .split_whitespace()
                .last()
        } else if let Some((decl, _)) = line.split_once('(') {
            decl.split_whitespace()
                .last()
                .map(|s| s.trim_start_matches('*'))
        } else {
            None
        };
        let Some(name) = name else { continue };
        if name == "INVENTORY_H" {
            continue;
        }
        assert!(
            name.starts_with("inv_") || name.starts_with("INV_"),
            "{name:?} lacks the inv_/INV_ prefix (line: {line})"
        );
        checked += 1;
    }
    assert!(
        checked > 80,
        "only {checked} names found: is the header parsed right?"
    );
}
