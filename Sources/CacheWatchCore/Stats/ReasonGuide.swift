/// What sccache's "not cacheable" reasons mean, and whether a user can do anything about them.
public enum ReasonGuide {
    public struct Entry: Hashable, Sendable {
        public var meaning: String
        /// True when a change on the user's side can turn these calls into cache hits.
        public var actionable: Bool
    }

    public static func entry(for reason: String) -> Entry {
        switch reason {
        case "crate-type":
            return Entry(meaning: "binaries, proc-macros, build scripts and cdylibs are linked: never cached", actionable: false)
        case "-":
            return Entry(meaning: "cargo probing rustc through stdin: harmless", actionable: false)
        case "missing input":
            return Entry(meaning: "cargo's `rustc -vV` version probes: harmless", actionable: false)
        case "incremental":
            return Entry(meaning: "incremental compilation: set CARGO_INCREMENTAL=0", actionable: true)
        case "argument parse":
            return Entry(meaning: "rustc arguments sccache cannot parse: check RUSTFLAGS", actionable: true)
        case "more than one --emit":
            return Entry(meaning: "several --emit flags: check RUSTFLAGS and cargo profile settings", actionable: true)
        case "-E":
            return Entry(meaning: "C preprocessor-only runs (cc crate probes): harmless", actionable: false)
        case "unknown source language":
            return Entry(meaning: "sources sccache does not know (assembly?): not cacheable", actionable: false)
        case "linking":
            return Entry(meaning: "C/C++ link steps: never cached", actionable: false)
        case "multiple input files":
            return Entry(meaning: "C/C++ calls with several sources: compile them one by one to cache", actionable: true)
        default:
            return Entry(meaning: "sccache cannot cache this kind of call", actionable: false)
        }
    }

    /// Calls that could become hits by a change on the user's side: the actionable reasons, plus cache errors.
    public static func addressableMisses(_ stats: SccacheStats) -> Int {
        stats.notCached.filter { entry(for: $0.reason).actionable }.reduce(0) { $0 + $1.count } + (stats.cacheErrors.total ?? 0)
    }
}
