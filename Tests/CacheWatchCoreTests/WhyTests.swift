import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchCore

@Suite("Why it missed")
struct WhyTests {
    static let liba = [
        "--crate-name", "liba", "--edition=2021", "liba/src/lib.rs", "--error-format=json", "--crate-type", "lib",
        "--emit=dep-info,metadata,link", "-C", "opt-level=3", "-C", "metadata=0a1b", "-C", "extra-filename=-0a1b", "--out-dir",
        "/ws/target/release/deps", "-L", "dependency=/ws/target/release/deps", "--cfg", "feature=\"std\"", "--cfg",
        "feature=\"alloc\"", "--color=always",
    ]

    @Test("rustc's arguments: the unit, the extra-filename, externs, and the arguments that reach the key")
    func arguments() {
        let a = RustArguments(Self.liba + ["--extern", "libc=/ws/target/release/deps/liblibc-9f8e.rmeta"])
        #expect(a.unit == "liba|lib|release|host")
        #expect(a.extraFilename == "-0a1b")
        #expect(a.externs == ["libc": "-9f8e"])
        #expect(
            a.keyed == [
                "--crate-name liba", "--edition 2021", "liba/src/lib.rs", "--error-format json", "--crate-type lib",
                "--emit dep-info,metadata,link", "-C opt-level=3", "--cfg feature=\"alloc\"", "--cfg feature=\"std\"",
            ])
        let musl = RustArguments([
            "--crate-name", "x", "--crate-type", "bin", "--target", "x86_64-unknown-linux-musl",
            "--out-dir", "/volume/target/x86_64-unknown-linux-musl/debug/deps",
        ])
        #expect(musl.unit == "x|bin|debug|x86_64-unknown-linux-musl")
        #expect(
            RustArguments(["--crate-name", "build_script_build", "--crate-type", "bin", "--out-dir", "/t/release/build/x-1"]).kind
                == "build-script")
    }

    @Test("A dep-info file: its sources (escaped spaces too) and its env-dep values")
    func depInfo() {
        let text = """
            /ws/target/release/deps/libb-1.d: libb/src/lib.rs libb/src/my\\ file.rs

            /ws/target/release/deps/liblibb-1.rmeta: libb/src/lib.rs libb/src/my\\ file.rs

            libb/src/lib.rs:
            libb/src/my\\ file.rs:

            # env-dep:LIBB_MODE=fast
            # env-dep:UNSET_ONE
            """
        let info = DepInfo(text: text)
        #expect(info.sources == ["libb/src/lib.rs", "libb/src/my file.rs"])
        #expect(info.envDeps == ["LIBB_MODE": "fast", "UNSET_ONE": ""])
    }

    static func compile(
        _ name: String, _ outcome: CrateResult.Outcome, key: String, sequence: Int, extra: String,
        sources: [String: String] = [:], envDeps: [String: String] = [:], externs: [String: String] = [:],
        arguments: [String]? = nil, seconds: Double = 1
    ) -> CrateResult {
        var result = CrateResult(name: name, outcome: outcome, seconds: seconds, sequence: sequence, kind: "lib", hashKey: key)
        result.inputs = CompileInputs(
            unit: "\(name)|lib|release|host", extra: extra, arguments: arguments ?? ["--crate-name \(name)", "-C opt-level=3"],
            sources: sources, envDeps: envDeps, externs: externs)
        return result
    }

    static func record(_ compiles: [CrateResult], context: RunContext) -> RunRecord {
        var record = RunRecord(
            id: RunID("now"), engine: .native, project: "/ws", command: ["cargo", "build"], startedAt: 100, duration: 5,
            outcome: .ended(.exited(0), stopped: false), compiles: compiles)
        record.context = context
        return record
    }

    static let context = RunContext(
        cargoEnvironment: ["CARGO_HOME": "/home/me/.cargo"], rustcVersion: "rustc 1.95.0\nhost: x", sccacheVersion: "0.16.0",
        projectPath: "/ws")

    static func baselines(_ compiles: [CrateResult], context: RunContext = context) -> [String: MissExplainer.Baseline] {
        Dictionary(
            uniqueKeysWithValues: compiles.map {
                ($0.inputs!.unit, MissExplainer.Baseline(compile: $0, run: RunID("before"), startedAt: 50, context: context))
            })
    }

    @Test("A source edit in the middle of a chain: that crate names the file; every crate downstream names it as root")
    func cascade() {
        let before = [
            Self.compile("base", .hit, key: "k0", sequence: 0, extra: "-b", sources: ["base/src/lib.rs": "1"]),
            Self.compile(
                "mid", .hit, key: "k1", sequence: 1, extra: "-m", sources: ["mid/src/lib.rs": "1"], externs: ["base": "-b"]),
            Self.compile(
                "top", .hit, key: "k2", sequence: 2, extra: "-t", sources: ["top/src/lib.rs": "1"], externs: ["mid": "-m"]),
        ]
        let now = [
            Self.compile("base", .hit, key: "k0", sequence: 0, extra: "-b", sources: ["base/src/lib.rs": "1"]),
            Self.compile(
                "mid", .miss, key: "k1b", sequence: 1, extra: "-m", sources: ["mid/src/lib.rs": "2"], externs: ["base": "-b"]),
            Self.compile(
                "top", .miss, key: "k2b", sequence: 2, extra: "-t", sources: ["top/src/lib.rs": "1"], externs: ["mid": "-m"]),
        ]
        let causes = MissExplainer.explain(
            Self.record(now, context: Self.context), baselines: Self.baselines(before), storedKeys: [])
        #expect(causes[0] == nil, "a hit is never called a miss")
        #expect(causes[1]?.kind == .source && causes[1]?.detail == "mid/src/lib.rs")
        #expect(causes[1]?.against == "before" && causes[1]?.changes == ["source mid/src/lib.rs: 1 → 2"])
        #expect(causes[2]?.kind == .upstream && causes[2]?.root == "mid")
        #expect(causes[2]?.detail == "mid (source mid/src/lib.rs)")
        #expect(causes[2]?.label == "upstream mid")
    }

    @Test("A build script's OUT_DIR file that differs names the script, and says when the same script wrote it")
    func buildScriptOutput() throws {
        let out = "/ws/target/release/build/unicode-linebreak-4f1a/out/tables.rs"
        #expect(BuildScriptOutput(path: out)?.package == "unicode-linebreak" && BuildScriptOutput(path: out)?.file == "tables.rs")
        #expect(BuildScriptOutput(path: "/ws/target/release/build/x-1/out/gen/a.rs")?.file == "gen/a.rs")
        #expect(BuildScriptOutput(path: "src/build/out.rs") == nil && BuildScriptOutput(path: "a/build/-/out/x") == nil)
        let arguments = RustArguments([
            "--crate-name", "build_script_build", "--crate-type", "bin", "--out-dir",
            "/ws/target/release/build/unicode-linebreak-77e0",
        ])
        #expect(arguments.unit == "unicode-linebreak/build_script_build|build-script|release|host")
        var script = CrateResult(
            name: "unicode-linebreak (build script)", outcome: .notCacheable("crate-type"), seconds: 1, sequence: 0,
            kind: "build-script")
        script.inputs = CompileInputs(
            unit: arguments.unit, extra: nil, arguments: arguments.keyed, sources: ["build.rs": "b1"])
        let before = [
            Self.compile(
                "unicode_linebreak", .miss, key: "k1", sequence: 1, extra: "-u", sources: ["src/lib.rs": "", out: "aa"]),
            Self.compile("textwrap", .miss, key: "k2", sequence: 2, extra: "-t", externs: ["unicode_linebreak": "-u"]),
        ]
        var now = before
        now[0].hashKey = "k1b"
        now[0].inputs?.sources[out] = "bb"
        now[1].hashKey = "k2b"
        let causes = MissExplainer.explain(
            Self.record([script] + now, context: Self.context), baselines: Self.baselines([script] + before), storedKeys: [])
        let own = try #require(causes[1])
        #expect(own.kind == .buildScript && own.label == "generated file")
        #expect(
            own.detail
                == "unicode-linebreak's build script wrote a different tables.rs — a non-deterministic build script: every dependent misses"
        )
        #expect(own.hint?.hasPrefix("the script did not change: make it write the same bytes every run") == true)
        #expect(own.changes == ["source \(out): aa → bb"])
        #expect(causes[2]?.kind == .upstream && causes[2]?.root == "unicode_linebreak")
        #expect(
            causes[2]?.detail
                == "unicode_linebreak (unicode-linebreak's build script wrote a different tables.rs — a non-deterministic build script: every dependent misses)"
        )

        // The script itself edited: its output changed with it, not said to be non-deterministic; nor without a
        // stored compile of the script to compare with.
        var edited = script
        edited.inputs?.sources["build.rs"] = "b2"
        for (compiles, stored) in [([edited] + now, [script] + before), ([script] + now, before)] {
            let changed = MissExplainer.explain(
                Self.record(compiles, context: Self.context), baselines: Self.baselines(stored), storedKeys: [])
            #expect(changed[1]?.detail == "unicode-linebreak's build script wrote a different tables.rs")
        }
        // A source edit beside it is the cause; an output stored without a digest (an older history) is no change.
        var source = now
        source[0].inputs?.sources["src/lib.rs"] = "1"
        #expect(
            MissExplainer.explain(Self.record(source, context: Self.context), baselines: Self.baselines(before), storedKeys: [])[
                0]?
                .kind == .source)
        var unknown = before
        unknown[0].inputs?.sources[out] = ""
        let old = MissExplainer.explain(
            Self.record(now, context: Self.context), baselines: Self.baselines(unknown), storedKeys: [])
        #expect(old[0]?.kind == .unexplained && old[0]?.changes == [], "\(String(describing: old[0]))")
    }

    @Test("Each cause in its order: gone, first build, sccache, toolchain, env with its hint, path, flags, env!, unexplained")
    func causes() {
        let base = Self.compile(
            "a", .hit, key: "k", sequence: 0, extra: "-a", sources: ["a/src/lib.rs": "1"], envDeps: ["MODE": ""])
        func explain(
            _ now: CrateResult, context: RunContext = Self.context, stored: Set<String> = [], baseline: CrateResult? = nil
        )
            -> MissCause?
        {
            MissExplainer.explain(
                Self.record([now], context: context), baselines: Self.baselines([baseline ?? base]), storedKeys: stored)[0]
        }
        var miss = base
        miss.outcome = .miss
        #expect(explain(miss)?.kind == .gone, "same key as the stored one")
        miss.hashKey = "k2"
        #expect(explain(miss, stored: ["k2"])?.kind == .gone)
        #expect(
            MissExplainer.explain(Self.record([miss], context: Self.context), baselines: [:], storedKeys: [])[0]?.kind
                == .firstBuild)
        var context = Self.context
        context.sccacheVersion = "0.17.0"
        #expect(explain(miss, context: context)?.detail == "0.16.0 → 0.17.0")
        context = Self.context
        context.rustcVersion = "rustc 1.96.0\nhost: x"
        #expect(explain(miss, context: context)?.detail == "rustc 1.95.0 → rustc 1.96.0")
        #expect(explain(miss, context: context)?.changes == ["toolchain: rustc 1.95.0 → rustc 1.96.0"])
        context = Self.context
        context.cargoEnvironment["CARGO_TERM_COLOR"] = "always"
        let color = explain(miss, context: context)
        #expect(color?.detail == "CARGO_TERM_COLOR: (unset) → always")
        #expect(color?.hint?.contains("--color") == true)
        #expect(color?.label == "env CARGO_TERM_COLOR")
        context = Self.context
        context.projectPath = "/ws2"
        #expect(explain(miss, context: context)?.kind == .path)
        #expect(explain(miss, context: context)?.hint?.contains("SCCACHE_BASEDIRS") == true)
        var flags = miss
        flags.inputs?.arguments = ["--crate-name a", "-C opt-level=3", "--cfg foo"]
        #expect(explain(flags)?.kind == .flags && explain(flags)?.detail == "+--cfg foo")
        #expect(explain(flags)?.changes == ["flag added: --cfg foo"])
        var envDep = miss
        envDep.inputs?.envDeps = ["MODE": "fast"]
        #expect(explain(envDep)?.detail == "MODE: '' → 'fast'")
        #expect(explain(miss)?.kind == .unexplained)
        var read = miss
        read.outcome = .error
        read.errorText = "Cache read error: No such file or directory (os error 2)"
        #expect(explain(read)?.kind == .cacheError && explain(read)?.detail.hasPrefix("read error") == true)
    }

    @Test("A build script's feature probe that fails to compile is a harmless cache error, from the real log")
    func probe() throws {
        var parser = CrateLogParser()
        parser.feed(try Fixture.text("server-debug-log-build3.txt").split(separator: "\n").map(String.init))
        let probe = try #require(parser.results.first { $0.outcome == .error })
        let cause = MissExplainer.cacheError(probe)
        #expect(cause.detail == "feature probe of a build script failed to compile")
        #expect(cause.label == "feature probe")
    }

    @Test("The summary, the Why view and the JSON group causes, costliest first")
    func text() throws {
        var a = Self.compile("a", .miss, key: "1", sequence: 0, extra: "-a", seconds: 4)
        a.cause = MissCause(.source, "a/src/lib.rs")
        var b = Self.compile("b", .miss, key: "2", sequence: 1, extra: "-b", seconds: 3)
        b.cause = MissCause(.upstream, "a (source a/src/lib.rs)", root: "a")
        var c = Self.compile("c", .miss, key: "3", sequence: 2, extra: "-c", seconds: 2)
        c.cause = MissCause(.upstream, "a (source a/src/lib.rs)", root: "a")
        let record = Self.record([a, b, c], context: Self.context)
        #expect(WhyText.groups(record).map(\.title) == ["upstream: a (source a/src/lib.rs)", "source changed"])
        #expect(
            WhyText.summary(record) == [
                "why 3 compiles missed or failed to cache:", "  2 × upstream: a (source a/src/lib.rs) (5.0 s)",
                "  1 × source changed (4.0 s)",
            ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(WhyText.json(record).utf8)) as? [String: Any])
        let compiles = try #require(json["compiles"] as? [[String: Any]])
        #expect((compiles[1]["cause"] as? [String: Any])?["kind"] as? String == "upstream")
        #expect((compiles[1]["cause"] as? [String: Any])?["root"] as? String == "a")
    }

    @Test("y shows the last run's misses by cause, costliest first, each with its full comparison")
    func whyView() {
        var state = AppState(
            session: SessionInfo(engine: .native, project: "~/src/demo", command: "cargo build --release"), cacheLimit: nil)
        _ = state.update(.resize(width: 120, height: 35))
        #expect(state.update(.key(.character("y"))) == [.schedule(after: 4)])  // a notice, no view
        #expect(state.notice?.text.contains("No run has ended yet") == true)
        _ = state.update(.buildStarted(now: 0, run: RunStart(id: RunID("now"), wallClock: 1_796_000_000)))
        _ = state.update(.buildEnded(.exited(0), now: 5, stopped: false))
        let before = [
            Self.compile("base", .hit, key: "k0", sequence: 0, extra: "-b", sources: ["base/src/lib.rs": "1"]),
            Self.compile(
                "mid", .hit, key: "k1", sequence: 1, extra: "-m", sources: ["mid/src/lib.rs": "1a2b3c4d5e"],
                externs: ["base": "-b"]),
            Self.compile(
                "top", .hit, key: "k2", sequence: 2, extra: "-t", sources: ["top/src/lib.rs": "1"], externs: ["mid": "-m"]),
        ]
        var now = [
            Self.compile("base", .hit, key: "k0", sequence: 0, extra: "-b", sources: ["base/src/lib.rs": "1"]),
            Self.compile(
                "mid", .miss, key: "k1b", sequence: 1, extra: "-m", sources: ["mid/src/lib.rs": "9f8e7d6c5b"],
                externs: ["base": "-b"], seconds: 2.5),
            Self.compile(
                "top", .miss, key: "k2b", sequence: 2, extra: "-t", sources: ["top/src/lib.rs": "1"], externs: ["mid": "-m"],
                seconds: 4),
        ]
        var record = Self.record(now, context: Self.context)
        record.startedAt = 1_796_000_000
        for (index, cause) in MissExplainer.explain(record, baselines: Self.baselines(before), storedKeys: []) {
            now[index].cause = cause
        }
        record.compiles = now
        #expect(state.update(.runKept(record)) == [.writeReport(record)])
        _ = state.update(.key(.character("y")))
        func text() -> String {
            var screen = Screen(width: 120, height: 35)
            DashboardView.render(state, into: &screen)
            return screen.textDump
        }
        #expect(text().contains("upstream: mid (source mid/src/lib.rs)") && !text().contains("compared with run"))
        // Enter on the selected miss (mid) shows every input that differs; j selects the next (top).
        _ = state.update(.key(.enter))
        #expect(text().contains("source mid/src/lib.rs: 1a2b3c4d → 9f8e7d6c"))
        _ = state.update(.key(.character("j")))
        _ = state.update(.key(.enter))
        #expect(text().contains("compared with run before: no input of its own differs"))
        #expect(state.history?.whySelected == 1)
        assertScreen(state, named: "why-120x35", styles: true)
    }

    @Test("While the build runs, misses that finish are sent to be explained once, and their causes fill the table")
    func live() throws {
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = state.update(.resize(width: 120, height: 35))
        let run = RunStart(id: RunID("r1"), wallClock: 0)
        _ = state.update(.buildStarted(now: 0, run: run))
        let lines = [
            "[t DEBUG c] [alpha]: get_cached_or_compile: [\"--crate-name\", \"alpha\", \"--crate-type\", \"lib\"]",
            "[t DEBUG c] [alpha]: Hash key: " + String(repeating: "a", count: 64),
            "[t DEBUG s] [alpha]: compile result: cache miss",
            "[t DEBUG c] [beta]: get_cached_or_compile: [\"--crate-name\", \"beta\", \"--crate-type\", \"lib\"]",
        ]
        let effects = state.update(.serverLog(lines))
        guard case .explainLive(let id, let compiles) = effects.first else {
            Issue.record("no live explanation asked: \(effects)")
            return
        }
        #expect(id == run.id && compiles.map(\.name) == ["alpha", "beta"])
        #expect(state.update(.serverLog(["[t DEBUG c] [gamma]: Hash key: x"])).isEmpty, "alpha is asked once")
        _ = state.update(.causesFound(run.id, [0: MissCause(.source, "alpha/src/lib.rs")]))
        _ = state.update(.causesFound(RunID("another run"), [1: MissCause(.firstBuild, "x")]))
        #expect(state.crates.parser.results.map { $0.cause?.kind } == [.source, nil])
        var screen = Screen(width: 120, height: 35)
        DashboardView.render(state, into: &screen)
        #expect(screen.textDump.contains("miss · source changed"))

        // Headless, nothing shows a cause before the run's end, which explains the whole run: none asked live.
        var headless = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil, echo: true)
        _ = headless.update(.buildStarted(now: 0, run: run))
        #expect(!headless.update(.serverLog(lines)).contains { if case .explainLive = $0 { true } else { false } })
    }
}

@Suite("Why it missed, with a shared cache")
struct SharedCacheWhyTests {
    @Test("Same key, remote cache: gone from the remote level (or from every level of a chain); a moved cache is named")
    func goneFromRemote() {
        let miss = WhyTests.compile("a", .miss, key: "k", sequence: 0, extra: "-a", sources: ["a/src/lib.rs": "1"])
        let stored = WhyTests.compile("a", .hit, key: "k", sequence: 0, extra: "-a", sources: ["a/src/lib.rs": "1"])
        var context = WhyTests.context
        context.cacheLocation = "redis, name: redis://10.0.0.5:6379, prefix: /"
        func cause(_ cache: CacheBackend?, now: RunContext = context) -> MissCause? {
            var record = WhyTests.record([miss], context: now)
            record.cache = cache
            return MissExplainer.explain(record, baselines: WhyTests.baselines([stored], context: context), storedKeys: [])[0]
        }
        let redis = CacheBackend.from(environment: ["SCCACHE_REDIS_ENDPOINT": "redis://:pw@10.0.0.5:6379"])
        let remote = cause(redis)
        #expect(remote?.kind == .gone)
        #expect(remote?.detail == "same key as before: gone from the remote cache redis (redis://:****@10.0.0.5:6379)")
        #expect(remote?.hint?.contains("expired") == true)
        let chain = CacheBackend.from(environment: [
            "SCCACHE_MULTILEVEL_CHAIN": "disk,redis", "SCCACHE_REDIS_ENDPOINT": "redis://10.0.0.5:6379",
        ])
        #expect(cause(chain)?.detail.contains("gone from every level, the remote redis") == true)
        // The local disk keeps its own explanations.
        #expect(cause(.localDisk)?.detail.contains("remote") == false)
        // Stored in another cache than the one used now: the cache moved.
        var moved = context
        moved.cacheLocation = "Local disk: \"/root/sccache\""
        #expect(cause(.localDisk, now: moved)?.detail.contains("the cache is Local disk") == true)
    }
}
