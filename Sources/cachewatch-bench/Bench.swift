import CacheWatchCore
import CacheWatchRunner
import CacheWatchTerminal
import Foundation

/// `make bench`: each figure beside a baseline measured in the same run on the same input.
@main
enum Bench {
    static func main() throws {
        let work = NSTemporaryDirectory() + "cachewatch-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        if CommandLine.arguments.dropFirst().first == "present" {
            try present(output: CommandLine.arguments.dropFirst(2).first ?? "/dev/stdout")
            return
        }
        // `gen-log LINES PATH`: the generated cargo-like log, for the end-to-end benchmarks of scripts/bench.
        if CommandLine.arguments.dropFirst().first == "gen-log", CommandLine.arguments.count == 4,
            let lines = Int(CommandLine.arguments[2])
        {
            let bytes = try CargoLog.write(lines: lines, to: CommandLine.arguments[3])
            print(bytes)
            return
        }
        // `gen-history PATH RUNS [COMPILES]` and `history-writer PATH START COUNT`: see HistoryBench.
        if CommandLine.arguments.dropFirst().first == "gen-history", CommandLine.arguments.count >= 4,
            let runs = Int(CommandLine.arguments[3])
        {
            let compiles = CommandLine.arguments.count > 4 ? Int(CommandLine.arguments[4]) ?? 300 : 300
            let seconds = try HistoryBench.generate(path: CommandLine.arguments[2], runs: runs, compiles: compiles)
            print(String(format: "%.1f", seconds))
            return
        }
        if CommandLine.arguments.dropFirst().first == "history-writer", CommandLine.arguments.count == 5,
            let start = Int(CommandLine.arguments[3]), let count = Int(CommandLine.arguments[4])
        {
            try HistoryBench.writer(path: CommandLine.arguments[2], start: start, count: count)
            return
        }
        let only = Set(CommandLine.arguments.dropFirst())
        func wanted(_ name: String) -> Bool { only.isEmpty || only.contains(name) }
        print("cachewatch benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        // First: the polling figure counts the whole process's CPU, and what the other benchmarks leave behind
        // (after the replay's, several % of a core for a while) would be counted with it.
        if wanted("poll") {
            try polling(work: work)
            try pollingInContainer(work: work)
        }
        if wanted("ingest") { try ingest(work: work) }
        if wanted("frame") { frames() }
        if wanted("disk") { try diskScan(work: work) }
        if wanted("watch") { try watchPolling(work: work) }
        if wanted("replay") { try ReplayBench.run(work: work) }
        // Last: it writes (and deletes) a 300 MB database.
        if wanted("history") { try HistoryBench.run(work: work) }
    }

    // MARK: 1 + 4. Log ingest and memory

    static func ingest(work: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let lines = Int(environment["CACHEWATCH_BENCH_LINES"] ?? "") ?? 1_000_000
        // CACHEWATCH_BENCH_LOG reuses a generated log (for profiling the ingest alone).
        let path = environment["CACHEWATCH_BENCH_LOG"] ?? work + "/cargo-like.log"
        let bytes: Int
        if FileManager.default.fileExists(atPath: path) {
            bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        } else {
            bytes = try CargoLog.write(lines: lines, to: path)
        }
        let wc = try time { _ = try CommandRunner.run(["wc", "-l", path], timeout: 600) }
        let rssBefore = Memory.peakRSS()
        // Three runs on the same file; the median is the figure.
        var runs: [Double] = []
        for _ in 0..<3 {
            runs.append(
                try time {
                    // What the PTY reader and the dashboard do with each read: the final-stats filter, then the state.
                    var markers = FinalStatsFilter()
                    var state = AppState(session: SessionInfo(engine: "bench", project: "", command: ""), cacheLimit: nil)
                    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
                    while let chunk = try handle.read(upToCount: 65536), !chunk.isEmpty {
                        _ = state.update(.output(markers.feed([UInt8](chunk)).output))
                    }
                    precondition(state.log.buffer.count == min(100_000, lines * 9 / 10))
                })
        }
        runs.sort()
        let seconds = median(runs)
        let rate = Double(bytes) / seconds / 1e6
        print(
            String(
                format:
                    "ingest   %.0f MB, %d lines: %.2f s = %.0f MB/s, median of 3 (%.0f–%.0f) (target ≥ 200); wc -l %.3f s; ratio to wc -l %.1f×",
                Double(bytes) / 1e6, lines, seconds, rate, Double(bytes) / runs[2] / 1e6, Double(bytes) / runs[0] / 1e6, wc,
                seconds / wc))
        print(
            String(
                format: "memory   peak RSS %.0f MB after the ingest with the default scrollback (target ≤ 100); before %.0f MB",
                Memory.peakRSS() / 1e6, rssBefore / 1e6))
    }

    // MARK: 2. Frame cost

    static let histories = [1_000, 1_000_000]

    /// Renders dashboards with 1 000 and 1 000 000 lines of history in turns (so both see the same machine),
    /// a new log line before each frame; prints p50 and p99 of each after 200 frames to warm up.
    static func frames() {
        var states = histories.map { stateWithHistory($0, width: 200, height: 60) }
        var screens = histories.map { _ in Screen(width: 200, height: 60) }
        var samples = histories.map { _ in [Double]() }
        for i in 0..<2200 {
            for k in histories.indices {
                _ = states[k].update(.output(Array("   Compiling more-\(i) v1\r\n".utf8)))
                let seconds = time { DashboardView.render(states[k], into: &screens[k]) }
                if i >= 200 { samples[k].append(seconds) }
            }
        }
        let figures = samples.map { percentiles($0) }
        for (history, (p50, p99)) in zip(histories, figures) {
            print(
                String(
                    format: "frame    200×60 render, %7d lines of history: p50 %.3f ms, p99 %.3f ms (target p99 ≤ 2)", history,
                    p50, p99))
        }
        print(
            String(
                format: "frame    render p99 with 1 000 000 lines / with 1 000: %.2f (target within 20 %%)",
                figures[1].1 / figures[0].1))
    }

    /// The same with ncurses presenting each frame in a real terminal (scripts/bench runs this in a 200×60 tmux window).
    static func present(output: String) throws {
        let terminal = Terminal()
        let size = "\(terminal.width)×\(terminal.height)"
        var states = histories.map { stateWithHistory($0, width: terminal.width, height: terminal.height) }
        var screens = histories.map { _ in Screen(width: terminal.width, height: terminal.height) }
        var samples = histories.map { _ in [Double]() }
        for i in 0..<2200 {
            for k in histories.indices {
                // Every frame differs from the last in the whole log pane: the worst case for present.
                _ = states[k].update(.output(Array("   Compiling frame-\(i) v1\r\n".utf8)))
                let seconds = time {
                    DashboardView.render(states[k], into: &screens[k])
                    terminal.present(screens[k])
                }
                if i >= 200 { samples[k].append(seconds) }
            }
        }
        terminal.restore()
        let figures = samples.map { percentiles($0) }
        var lines = zip(histories, figures).map { history, figure in
            String(
                format:
                    "frame    %@ render + present (ncurses, tmux), %7d lines of history: p50 %.3f ms, p99 %.3f ms (target p99 ≤ 2)",
                size, history, figure.0, figure.1)
        }
        lines.append(
            String(
                format: "frame    render + present p99 with 1 000 000 lines / with 1 000: %.2f (target within 20 %%)",
                figures[1].1 / figures[0].1))
        try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
    }

    /// p50 and p99 in milliseconds.
    static func percentiles(_ seconds: [Double]) -> (Double, Double) {
        let sorted = seconds.sorted()
        return (sorted[sorted.count / 2] * 1e3, sorted[sorted.count * 99 / 100] * 1e3)
    }

    /// A dashboard whose log holds `lines` coloured cargo lines (the scrollback keeps the newest 100 000).
    static func stateWithHistory(_ lines: Int, width: Int, height: Int) -> AppState {
        var state = AppState(session: SessionInfo(engine: "bench", project: "~/p", command: "cargo build"), cacheLimit: 5 << 30)
        _ = state.update(.resize(width: width, height: height))
        var chunk: [UInt8] = []
        for i in 0..<lines {
            chunk += Array("\u{1B}[1m\u{1B}[32m   Compiling\u{1B}[0m crate-\(i) v1.0.\(i % 97) (/src/crate-\(i))\r\n".utf8)
            if chunk.count > 65536 {
                _ = state.update(.output(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        _ = state.update(.output(chunk))
        return state
    }

    // MARK: 5. Disk scan

    static func diskScan(work: String) throws {
        let root = work + "/sccache-like"
        try SccacheTree.make(root: root, files: 100_000)
        _ = try CommandRunner.run(["du", "-sb", root], timeout: 600)  // warm the cache for both
        // A scanner trusts a directory's remembered names once it has not changed for a few seconds.
        Thread.sleep(forTimeInterval: 3.5)
        var du: [Double] = []
        var first: [Double] = []
        var rescan: [Double] = []
        for _ in 0..<3 {
            du.append(try time { _ = try CommandRunner.run(["du", "-sb", root], timeout: 600) })
            let scanner = DiskScanner()
            var usage = DiskUsage(directories: [])
            first.append(time { usage = scanner.scan([("sccache", root)], owner: getuid()) })
            var again = DiskUsage(directories: [])
            rescan.append(time { again = scanner.scan([("sccache", root)], owner: getuid()) })
            precondition(again == usage && usage.directories[0].files == 100_000)
        }
        let (d, f, r) = (median(du), median(first), median(rescan))
        print(
            String(
                format:
                    "disk     100k files, medians of 3: scan %.3f s vs du -sb %.3f s = %.2f× (target ≤ 1.5×); rescan, nothing changed, %.3f s = %.2f× the first",
                f, d, f / d, r, r / f))
    }

    /// Watch mode's polling fallback on a project of 100 000 files: its CPU over 20 s, beside one scan's cost (the
    /// baseline: what a scan every second would take).
    static func watchPolling(work: String) throws {
        let root = work + "/watched-project"
        if !FileManager.default.fileExists(atPath: root) { try SccacheTree.make(root: root, files: 100_000) }
        let warm = FileWatcher(root: root, changed: { _ in })
        _ = warm.start(polling: true)  // the tree in the page cache, as a project being worked on is
        warm.stop()
        let watcher = FileWatcher(root: root, changed: { _ in })
        let scan = time { _ = watcher.start(polling: true) }
        let started = Memory.cpuSeconds()
        Thread.sleep(forTimeInterval: 30)
        let used = Memory.cpuSeconds() - started
        let polled = watcher.polled
        watcher.stop()
        print(
            String(
                format:
                    "watch    polling 100k files: first scan %.3f s (reads every directory), then %d scans of %.3f s (stamps only; every second: %.0f%% of a core); adaptive, over 30 s: %.1f%% of a core (target ≤ 5%%), an edit seen within %.1f s",
                scan, polled.scans, polled.lastSeconds, min(100, polled.lastSeconds * 100), used / 30 * 100,
                FileWatcher.nextInterval(after: polled.lastSeconds, base: 1)))
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    // MARK: 7. Stats polling

    static func polling(work: String) throws {
        guard let sccache = try? SccacheLocator.locate(explicit: nil), let port = Ports.free() else {
            print("poll     skipped: sccache not found")
            return
        }
        let client = SccacheClient(
            binary: sccache, environment: ["SCCACHE_SERVER_PORT": String(port), "SCCACHE_DIR": work + "/poll-cache"])
        let server = SccacheServer(client: client)
        let run = try RunDirectory(mountRoot: work + "/poll-mount", engine: "bench", run: 1)
        try server.start(logging: run)
        defer { server.stop() }
        let before = Memory.cpuSeconds()
        let wall = try time {
            for _ in 0..<25 {  // 10 s at the dashboard's 0.4 s interval
                let json = try client.statsJSON()
                _ = try SccacheJSONParser.parse(json)
                Thread.sleep(forTimeInterval: 0.4)
            }
        }
        let cpu = Memory.cpuSeconds() - before
        print(
            String(
                format: "poll     sccache --show-stats every 0.4 s for %.1f s: %.1f%% of one core (target ≤ 2%%), own + children",
                wall, cpu / wall * 100))
    }

    /// The docker engine's live stats: the container's poller (`DockerPlan.script`) against the same container without it.
    static func pollingInContainer(work: String) throws {
        let image = ProcessInfo.processInfo.environment["CACHEWATCH_STANDIN_IMAGE"] ?? "cachewatch/muslrust-standin:1"
        guard (try? CommandRunner.run(["docker", "image", "inspect", image], timeout: 20))?.succeeded == true else {
            print("poll     docker engine: skipped (no Docker engine or no \(image): scripts/docker-up, scripts/standin-image)")
            return
        }
        for directory in ["/docker-project", "/docker-mount/sccache", "/docker-mount/cargo/registry", "/docker-run"] {
            try FileManager.default.createDirectory(atPath: work + directory, withIntermediateDirectories: true)
        }
        var plan = DockerPlan(
            image: image, containerName: "", project: work + "/docker-project", mountRoot: work + "/docker-mount",
            registryPath: "/root/.cargo/registry", cacheSize: "1G", command: ["sleep", "30"])
        plan.runDirectory = work + "/docker-run"
        var milliseconds: [Double] = []
        for live in [false, true] {
            plan.liveStats = live
            plan.containerName = "cachewatch-bench-\(getpid())-\(live ? "poller" : "plain")"
            guard let used = try containerCPU(plan.arguments, name: plan.containerName, seconds: 9) else {
                print("poll     docker engine: skipped (the container's cgroup CPU accounting is not readable here)")
                return
            }
            milliseconds.append(used)
        }
        let (without, with) = (milliseconds[0], milliseconds[1])
        print(
            String(
                format:
                    "poll     docker engine, the container's poller every 0.4 s for 9 s: %.1f%% of one core (target ≤ 2%%); the container without it: %.0f ms",
                (with - without) / 9_000 * 100, without))
    }

    /// CPU milliseconds a container used in its first `seconds` (from its cgroup), then it is killed.
    static func containerCPU(_ arguments: [String], name: String, seconds: Double) throws -> Double? {
        let done = DispatchSemaphore(value: 0)
        Thread {
            _ = try? CommandRunner.run(arguments, timeout: 120)
            done.signal()
        }.start()
        defer {
            _ = try? CommandRunner.run(["docker", "kill", name], timeout: 30)
            done.wait()
        }
        var id = ""
        for _ in 0..<200 where id.isEmpty {
            let inspect = try CommandRunner.run(["docker", "inspect", "-f", "{{.Id}}", name], timeout: 20)
            if inspect.succeeded { id = inspect.stdout.trimmingCharacters(in: .whitespacesAndNewlines) } else { usleep(50_000) }
        }
        Thread.sleep(forTimeInterval: seconds)
        guard !id.isEmpty else { return nil }
        if let v1 = try? String(contentsOfFile: "/sys/fs/cgroup/cpuacct/docker/\(id)/cpuacct.usage", encoding: .utf8) {
            return Double(v1.trimmingCharacters(in: .whitespacesAndNewlines)).map { $0 / 1e6 }
        }
        let v2 = (try? String(contentsOfFile: "/sys/fs/cgroup/system.slice/docker-\(id).scope/cpu.stat", encoding: .utf8)) ?? ""
        let usage = v2.split(separator: "\n").first { $0.hasPrefix("usage_usec ") }?.split(separator: " ").last
        return usage.flatMap { Double($0) }.map { $0 / 1e3 }
    }

    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = MonotonicClock.now()
        try body()
        return MonotonicClock.now() - start
    }
}

/// A cargo-like log: colours, progress-bar redraws with \r, warnings, errors.
enum CargoLog {
    static func write(lines: Int, to path: String) throws -> Int {
        _ = FileManager.default.createFile(atPath: path, contents: nil)  // opening it below reports a failure
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        var total = 0
        for i in 0..<lines {
            let line: String
            switch i % 10 {
            case 0:
                line =
                    "\u{1B}[1m\u{1B}[32m   Compiling\u{1B}[0m crate-number-\(i) v1.\(i % 13).\(i % 7) (/home/user/src/project/crates/crate-\(i))\r\n"
            case 1:
                line =
                    "\u{1B}[K\u{1B}[1m\u{1B}[36m    Building\u{1B}[0m [=======>                  ] \(i)/\(lines): crate-\(i), serde, regex\r"
            case 2:
                line =
                    "\u{1B}[0m\u{1B}[1m\u{1B}[33mwarning\u{1B}[0m\u{1B}[0m\u{1B}[1m: unused variable: `value_\(i)`\u{1B}[0m\r\n"
            case 3:
                line =
                    "\u{1B}[0m  \u{1B}[0m\u{1B}[0m\u{1B}[1m\u{1B}[38;5;12m--> \u{1B}[0m\u{1B}[0msrc/module_\(i).rs:\(i % 300):\(i % 80)\u{1B}[0m\r\n"
            default:
                line =
                    "   Compiling plain-crate-\(i) v0.\(i % 50).0 (/registry/src/index.crates.io-6f17d22bba15001f/plain-\(i))\r\n"
            }
            buffer += Array(line.utf8)
            if buffer.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer))
                total += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: Data(buffer))
        try handle.synchronize()  // on disk now, so writing it back does not overlap the timed reads
        return total + buffer.count
    }
}

/// A directory shaped like sccache's cache: `<h0>/<h1>/<64-hex key>` files of a few KB.
enum SccacheTree {
    static func make(root: String, files: Int) throws {
        var rng = SystemRandomNumberGenerator()
        let payload = Data(repeating: 0x5A, count: 2048)
        for i in 0..<files {
            let key = (0..<4).map { _ in String(format: "%016llx", UInt64.random(in: 0...UInt64.max, using: &rng)) }.joined()
            let directory = "\(root)/\(key.prefix(1))/\(key.dropFirst().prefix(1))"
            if i < 256 || !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            try payload.prefix(512 + i % 1536).write(to: URL(fileURLWithPath: directory + "/" + key))
        }
    }
}

/// Resource figures of this process.
enum Memory {
    static func peakRSS() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) * 1024
    }

    /// User + system CPU seconds of this process and its waited-for children.
    static func cpuSeconds() -> Double {
        var total = 0.0
        for who in [RUSAGE_SELF.rawValue, RUSAGE_CHILDREN.rawValue] {
            var usage = rusage()
            getrusage(who, &usage)
            total += Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            total += Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        }
        return total
    }
}
