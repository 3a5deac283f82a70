//! Probes the compiler through the wrapper, as anyhow's build script does. On stable both probes fail: the first
//! compiles and fails (sccache counts a compile failure), the second cannot even be hashed (a module file that is
//! not there: sccache counts a cache error).
use std::process::Command;

fn main() {
    if probe("top_probe", "#![feature(cachewatch_probe)]\npub fn f() {}\n") {
        println!("cargo:rustc-cfg=probe_nightly");
    }
    probe("top_module_probe", "mod not_there;\n");
}

/// Compiles `source` as crate `name` through the wrapper; true when it compiled.
fn probe(name: &str, source: &str) -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = std::env::var("OUT_DIR").unwrap();
    let file = format!("{out}/{name}.rs");
    std::fs::write(&file, source).unwrap();
    let mut command = match std::env::var("RUSTC_WRAPPER") {
        Ok(wrapper) if !wrapper.is_empty() => {
            let mut c = Command::new(wrapper);
            c.arg(&rustc);
            c
        }
        _ => Command::new(&rustc),
    };
    let crate_name = format!("--crate-name={name}");
    command.args(["--edition=2021", crate_name.as_str(), "--crate-type=lib", "--emit=metadata", "--out-dir"]);
    command.args([out.as_str(), file.as_str()]);
    command.output().map(|o| o.status.success()).unwrap_or(false)
}
