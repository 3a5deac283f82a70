// The properties the coverage-guided fuzzer checks (scripts/fuzz builds this file with the Core sources into one
// libFuzzer binary) and the regression test replays over the saved corpus (FuzzCorpus/). Each returns nil when
// the property holds, else what broke; a crash is a failure too.
#if !FUZZING
    import Foundation
    @testable import CacheWatchCore
#else
    import Foundation
#endif

enum FuzzTarget: String, CaseIterable, Sendable {
    /// PTY bytes → final-stats filter → lines (fast path against the cell grid) → log pane → screen.
    case log
    /// sccache's JSON → stats → the panel's rows.
    case statsJSON = "stats-json"
    /// sccache's text report → stats.
    case statsText = "stats-text"
    /// sccache's server log → crate table and cache failure causes.
    case serverLog = "server-log"
    /// The JSON report around stats that parsed: always valid JSON, the command intact.
    case report
    /// Secret masking: idempotent, and what is masked stays masked.
    case secretMask = "secret-mask"
    /// A config file before the TOML parser: the pre-scan and the key-line scan never crash, and a refusal names a
    /// line of the text.
    case config
    /// Text printed by a command: no control character is left.
    case terminalText = "terminal-text"
}

enum FuzzProperties {
    static func check(_ target: FuzzTarget, _ bytes: [UInt8]) -> String? {
        switch target {
        case .log: return log(bytes)
        case .statsJSON: return statsJSON(bytes)
        case .statsText: return statsText(bytes)
        case .serverLog: return serverLog(bytes)
        case .report: return report(bytes)
        case .secretMask: return secretMask(bytes)
        case .config: return config(bytes)
        case .terminalText: return terminalText(bytes)
        }
    }

    /// The first byte picks the chunk size, so the fuzzer also explores how reads split the stream.
    static func log(_ bytes: [UInt8]) -> String? {
        guard let first = bytes.first else { return nil }
        let chunk = Int(first % 64) + 1
        var filter = FinalStatsFilter()
        var fast = LineAssembler(maxColumns: 200)
        var cells = LineAssembler(maxColumns: 200, cellsOnly: true)
        var pane = LogPaneState(capacity: 50)
        var fastLines: [LogLine] = []
        var cellLines: [LogLine] = []
        var index = 1
        while index < bytes.count {
            let end = min(bytes.count, index + chunk)
            let (output, payloads) = filter.feed(Array(bytes[index..<end]))
            for payload in payloads { _ = FinalStatsMarker.split(payload) }
            fastLines += fast.feed(output)
            cellLines += cells.feed(output)
            pane.ingest(output)
            index = end
        }
        let rest = filter.finish()
        fastLines += fast.feed(rest)
        cellLines += cells.feed(rest)
        if let last = fast.finish() { fastLines.append(last) }
        if let last = cells.finish() { cellLines.append(last) }
        guard fastLines == cellLines else {
            return "the fast path and the cell grid disagree: \(fastLines.map(\.text)) vs \(cellLines.map(\.text))"
        }
        for line in fastLines {
            if line.text.count > 200 + 40 { return "a line longer than its bound: \(line.text.count)" }
            if line.text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) || $0.value == 0x1B }) {
                return "a control character reached a line's text: \(line.text.debugDescription)"
            }
        }
        for i in 0..<pane.lineCount { _ = pane.line(at: i) }
        return nil
    }

    static func statsJSON(_ bytes: [UInt8]) -> String? {
        guard let stats = try? SccacheJSONParser.parse(String(decoding: bytes, as: UTF8.self)) else { return nil }
        if let rate = stats.hitRate, !(rate >= 0 && rate <= 1) { return "hit rate \(rate) outside 0…1" }
        return render(stats)
    }

    static func statsText(_ bytes: [UInt8]) -> String? {
        guard let stats = SccacheTextParser.parse(String(decoding: bytes, as: UTF8.self)) else { return nil }
        if let rate = stats.hitRate, !(rate >= 0 && rate <= 1) { return "hit rate \(rate) outside 0…1" }
        return render(stats)
    }

    static func serverLog(_ bytes: [UInt8]) -> String? {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        var crates = CrateLogParser()
        var problems = CacheProblemLog()
        crates.feed(lines)
        problems.feed(lines)
        let s = crates.summary
        if s.hits + s.misses + s.notCacheable + s.errors > crates.results.count {
            return "the summary counts more rows than exist"
        }
        var stats = SccacheStats()
        stats.cacheWriteErrors = problems.writeCauses.reduce(0) { $0 + $1.count }
        _ = RunWarning.cacheFailures(stats, problems: problems).map(\.message)
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: nil)
        _ = state.update(.resize(width: 100, height: 30))
        _ = state.update(.serverLog(lines))
        _ = state.update(.buildEnded(.exited(0), now: 1, stopped: false))
        var screen = Screen(width: 100, height: 30)
        DashboardView.render(state, into: &screen)
        return nil
    }

    /// Bytes before the first NUL are sccache's JSON; the rest, split at NULs, the command.
    static func report(_ bytes: [UInt8]) -> String? {
        let parts = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let json = parts.first else { return nil }
        let command = Array(parts.dropFirst())
        let stats = try? SccacheJSONParser.parse(json)
        let record = RunRecord(
            id: RunID(command.last ?? "r"), engine: .native, project: command.first ?? "/p", command: command,
            image: command.last, facts: RunFacts(container: command.first ?? ""), startedAt: 1.7e9, duration: 1.5,
            outcome: command.count % 2 == 0 ? .ended(.exited(0), stopped: false) : .failedToStart(json),
            statsJSON: stats == nil ? nil : json, stats: stats,
            compiles: command.map { CrateResult(name: $0, outcome: .other($0), seconds: 0.5, sequence: 0) },
            disk: DiskUsage(directories: [DirectoryUsage(name: "target", path: command.first ?? "/p", exists: true)]),
            logFile: command.last, warnings: command.map(RunWarning.worded))
        let report = RunReport.json(record)
        guard let object = try? JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any] else {
            return "the report is not JSON: \(report)"
        }
        let decoded = object["command"] as? [String]
        // JSON cannot carry lone surrogates; the decoder may normalise what came from bad UTF-8 the same way.
        if decoded?.count != command.count { return "the command did not survive: \(command) → \(decoded ?? [])" }
        return nil
    }

    static func secretMask(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let once = SecretMask.text(text)
        if SecretMask.text(once) != once { return "masking is not idempotent: \(text.debugDescription)" }
        let arguments = text.split(separator: "\n").map(String.init)
        let masked = SecretMask.arguments(arguments)
        if masked.count != arguments.count { return "masking changed the number of arguments" }
        if SecretMask.arguments(masked) != masked { return "argument masking is not idempotent: \(arguments)" }
        return nil
    }

    static func config(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = bytes.count(where: { $0 == 0x0A }) + 1
        if let problem = ConfigLimits.problem(in: text), !(1...lines).contains(problem.line) {
            return "a refusal at line \(problem.line) of a text of \(lines) lines"
        }
        if ConfigLines.locate(text).values.contains(where: { !(1...lines).contains($0) }) {
            return "a key located outside the text"
        }
        return nil
    }

    static func terminalText(_ bytes: [UInt8]) -> String? {
        let safe = TerminalSafe.text(String(decoding: bytes, as: UTF8.self))
        if safe.unicodeScalars.contains(where: TerminalSafe.isUnsafe) { return "a control character is left" }
        if TerminalSafe.text(safe) != safe { return "filtering is not idempotent" }
        return nil
    }

    private static func render(_ stats: SccacheStats) -> String? {
        var state = AppState(session: SessionInfo(engine: .native, project: "p", command: "c"), cacheLimit: 1 << 30)
        _ = state.update(.resize(width: 90, height: 30))
        _ = state.update(.buildStarted(now: 0))
        _ = state.update(.stats(stats, final: false))
        _ = state.update(.buildEnded(.exited(0), now: 1, stopped: false))
        var screen = Screen(width: 90, height: 30)
        DashboardView.render(state, into: &screen)
        _ = state.update(.key(.character("x")))
        DashboardView.render(state, into: &screen)
        return nil
    }
}
