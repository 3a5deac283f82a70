import CacheWatchCore
import CacheWatchStore
import CacheWatchSynthetic
import Foundation
import Testing

@testable import CacheWatchRunner

/// The history on the real database, written by the real binary: across dashboard processes in tmux, through
/// kill -9, two writers at once and a full disk.
@Suite("History on the real database", .serialized)
struct HistoryTests {
    static var bench: String? {
        guard let binary = Harness.binary else { return nil }
        let path = URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("cachewatch-bench").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// A debug build is cacheable only with CARGO_INCREMENTAL=0, which cachewatch never sets itself.
    static let cacheable = ["CARGO_INCREMENTAL": "0"]

    static func historyJSON(_ mount: String) throws -> [[String: Any]] {
        let result = try Harness.cachewatch(["history", "--mount-root", mount, "--json", "--limit", "100"])
        #expect(result.succeeded, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test("vs last run comes from the history in a second dashboard process; h shows both runs, charts and all")
    func acrossProcesses() throws {
        guard Harness.require(["cargo", "sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("history across")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/m"
        let arguments = ["--engine", "native", "--project", project, "--mount-root", mount, "--", "cargo", "build"]
        do {
            let first = try DashboardRun("history-first", arguments: arguments, environment: Self.cacheable)
            defer { first.tmux.kill() }
            let screen = try first.tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") }
            #expect(!screen.contains("vs last run"), "a first run has nothing to compare with")
            try first.quit()
        }
        // A new process, after cargo clean: the first build of this dashboard compares with the run before.
        _ = try CommandRunner.run(["cargo", "clean"], directory: project, timeout: 60)
        let second = try DashboardRun("history-second", arguments: arguments, environment: Self.cacheable)
        defer { second.tmux.kill() }
        let screen = try second.tmux.waitFor(timeout: 120) { $0.contains("✔ succeeded") && $0.contains("vs last run") }
        #expect(screen.contains("vs last run  hits +1 · misses −1"), "\(screen)")
        try second.tmux.send("h")
        let history = try second.tmux.waitFor(timeout: 10) { $0.contains("Runs 2, newest first") }
        #expect(history.contains("Hit rate") && history.contains("Build time") && history.contains("Cache size"))
        #expect(history.contains("100%") && history.contains("0%"), "the hit-rate axis is labelled")
        #expect(history.components(separatedBy: "succeeded").count - 1 >= 2, "\(history)")
        try second.tmux.send("Enter")
        let opened = try second.tmux.waitFor(timeout: 10) { $0.contains("Compared with the run before") }
        #expect(opened.contains("Compiles (1)") && opened.contains("tiny"), "\(opened)")
        try second.tmux.send("Escape")
        try second.tmux.send("Escape")
        _ = try second.tmux.waitFor(timeout: 10) { $0.contains("Log") && !$0.contains("Runs 2") }
        try second.quit()
        #expect(second.terminalRestored)
        let runs = try Self.historyJSON(mount)
        #expect(runs.count == 2)
        #expect(runs.map { ($0["hits"] as? NSNumber)?.intValue } == [1, 0])
        #expect(runs.allSatisfy { $0["outcome"] as? String == "succeeded" && ($0["exit_status"] as? NSNumber) == 0 })
    }

    @Test("kill -9 of the dashboard mid-run: the history is sound, earlier runs whole, the run reads interrupted")
    func killedDashboard() throws {
        guard Harness.require(["sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("history kill")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/m"
        let base = ["--engine", "native", "--project", project, "--mount-root", mount, "--"]
        // An earlier run, headless: kept as it ended (a failure, exit 3).
        let headless = try Harness.cachewatch(base + ["sh", "-c", "exit 3"])
        #expect(headless.status == 3)
        let run = try DashboardRun("history-kill", arguments: base + ["sleep", "60"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("● running") }
        let pid = try #require(run.pid)
        // The run is noted when it begins: a deadline on seeing it there, not a sleep.
        Harness.waitUntil(30) { (try? Self.historyJSON(mount))?.count == 2 }
        kill(pid, SIGKILL)
        let runs = try Self.waitForOutcome(mount, "interrupted")
        #expect(runs.map { $0["outcome"] as? String } == ["interrupted", "failed"])
        #expect((runs[1]["exit_status"] as? NSNumber)?.intValue == 3)
        let store = try HistoryStore(mountRoot: mount)
        #expect(try store.integrityCheck() == "ok")
    }

    /// The history's runs once one reads `outcome` (a deadline, not a sleep: the process ends in its own time).
    private static func waitForOutcome(_ mount: String, _ outcome: String, timeout: Double = 30) throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(timeout)
        var runs: [[String: Any]] = []
        repeat {
            if FileManager.default.fileExists(atPath: mount + "/cachewatch/history.sqlite") { runs = try historyJSON(mount) }
            if runs.contains(where: { $0["outcome"] as? String == outcome }) { return runs }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        return runs
    }

    @Test("Closing the terminal (SIGHUP) mid-build: the run reads stopped, not interrupted")
    func terminalClosed() throws {
        guard Harness.require(["sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("history hup")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/m"
        let run = try DashboardRun(
            "history-hup", arguments: ["--engine", "native", "--project", project, "--mount-root", mount, "--", "sleep", "60"])
        _ = try run.tmux.waitFor(timeout: 60) { $0.contains("● running") }
        run.tmux.kill()  // the terminal goes: SIGHUP, and its descriptor hangs up
        let runs = try Self.waitForOutcome(mount, "stopped")
        #expect(runs.map { $0["outcome"] as? String } == ["stopped"], "\(runs)")
        #expect(Harness.survivors(marked: run.marker, timeout: 20).isEmpty)
    }

    @Test("SIGTERM while sccache's server starts (an unreachable cache): the attempt is kept as stopped")
    func terminatedWhileStarting() throws {
        guard Harness.require(["sccache", "tmux"]) else { return }
        let work = try Harness.temporaryDirectory("history term")
        let project = try Scratch.tinyProject(at: work + "/project")
        let mount = work + "/m"
        let closed = try #require(Ports.free())
        let run = try DashboardRun(
            "history-term",
            arguments: ["--engine", "native", "--project", project, "--mount-root", mount, "--no-probe", "--", "true"],
            environment: ["SCCACHE_REDIS_ENDPOINT": "redis://127.0.0.1:\(closed)"])
        defer { run.tmux.kill() }
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("starting sccache's server") }
        let pid = try #require(run.pid)
        kill(pid, SIGTERM)
        _ = try run.tmux.waitFor(timeout: 30) { $0.contains("CACHEWATCH-EXITED") }
        let runs = try Self.waitForOutcome(mount, "stopped")
        #expect(runs.map { $0["outcome"] as? String } == ["stopped"], "\(runs)")
    }

    @Test("kill -9 of a writer mid-write, again and again: the file stays sound and every run in it is whole")
    func killedWriter() throws {
        let bench = try #require(Self.bench, "cachewatch-bench is built beside cachewatch by swift build")
        let directory = try Harness.temporaryDirectory("history writer kill")
        let path = directory + "/history.sqlite"
        var committed = 0
        for round in 0..<6 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: bench)
            process.arguments = ["history-writer", path, String(round * 10_000), "100000"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Somewhere in a write: the writer commits a run every couple of milliseconds.
            Thread.sleep(forTimeInterval: 0.4 + Double(round) * 0.13)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let ids = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            committed += ids.split(separator: "\n").count
        }
        let store = try HistoryStore(path: path)
        #expect(store.takeNotes().isEmpty, "nothing was set aside")
        #expect(try store.integrityCheck() == "ok")
        let size = try store.size()
        let entries = try store.entries(limit: 100_000)
        let ended = entries.filter { $0.state == .ended }.count
        // Every run that reported its commit is there; every ended run has all 300 compiles.
        #expect(ended >= committed && committed > 0)
        #expect(size.compiles == ended * 300)
        #expect(try store.markInterrupted() == entries.count - ended)
    }

    @Test("Two writer processes at once on one file: no run lost")
    func twoWriters() throws {
        let bench = try #require(Self.bench, "cachewatch-bench is built beside cachewatch by swift build")
        let directory = try Harness.temporaryDirectory("history two writers")
        let path = directory + "/history.sqlite"
        let writers = try (0..<2).map { n -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: bench)
            process.arguments = ["history-writer", path, String(n * 1000), "150"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        for writer in writers { writer.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationStatus == 0 })
        let store = try HistoryStore(path: path)
        let size = try store.size()
        #expect(size.runs == 300 && size.compiles == 300 * 300)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("Two dashboards' builds on one mount root at once: both runs kept")
    func twoHeadlessRuns() throws {
        guard Harness.require(["sccache"]) else { return }
        let work = try Harness.temporaryDirectory("history two runs")
        let mount = work + "/m"
        let projects = try (0..<2).map { try Scratch.tinyProject(at: work + "/p\($0)") }
        let group = DispatchGroup()
        let statuses = LockedValue<[Int32]>([])
        for project in projects {
            group.enter()
            DispatchQueue.global().async {
                let result = try? Harness.cachewatch(
                    ["--engine", "native", "--project", project, "--mount-root", mount, "--", "sh", "-c", "sleep 1; exit 0"])
                statuses.update { $0.append(result?.status ?? -1) }
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.get() == [0, 0])
        let runs = try Self.historyJSON(mount)
        #expect(Set(runs.compactMap { $0["project"] as? String }) == Set(projects))
    }

    @Test("Headless on a full disk: the run is kept in the reserve, the next one says it is not kept; never interrupted")
    func fullDiskHeadless() throws {
        guard Harness.require(["sccache"]) else { return }
        let disk = try Scratch.tmpfs("history full headless", megabytes: 8)
        defer { Scratch.unmount(disk) }
        let project = try Scratch.tinyProject(at: try Harness.temporaryDirectory("history full project") + "/p")
        let base = ["--engine", "native", "--headless", "--no-record", "--project", project, "--mount-root", disk, "--", "true"]
        #expect(try Harness.cachewatch(base).status == 0)
        #expect(FileManager.default.fileExists(atPath: disk + "/cachewatch/history.sqlite.reserve"))
        // Fill what is left.
        let handle = try #require(
            FileHandle(
                forWritingAtPath: { () -> String in
                    #expect(FileManager.default.createFile(atPath: disk + "/filler", contents: nil))
                    return disk + "/filler"
                }()))
        let chunk = Data(repeating: 1, count: 64 << 10)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        let small = Data(repeating: 1, count: 512)
        while (try? handle.write(contentsOf: small)) != nil {}
        try handle.close()
        let kept = try Harness.cachewatch(base)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr.contains("its reserve was used to keep this run"), "\(kept.stderr)")
        // Runs go on, kept in what the reserve freed, until one is not: it says so, and succeeds all the same.
        var keptRuns = 2
        var lost: CommandResult?
        for _ in 0..<60 {
            let next = try Harness.cachewatch(base)
            #expect(next.status == 0)
            if next.stderr.contains("This run is not kept in the history: the disk is full") {
                lost = next
                break
            }
            keptRuns += 1
        }
        #expect(lost != nil, "a run on the full disk said it was not kept")
        let listed = try Harness.cachewatch(["history", "--mount-root", disk, "--limit", "100"])
        #expect(
            listed.status == 0 && !listed.stderr.contains("SQLITE") && !listed.stderr.contains("database or disk"),
            "\(listed.stderr)")
        #expect(!listed.stdout.contains("interrupted"), "\(listed.stdout)")
        #expect(listed.stdout.components(separatedBy: "succeeded").count - 1 == keptRuns, "\(listed.stdout)")
    }

    @Test("A full disk during a write loses that run's row, never the database; the next write works again")
    func fullDisk() throws {
        let disk = try Scratch.tmpfs("history full", megabytes: 4)
        defer { Scratch.unmount(disk) }
        let path = disk + "/history.sqlite"
        let store = try HistoryStore(path: path)
        try store.save((0..<5).map { SyntheticHistory.record($0, compiles: 50) })
        // Fill what is left.
        let filler = disk + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: filler))
        let chunk = Data(repeating: 1, count: 64 << 10)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try handle.close()
        var failure: Error?
        for index in 5..<40 {
            do { try store.save(SyntheticHistory.record(index, compiles: 300)) } catch {
                failure = error
                break
            }
        }
        let error = try #require(failure, "a write failed on the full disk")
        #expect(HistoryError.describe(error) == "the disk is full")
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.entries().count >= 5)
        try FileManager.default.removeItem(atPath: filler)
        try store.save(SyntheticHistory.record(1000, compiles: 50))
        #expect(try store.record(SyntheticHistory.record(1000, compiles: 50).id) != nil)
        #expect(try store.integrityCheck() == "ok")
    }
}

/// cachewatch never changes a cache key: sccache hashes every `CARGO_*` variable, and the native engine adds none.
@Suite("Keys shared with a plain build", .serialized)
struct SharedKeyTests {
    @Test("A plain cargo build with RUSTC_WRAPPER=sccache, then the same under cachewatch on the same cache: all hits")
    func plainThenCachewatch() throws {
        guard Harness.require(["cargo", "sccache"]) else { return }
        let work = try Harness.temporaryDirectory("shared keys")
        let project = try Harness.smallWorkspace(in: work)
        let mount = work + "/m"
        let sccache = try SccacheLocator.locate(explicit: nil)
        let port = try #require(Ports.free())
        let environment = [
            "RUSTC_WRAPPER": sccache, "SCCACHE_DIR": mount + "/sccache", "SCCACHE_SERVER_PORT": String(port),
        ]
        let plain = try CommandRunner.run(
            Array(Harness.smallBuild.dropFirst()), environment: environment, directory: project, timeout: 600)
        #expect(plain.succeeded, "\(plain.stderr.suffix(2000))")
        _ = try? CommandRunner.run([sccache, "--stop-server"], environment: environment, timeout: 30)
        SafeFile.removeTree(project + "/target")
        let watched = try Harness.cachewatch(
            [
                "--engine", "native", "--headless", "--project", project, "--mount-root", mount, "--no-record", "--report",
                work + "/report.json",
            ] + Harness.smallBuild)
        #expect(watched.succeeded, "\(watched.stdout.suffix(2000))\n\(watched.stderr)")
        let report = try Harness.json(atPath: work + "/report.json")
        #expect(Harness.misses(inReport: report) == 0, "every cacheable crate hits what the plain build stored")
        #expect((Harness.hits(inReport: report) ?? 0) >= 3, "the workspace's three cacheable libraries")
    }
}

/// Crate names come from sccache's log, which a container writes; commands and paths from the history database:
/// whatever they hold, no command prints a control character.
@Suite("History and why print no control character, whatever the history holds")
struct HistoryControlCharacterTests {
    @Test("A crafted crate name, command and path: history, show, diff and why print them inert")
    func craftedNames() throws {
        guard Harness.require([]) else { return }
        let mount = try Harness.temporaryDirectory("history controls")
        try FileManager.default.createDirectory(atPath: mount + "/cachewatch", withIntermediateDirectories: true)
        let title = "\u{1B}]0;pwned\u{07}"
        let clear = "\u{1B}[2J\u{1B}[H"
        let clipboard = "\u{1B}]52;c;" + String(repeating: "QUJD", count: 40) + "\u{1B}\\"
        var records: [RunRecord] = []
        for index in 0..<2 {
            var record = SyntheticHistory.record(index, compiles: 12)
            record.compiles[1].name = "evil\(title)\(clear)crate\u{9B}31m"
            record.compiles[2].name = "clip\(clipboard)"
            record.command = ["cargo", "build", "--features=\(title)x\r\nfake"]
            record.project = "/home/dev/\(clear)proj"
            records.append(record)
        }
        let store = try HistoryStore(mountRoot: mount)
        try store.save(records)
        let ids = records.map(\.id.value)
        let outputs = try [
            ["history", "--mount-root", mount],
            ["history", "show", "--mount-root", mount, ids[1]],
            ["history", "diff", "--mount-root", mount, ids[0], ids[1]],
            ["why", "--mount-root", mount, ids[1]],
        ].map { try Harness.cachewatch($0, environment: ["COLUMNS": "60"]) }
        for (index, output) in outputs.enumerated() {
            let text = output.stdout + output.stderr
            #expect(!text.isEmpty)
            #expect(
                !text.unicodeScalars.contains { TerminalSafe.isUnsafe($0) },
                "command \(index): \(text.debugDescription.prefix(600))")
        }
        #expect(outputs[1].stdout.contains("evil^[]0;pwned^G^[[2J^[[Hcrate"), "\(outputs[1].stdout)")
    }
}
