import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// "Why it missed" on real builds: a workspace with a chain of libraries (base ← mid ← top), a build script and a
/// proc-macro, changed one input at a time; every compile that missed must name its cause (and the cascade its
/// root), and nothing that hit is called a miss.
@Suite("Why it missed, on real builds", .serialized)
struct WhyMatrixTests {
    /// The workspace: `mid` reads `option_env!("MID_MODE")`; `top` has a build script and uses the proc-macro.
    static func workspace(at root: String) throws -> String {
        try write(Self.files, at: root)
    }

    static func write(_ files: [String: String], at root: String) throws -> String {
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let files: [String: String] = [
        "Cargo.toml": "[workspace]\nmembers = [\"base\", \"mid\", \"top\", \"shout\"]\nresolver = \"2\"\n",
        "base/Cargo.toml": "[package]\nname = \"base\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        "base/src/lib.rs": "pub fn one() -> u32 { 1 }\n",
        "mid/Cargo.toml":
            "[package]\nname = \"mid\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\nbase = { path = \"../base\" }\n",
        "mid/src/lib.rs":
            "pub fn two() -> u32 { base::one() + 1 }\npub fn mode() -> &'static str { option_env!(\"MID_MODE\").unwrap_or(\"plain\") }\n",
        "shout/Cargo.toml":
            "[package]\nname = \"shout\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[lib]\nproc-macro = true\n",
        "shout/src/lib.rs":
            "use proc_macro::TokenStream;\n#[proc_macro]\npub fn shout(_: TokenStream) -> TokenStream { \"\\\"HI\\\"\".parse().unwrap() }\n",
        "top/Cargo.toml":
            "[package]\nname = \"top\"\nversion = \"0.1.0\"\nedition = \"2021\"\nbuild = \"build.rs\"\n[dependencies]\nmid = { path = \"../mid\" }\nshout = { path = \"../shout\" }\n",
        "top/build.rs": "fn main() { println!(\"cargo:rustc-env=TOP_BUILT=yes\"); }\n",
        "top/src/lib.rs": "pub fn three() -> u32 { mid::two() + 1 }\npub fn loud() -> &'static str { shout::shout!() }\n",
    ]

    /// `stamp`'s build script writes the time into `OUT_DIR/tables.rs` (different bytes every run), which its
    /// library includes; `user` links it.
    static let stampFiles: [String: String] = [
        "Cargo.toml": "[workspace]\nmembers = [\"stamp\", \"user\"]\nresolver = \"2\"\n",
        "stamp/Cargo.toml": "[package]\nname = \"stamp\"\nversion = \"0.1.0\"\nedition = \"2021\"\nbuild = \"build.rs\"\n",
        "stamp/build.rs": """
        fn main() {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
            let out = std::env::var("OUT_DIR").unwrap() + "/tables.rs";
            std::fs::write(out, format!("pub const BUILT: u128 = {now};\\n")).unwrap();
        }
        """,
        "stamp/src/lib.rs": "include!(concat!(env!(\"OUT_DIR\"), \"/tables.rs\"));\n",
        "user/Cargo.toml":
            "[package]\nname = \"user\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\nstamp = { path = \"../stamp\" }\n",
        "user/src/lib.rs": "pub fn built() -> u128 { stamp::BUILT }\n",
    ]

    /// One build from an empty target/; each cacheable crate's result and cause, from the report.
    static func build(
        _ project: String, mount: String, environment: [String: String] = [:], engine: [String] = ["--engine", "native"],
        crates: Set<String> = ["base", "mid", "top"]
    ) throws -> [String: (result: String, kind: String?, detail: String?, root: String?)] {
        let report = mount + "/report.json"
        let result = try Harness.cachewatch(
            engine + [
                "--headless", "--fresh", "--project", project, "--mount-root", mount, "--no-record", "--report", report,
                "--", "cargo", "build", "--release", "--offline",
            ], environment: environment, timeout: 600)
        #expect(result.succeeded, "\(result.stdout.suffix(3000))\n\(result.stderr)")
        let json = try Harness.json(atPath: report)
        var compiles: [String: (String, String?, String?, String?)] = [:]
        for compile in json["compiles"] as? [[String: Any]] ?? [] {
            guard let name = compile["crate"] as? String, crates.contains(name) else { continue }
            let why = compile["why"] as? [String: Any]
            compiles[name] = (
                compile["result"] as? String ?? "", why?["kind"] as? String, why?["detail"] as? String, why?["root"] as? String
            )
        }
        return compiles
    }

    @Test("Native: each change names its cause for every miss, and the cascade its root")
    func native() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("why matrix")
        let project = try Self.workspace(at: work + "/ws")
        let mount = work + "/m"
        func run(_ environment: [String: String] = [:], at path: String? = nil) throws -> [String: (
            result: String, kind: String?, detail: String?, root: String?
        )] {
            try Self.build(path ?? project, mount: mount, environment: environment)
        }

        var r = try run()
        #expect(r.count == 3 && r.values.allSatisfy { $0.result == "miss" && $0.kind == "first-build" }, "\(r)")
        r = try run()
        #expect(r.values.allSatisfy { $0.result == "hit" && $0.kind == nil }, "a hit is never explained as a miss: \(r)")

        // A source edit in the middle of the chain: mid names the file; top names mid as its root; base hits.
        let lib = project + "/mid/src/lib.rs"
        let original = try String(contentsOfFile: lib, encoding: .utf8)
        try (original + "// an edit\n").write(toFile: lib, atomically: true, encoding: .utf8)
        r = try run()
        #expect(r["base"]?.result == "hit" && r["base"]?.kind == nil)
        #expect(r["mid"]?.kind == "source" && r["mid"]?.detail == "mid/src/lib.rs", "\(r)")
        #expect(r["top"]?.kind == "upstream" && r["top"]?.root == "mid", "\(r)")
        #expect(r["top"]?.detail == "mid (source mid/src/lib.rs)")
        try original.write(toFile: lib, atomically: true, encoding: .utf8)
        r = try run()  // back to stored inputs: hits again

        // RUSTFLAGS: every crate's flags.
        r = try run(["RUSTFLAGS": "--cfg cw_probe"])
        #expect(r.values.allSatisfy { $0.kind == "flags" && $0.detail?.contains("+--cfg cw_probe") == true }, "\(r)")

        // An option_env! value: mid's env-dep; top follows it upstream.
        r = try run(["MID_MODE": "fast"])
        #expect(r["mid"]?.kind == "env-dep" && r["mid"]?.detail == "MID_MODE: '' → 'fast'", "\(r)")
        #expect(r["top"]?.kind == "upstream" && r["top"]?.root == "mid")
        #expect(r["base"]?.result == "hit")

        // CARGO_TERM_COLOR: every key, with the hint to pass --color instead.
        r = try run(["CARGO_TERM_COLOR": "always"])
        #expect(r.values.allSatisfy { $0.kind == "env" && $0.detail == "CARGO_TERM_COLOR: (unset) → always" }, "\(r)")

        // The project copied to another path: the working directory is in every key.
        let copy = work + "/ws copy"
        try FileManager.default.copyItem(atPath: project, toPath: copy)
        SafeFile.removeTree(copy + "/target")
        r = try run(at: copy)
        #expect(r.values.allSatisfy { $0.kind == "path" }, "\(r)")

        // The cache wiped: the same keys as stored ones, missing: the entries are gone.
        r = try run()
        #expect(r.values.allSatisfy { $0.result == "hit" })
        for entry in try FileManager.default.contentsOfDirectory(atPath: mount + "/sccache") {
            SafeFile.removeTree(mount + "/sccache/" + entry)
        }
        r = try run()
        #expect(r.values.allSatisfy { $0.kind == "gone" && $0.detail?.contains("the cache was emptied") == true }, "\(r)")

        // One crate's entry deleted from the cache directory: that crate alone, and said so.
        r = try run()
        #expect(r.values.allSatisfy { $0.result == "hit" })
        let shown = try Harness.cachewatch(["history", "show", "last", "--json", "--mount-root", mount])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let base = try #require((report["compiles"] as? [[String: Any]])?.first { $0["crate"] as? String == "base" })
        let key = try #require(base["hash_key"] as? String)
        let entry = mount + "/sccache/" + String(key.prefix(1)) + "/" + String(key.dropFirst().prefix(1)) + "/" + key
        #expect(FileManager.default.fileExists(atPath: entry), "sccache keeps an entry under its key: \(entry)")
        try FileManager.default.removeItem(atPath: entry)
        r = try run()
        #expect(r["base"]?.kind == "gone" && r["base"]?.detail?.contains("deleted") == true, "\(r)")
        #expect(r["mid"]?.result == "hit" && r["top"]?.result == "hit")
    }

    @Test("A build script that writes different bytes every run: its crate names it, not deterministic; dependents follow")
    func nondeterministicBuildScript() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("why build script")
        let project = try Self.write(Self.stampFiles, at: work + "/ws")
        let mount = work + "/m"
        var r = try Self.build(project, mount: mount, crates: ["stamp", "user"])
        #expect(r.count == 2 && r.values.allSatisfy { $0.result == "miss" && $0.kind == "first-build" }, "\(r)")
        // Built again from an empty target/: the same script compiles, runs, and writes another time.
        r = try Self.build(project, mount: mount, crates: ["stamp", "user"])
        #expect(r["stamp"]?.kind == "build-script", "\(r)")
        #expect(
            r["stamp"]?.detail
                == "stamp's build script wrote a different tables.rs — a non-deterministic build script: every dependent misses")
        #expect(r["user"]?.kind == "upstream" && r["user"]?.root == "stamp", "\(r)")
        // The script edited: its output changes with it, and is not called non-deterministic.
        let script = project + "/stamp/build.rs"
        try (try String(contentsOfFile: script, encoding: .utf8) + "// edited\n").write(
            toFile: script, atomically: true, encoding: .utf8)
        r = try Self.build(project, mount: mount, crates: ["stamp", "user"])
        #expect(r["stamp"]?.detail == "stamp's build script wrote a different tables.rs", "\(r)")
    }

    @Test("In the container: a source edit is named through /volume, the cascade followed, a wiped cache told")
    func docker() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("why docker")
        let project = try Self.workspace(at: work + "/ws")
        let mount = work + "/m"
        let engine = ["--engine", "docker", "--image", DockerHarness.image] + DockerHarness.dockerArguments
        var r = try Self.build(project, mount: mount, engine: engine)
        #expect(r.values.allSatisfy { $0.kind == "first-build" }, "\(r)")
        let lib = project + "/base/src/lib.rs"
        try "pub fn one() -> u32 { 1 } // edited\n".write(toFile: lib, atomically: true, encoding: .utf8)
        r = try Self.build(project, mount: mount, engine: engine)
        #expect(r["base"]?.kind == "source" && r["base"]?.detail == "base/src/lib.rs", "\(r)")
        #expect(r["mid"]?.kind == "upstream" && r["mid"]?.root == "base")
        // top links mid's metadata, which a comment in base leaves as it was: top may hit, and is then not explained.
        let top = try #require(r["top"])
        #expect(top.result == "hit" ? top.kind == nil : top.kind == "upstream" && top.root == "base", "\(r)")

        // The mounted cache wiped (its files are the container's): the same keys, gone.
        r = try Self.build(project, mount: mount, engine: engine)
        #expect(r.values.allSatisfy { $0.result == "hit" }, "\(r)")
        for entry in try FileManager.default.contentsOfDirectory(atPath: mount + "/sccache") {
            SafeFile.removeTree(mount + "/sccache/" + entry)
        }
        r = try Self.build(project, mount: mount, engine: engine)
        #expect(r.values.allSatisfy { $0.kind == "gone" && $0.detail?.contains("the cache was emptied") == true }, "\(r)")
    }
}
