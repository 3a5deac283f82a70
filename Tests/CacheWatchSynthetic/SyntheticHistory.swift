import CacheWatchCore

/// Made-up runs for history tests and benchmarks: realistic shapes (a project, a cold first run, warm runs, edits,
/// a failure now and then), reproducible from a seed.
public enum SyntheticHistory {
    public static let project = "/home/dev/src/demo"
    public static let command = ["cargo", "build", "--release", "--locked"]

    /// Run `index` of a history (0 the oldest), one minute apart from 2026-11-01, with `compiles` compiles; with
    /// `inputs`, each cacheable one keeps what went into its key, as "why it missed" stores it.
    public static func record(_ index: Int, compiles: Int = 300, seed: UInt64 = 1, inputs: Bool = false) -> RunRecord {
        var random = Seeded(state: seed &+ UInt64(index) &* 7919)
        let cold = index == 0 || Int.random(in: 0..<50, using: &random) == 0
        let hitShare = cold ? 0 : Double.random(in: 0.6...1, using: &random)
        var results: [CrateResult] = []
        var hits = 0
        var misses = 0
        var compileSeconds = 0.0
        for n in 0..<compiles {
            let kind = n % 10 == 0 ? "build-script" : n % 17 == 0 ? "proc-macro" : "lib"
            let outcome: CrateResult.Outcome
            var seconds: Double?
            if kind == "build-script" {
                outcome = .notCacheable("crate-type")
            } else if Double.random(in: 0..<1, using: &random) < hitShare {
                outcome = .hit
                hits += 1
                seconds = Double.random(in: 0.001...0.02, using: &random)
            } else {
                outcome = .miss
                misses += 1
                seconds = Double.random(in: 0.1...4, using: &random)
                compileSeconds += seconds!
            }
            let key = (0..<4).map { _ in String(random.next(), radix: 16).leftPadded16 }.joined()
            var result = CrateResult(
                name: "crate_\(n)", outcome: outcome, seconds: seconds, sequence: n, kind: kind, hashKey: key,
                argvDigest: String(random.next() & 0xFFFF_FFFF_FFFF_FFFF, radix: 16).leftPadded16)
            if inputs, kind != "build-script" {
                // An edit now and then: the sources' digests change with the run's index every tenth run.
                let version = String(index / 10, radix: 16)
                result.inputs = CompileInputs(
                    unit: "crate_\(n)|\(kind)|release|host", extra: "-\(version)\(n)",
                    arguments: [
                        "--crate-name crate_\(n)", "--edition 2021", "crates/crate_\(n)/src/lib.rs", "--error-format json",
                        "--crate-type lib", "--emit dep-info,metadata,link", "-C opt-level=3", "-C embed-bitcode=no",
                        "--cfg feature=\"default\"", "--cfg feature=\"std\"",
                    ],
                    sources: [
                        "crates/crate_\(n)/src/lib.rs": version.leftPadded16, "crates/crate_\(n)/src/util.rs": "00c0ffee00c0ffee",
                        "/root/.cargo/registry/src/index/dep-\(n % 40)-1.0.0/src/lib.rs": "",
                    ],
                    envDeps: n % 7 == 0 ? ["CARGO_PKG_VERSION": "0.1.0"] : [:],
                    externs: Dictionary(
                        uniqueKeysWithValues: (1...3).filter { n >= $0 }.map { ("crate_\(n - $0)", "-\(version)\(n - $0)") }))
            }
            results.append(result)
        }
        var stats = SccacheStats()
        stats.compileRequests = compiles
        stats.hits = LanguageCounts(total: hits)
        stats.misses = LanguageCounts(total: misses)
        stats.compilations = misses
        stats.averageCompile = misses > 0 ? compileSeconds / Double(misses) : nil
        stats.cacheSize = Int64(200 << 20) + Int64(index) * 4096
        let failed = Int.random(in: 0..<40, using: &random) == 0
        let duration = 5 + compileSeconds / 2
        var record = RunRecord(
            id: RunID(String(format6(index)) + "-native-run1-\(1000 + index % 50_000)-syn"), engine: .native,
            project: project, command: command, startedAt: 1_793_491_200 + Double(index) * 60, duration: duration,
            outcome: .ended(.exited(failed ? 101 : 0), stopped: false), stats: stats, compiles: results)
        record.samples = (0..<20).map {
            StatsPoint(
                t: Double($0) * duration / 20, requests: $0 * compiles / 20, hits: $0 * hits / 20, misses: $0 * misses / 20)
        }
        record.savedSeconds = stats.averageCompile.map { Double(hits) * $0 }
        return record
    }

    private static func format6(_ n: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }
}

extension String {
    fileprivate var leftPadded16: String { String(repeating: "0", count: max(0, 16 - count)) + self }
}

/// SplitMix64, so a history is the same from one run to the next.
struct Seeded: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
