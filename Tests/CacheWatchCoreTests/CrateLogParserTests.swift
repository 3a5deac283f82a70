import Testing

@testable import CacheWatchCore

@Suite("Per-crate results from sccache's server log")
struct CrateLogParserTests {
    private func parse(_ name: String) throws -> CrateLogParser {
        var parser = CrateLogParser()
        parser.feed(try Fixture.text(name).split(separator: "\n").map(String.init))
        return parser
    }

    @Test("A workspace log: hits, misses, not cacheable with reasons, build scripts named by package")
    func workspace() throws {
        let parser = try parse("ws-server-debug-log.txt")
        let names = parser.results.map(\.name)
        #expect(names.contains("core_lib"))
        #expect(names.contains("with_build_rs (build script)"))
        #expect(!names.contains("___"), "cargo's probes are left out")
        // The log spans several builds: core_lib was a hit first and recached (a miss) last; a row per compile.
        let core = parser.results.filter { $0.name == "core_lib" || $0.name.hasPrefix("core_lib (") }
        #expect(core.count == 3 && core[1].name == "core_lib (2)")
        #expect(core.first?.outcome == .hit && core.first?.seconds == 0.0)
        #expect(core.last?.outcome == .miss && core.last?.seconds == 0.041)
        let script = try #require(parser.results.first { $0.name == "with_build_rs (build script)" })
        #expect(script.outcome == .notCacheable("crate-type"))
        let s = parser.summary
        #expect(s.hits + s.misses + s.errors > 0)
        #expect(s.notCacheable > 0)
        // 31 calls sccache could not cache: 25 rows, and cargo's 6 probes (`-vV`, `___`) counted apart.
        #expect(s.notCacheable == 25 && parser.withoutCrate == 6)
    }

    @Test("A warm dependency build: the failed probe is a cache error; each hit has its read time")
    func dependencies() throws {
        let parser = try parse("server-debug-log-build3.txt")
        #expect(parser.results.first { $0.name == "anyhow_build" }?.outcome == .error)
        #expect(parser.results.first { $0.name == "serde_derive" }?.outcome == .notCacheable("crate-type"))
        let hits = parser.results.filter { $0.outcome == .hit }
        #expect(hits.count == 13)
        #expect(hits.allSatisfy { $0.seconds != nil })
        #expect(parser.results.first { $0.name == "probe" }?.outcome == .notCacheable("crate-type"))
    }

    @Test("Two compiles of one crate in flight at once (host and target): two rows, each line to the oldest waiting")
    func sameCrateTwice() {
        var parser = CrateLogParser()
        let h = "[2026-11-24T23:31:52Z DEBUG sccache::compiler::compiler]"
        parser.feed([
            "\(h) [libc]: get_cached_or_compile: [\"--crate-name\", \"libc\"]",
            "\(h) [libc]: get_cached_or_compile: [\"--crate-name\", \"libc\", \"--target\", \"x86_64-unknown-linux-musl\"]",
            "\(h) [libc]: Cache hit in 0.010 s",
            "\(h) [libc]: compile result: cache hit",
            "\(h) [libc]: Cache miss in 0.000 s",
            "\(h) [libc]: Compiled in 1.500 s, storing in cache",
            "\(h) [libc]: compile result: cache miss",
        ])
        #expect(parser.results.map(\.name) == ["libc", "libc (2)"])
        #expect(parser.results.map(\.outcome) == [.hit, .miss])
        #expect(parser.results.map(\.seconds) == [0.010, 1.5])
        #expect(parser.summary.hits == 1 && parser.summary.misses == 1)
    }

    @Test("Lines that are not sccache's are ignored; lines may come in any chunks")
    func robustness() {
        var parser = CrateLogParser()
        parser.feed(["garbage", "", "[", "[x] [y]: compile result: cache hit", "[t DEBUG m] [a]: compile result: cache hit"])
        #expect(parser.results.map(\.name) == ["y", "a"])
        #expect(CrateLogParser.quotedStrings(#"["a\"b", "c"]"#) == [#"a"b"#, "c"])
        #expect(RustArguments(["--crate-name=foo"]).crateName == "foo")
    }
}

@Suite("What the history keeps of each compile")
struct CompileKeyTests {
    @Test("Each compile's target kind, sccache's hash key and a digest of its arguments, from the server log")
    func keys() throws {
        var parser = CrateLogParser()
        parser.feed(try Fixture.text("server-debug-log-build3.txt").split(separator: "\n").map(String.init))
        let ident = try #require(parser.results.first { $0.name == "unicode_ident" })
        #expect(ident.kind == "lib")
        #expect(ident.hashKey == "bd69215aedd7a6909ae7849163e344379adb7a0a451a86fa9a8f7ba45fb7d00a")
        #expect(ident.argvDigest?.count == 16)
        // Different arguments, different digests; every compile with a key has one.
        let digests = parser.results.compactMap(\.argvDigest)
        #expect(Set(digests).count == digests.count)
        #expect(parser.results.filter { $0.hashKey != nil }.allSatisfy { $0.argvDigest != nil })
    }

    @Test("A log of endless requests that never finish: at most maxUnfinished wait, each line costs the same")
    func endlessRequests() {
        var parser = CrateLogParser()
        let h = "[2026-11-24T23:31:52.000Z DEBUG sccache::compiler::compiler]"
        let count = CrateLogParser.maxUnfinished * 3
        for index in 0..<count {
            parser.feed("\(h) [c\(index % 7)]: get_cached_or_compile: [\"--crate-name\", \"c\"]")
            parser.feed("\(h) [c\(index % 7)]: Cache hit in 0.001 s")
        }
        #expect(parser.unfinished == CrateLogParser.maxUnfinished)
        // The result lines without a crate finish the oldest hits still waiting; the ones given up stay hits.
        for _ in 0..<count { parser.feed("[2026-11-24T23:31:53.000Z DEBUG sccache::server] compile result: cache hit") }
        #expect(parser.unfinished == 0)
        #expect(parser.unplaced == count - CrateLogParser.maxUnfinished)
        #expect(parser.results.count == count && parser.summary.hits == count)
    }

    @Test("A compile that fails while others compile: the failure goes to the compile whose source rustc names")
    func failureAmongOthers() {
        var parser = CrateLogParser()
        let h = "[2026-11-24T23:31:52.000Z DEBUG sccache::compiler::compiler]"
        parser.feed([
            "\(h) [mid]: get_cached_or_compile: [\"--crate-name\", \"mid\", \"mid/src/lib.rs\"]",
            "\(h) [mid]: Cache miss in 0.000 s",
            "\(h) [probe]: get_cached_or_compile: [\"--crate-name=probe\", \"/t/out/probe.rs\"]",
            "\(h) [probe]: Cache miss in 0.000 s",
            "[2026-11-24T23:31:52.100Z DEBUG sccache::server] Compilation failed: Output { status: ExitStatus(unix_wait_status(256)), "
                + "stdout: \"\", stderr: \"error[E0554]: `#![feature]` may not be used\\n --> /t/out/probe.rs:1:1\" }",
            "\(h) [mid]: Compiled in 0.500 s, storing in cache",
            "[2026-11-24T23:31:52.600Z DEBUG sccache::server] [mid]: compile result: cache miss",
        ])
        #expect(parser.results.map(\.name) == ["mid", "probe"])
        #expect(parser.results.map(\.outcome) == [.miss, .other("compile failed")])
        #expect(parser.unfinished == 0 && parser.unplaced == 0)
    }
}
