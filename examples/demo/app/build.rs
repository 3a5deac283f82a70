// A build script: sccache never caches build scripts (crate-type bin).
fn main() {
    let profile = std::env::var("PROFILE").unwrap_or_else(|_| "unknown".into());
    println!("cargo:rustc-env=DEMO_BUILD_PROFILE={profile}");
    println!("cargo:rerun-if-changed=build.rs");
}
