/// A run from the history as lines of text with roles: one run (its summary, its comparison with the run before,
/// its compiles) or two runs side by side (crate by crate). The history view draws these lines; `cachewatch
/// history show` and `diff` print them.
public enum RunText {
    public typealias Line = [Segment]

    public static func lines(_ runs: HistoryRuns, utcOffset: Int) -> [Line] {
        switch runs {
        case .run(let record, let before, let last):
            return run(record, before: before, lastCompiles: last ?? [:], utcOffset: utcOffset)
        case .diff(let older, let newer): return diff(older, newer, utcOffset: utcOffset)
        case .why(let record): return WhyText.lines(record, utcOffset: utcOffset)
        }
    }

    /// Plain text, as the command line prints it.
    public static func plain(_ lines: [Line]) -> String {
        lines.map { line in line.map(\.text).joined() }.joined(separator: "\n") + "\n"
    }

    static func run(_ record: RunRecord, before: RunRecord?, lastCompiles: [String: CrateResult], utcOffset: Int) -> [Line] {
        var lines: [Line] = [[Segment("Run \(record.id.value)", .paneTitle(focused: true))]]
        lines += summary(record, utcOffset: utcOffset)
        lines.append([])
        if let before {
            lines.append([
                Segment("Compared with the run before ", .label),
                Segment("\(before.id.value), \(Timestamp.minute(before.startedAt, offset: utcOffset))", .muted),
            ])
            let since = RunComparison(before: before, after: record)
            lines.append([Segment("  " + since.text, .value)])
            if !since.regressions.isEmpty {
                lines.append([Segment("  Hit then, miss now: " + since.regressions.joined(separator: ", "), .warning)])
            }
        } else {
            lines.append([Segment("No earlier run of the same project, engine, image and command to compare with", .muted)])
        }
        lines.append([])
        lines.append([Segment("Compiles (\(record.compiles.count))", .label)])
        guard !record.compiles.isEmpty else {
            lines.append([Segment("  none recorded (sccache's log had no compile of this run)", .muted)])
            return lines
        }
        let width = min(32, max(12, record.compiles.map { CharacterWidth.of($0.name) }.max() ?? 0))
        // Each compile beside its unit's last compile, however many runs back; else the run before's of that name.
        let compared = before != nil || !lastCompiles.isEmpty
        let older = record.compiles.compactMap { compile -> CrateResult? in
            guard var last = lastCompiles[compile.name] else { return nil }
            last.name = compile.name
            return last
        }
        // On a build farm: where each compile ran (its server, or why it fell back to this machine).
        let place = record.farm == nil ? 0 : 26
        lines.append([
            Segment(
                "  " + "Crate".padding(to: width) + " " + "Kind".padding(to: 12) + " " + "Result".padding(to: 13) + " "
                    + "Time".leftPadded(to: 8) + "   " + (place > 0 ? "Ran on".padding(to: place) + " " : "")
                    + (compared ? "Last time" : ""), .muted)
        ])
        for change in CrateDiff.pair(older + (before?.compiles ?? []), record.compiles) {
            guard let compile = change.after else { continue }
            var line: Line = [
                Segment("  " + cut(compile.name, width).padding(to: width) + " ", .text),
                Segment((compile.kind ?? "").padding(to: 12) + " ", .muted),
                Segment(cut(compile.outcome.shortLabel, 13).padding(to: 13) + " ", role(compile.outcome)),
                Segment(seconds(compile.seconds).leftPadded(to: 8) + "   ", .value),
            ]
            if place > 0 {
                var text = compile.ranOn
                var role = StyleRole.muted
                if case .fellBack(let reason)? = compile.farm {
                    text += " · fell back: \(reason)"
                    role = .warning
                }
                if case .refused(let reason)? = compile.farm {
                    text = "refused: \(reason)"
                    role = .warning
                }
                line.append(Segment(cut(text, place).padding(to: place) + " ", role))
            }
            if compared {
                if let old = change.before {
                    let text = "\(old.outcome.shortLabel) \(seconds(old.seconds))"
                    line.append(Segment(text, change.regressed ? .warning : .muted))
                } else {
                    line.append(Segment("new", .muted))
                }
            }
            lines.append(line)
        }
        return lines
    }

    static func diff(_ older: RunRecord, _ newer: RunRecord, utcOffset: Int) -> [Line] {
        var lines: [Line] = [[Segment("Comparing two runs", .paneTitle(focused: true))]]
        for (label, record) in [("A", older), ("B", newer)] {
            lines.append([
                Segment("\(label)  ", .label), Segment(record.id.value, .value),
                Segment("  \(Timestamp.minute(record.startedAt, offset: utcOffset))  \(record.engine)  ", .muted),
                Segment(ShellQuote.join(record.command), .text),
            ])
            lines.append([Segment("   " + RunVerdict.text(record), RunVerdict.role(record.outcome))])
        }
        lines.append([Segment("B vs A: ", .label), Segment(RunComparison(before: older, after: newer).text, .value)])
        if older.comparisonKey != newer.comparisonKey {
            lines.append([Segment("Different project, engine, image or command: crates may differ for that reason", .warning)])
        }
        lines += farmDiff(older.farm, newer.farm)
        lines.append([])
        let (changes, unchanged) = CrateDiff.notable(older.compiles, newer.compiles)
        lines.append([
            Segment("Compiles that changed: \(changes.count)", .label),
            Segment(" (\(unchanged) unchanged; time changes under 0.2 s or a quarter are not shown)", .muted),
        ])
        guard !changes.isEmpty else { return lines }
        let width = min(32, max(12, changes.map { CharacterWidth.of($0.name) }.max() ?? 0))
        lines.append([
            Segment(
                "  " + "Crate".padding(to: width) + " " + "A".padding(to: 20) + " " + "B".padding(to: 20) + " "
                    + "Change".leftPadded(to: 9), .muted)
        ])
        for change in changes {
            let a = change.before.map { "\(cut($0.outcome.shortLabel, 13)) \(seconds($0.seconds))" } ?? "—"
            let b = change.after.map { "\(cut($0.outcome.shortLabel, 13)) \(seconds($0.seconds))" } ?? "—"
            let delta = change.secondsDelta.map { ($0 >= 0 ? "+" : "−") + Durations.format(abs($0)) } ?? ""
            lines.append([
                Segment("  " + cut(change.name, width).padding(to: width) + " ", .text),
                Segment(a.padding(to: 20) + " ", change.before.map { role($0.outcome) } ?? .muted),
                Segment(b.padding(to: 20) + " ", change.after.map { role($0.outcome) } ?? .muted),
                Segment(delta.leftPadded(to: 9), change.regressed ? .warning : .value),
            ])
        }
        return lines
    }

    /// The summary block of a run: when, where, what, how it ended, what sccache did.
    static func summary(_ record: RunRecord, utcOffset: Int) -> [Line] {
        func row(_ label: String, _ value: String, _ role: StyleRole = .value) -> Line {
            [Segment("  " + label.padding(to: 11), .label), Segment(value, role)]
        }
        var engineText = record.engine.name
        if let image = record.image { engineText += ", " + image }
        if let digest = record.imageDigest { engineText += " (" + String(digest.prefix(19)) + "…)" }
        var lines = [
            row("Started", Timestamp.second(record.startedAt, offset: utcOffset)),
            row("Engine", engineText),
            row("Project", record.project),
            row("Command", ShellQuote.join(record.command), .text),
            row("Outcome", RunVerdict.text(record), RunVerdict.role(record.outcome)),
        ]
        if let stats = record.stats {
            var text = "\(Rows.count(stats.compileRequests)) requests · \(Rows.count(stats.hits.total)) hits · "
            text += "\(Rows.count(stats.misses.total)) misses · \(Durations.percent(stats.hitRate)) hit rate"
            lines.append(row("sccache", text))
            for level in stats.levels ?? [] { lines.append(row("  " + level.shortName, level.sentence)) }
        } else {
            lines.append(row("sccache", "no statistics for this run", .muted))
        }
        var cacheText = record.cacheBytes.map(ByteSize.format) ?? "–"
        if let saved = record.savedSeconds, saved >= 0.05 { cacheText += " · saved ≈ \(Durations.format(saved))" }
        lines.append(row("Cache", cacheText))
        if let cache = record.cache, !cache.isLocalDisk { lines.append(row("Backend", cache.summary)) }
        if let farm = record.farm {
            let healthy = farm.state == .connected && farm.fallbacks == 0
            lines.append(row("Build farm", farm.summary, healthy ? .value : .warning))
            // Under the value: each server's share, the fallbacks' reasons.
            for (server, count) in farm.servers { lines.append(row("", "\(server): \(count) compiled there", .muted)) }
            if !farm.fallbackReasons.isEmpty { lines.append(row("", "fell back: " + farm.reasonsText, .warning)) }
        }
        var logText = "\(record.logErrors) errors · \(record.logWarnings) warnings"
        if let file = record.logFile { logText += " · \(file)" }
        lines.append(row("Log", logText))
        for warning in record.warnings { lines.append(row("Warning", warning.message, .warning)) }
        return lines
    }

    /// Two runs' build farms: each server's compiles in A and B, a server that is gone in B said so, the fallbacks.
    static func farmDiff(_ a: RunFarm?, _ b: RunFarm?) -> [Line] {
        guard a != nil || b != nil else { return [] }
        var lines: [Line] = [[], [Segment("Build farm", .label)]]
        guard let a, let b else {
            let which = a == nil ? "B" : "A"
            lines.append([Segment("  only \(which) ran with a build farm", .muted)])
            return lines
        }
        let servers = Set(a.compiles.keys).union(b.compiles.keys).sorted()
        let width = min(24, max(12, servers.map { CharacterWidth.of($0) }.max() ?? 0))
        lines.append([
            Segment("  " + "Server".padding(to: width) + " " + "A".leftPadded(to: 8) + " " + "B".leftPadded(to: 8), .muted)
        ])
        for server in servers {
            let (before, after) = (a.compiles[server], b.compiles[server])
            var line: Line = [
                Segment("  " + cut(server, width).padding(to: width) + " ", .text),
                Segment((before.map(String.init) ?? "—").leftPadded(to: 8) + " ", .value),
                Segment((after.map(String.init) ?? "—").leftPadded(to: 8), .value),
            ]
            if before != nil && after == nil { line.append(Segment("   gone in B: it ran nothing", .warning)) }
            if before == nil && after != nil { line.append(Segment("   new in B", .muted)) }
            lines.append(line)
        }
        for (label, farm) in [("A", a), ("B", b)] where farm.fallbacks > 0 || farm.state != .connected {
            var text = "\(farm.fallbacks) fell back to this machine"
            if !farm.fallbackReasons.isEmpty { text += " (\(farm.reasonsText))" }
            if farm.state != .connected { text = farm.state.rawValue + (farm.reason.map { " (\($0))" } ?? "") + " · " + text }
            lines.append([Segment("  \(label): ", .label), Segment(text, .warning)])
        }
        return lines
    }

    static func role(_ outcome: CrateResult.Outcome) -> StyleRole {
        switch outcome {
        case .hit: return .hit
        case .miss: return .miss
        case .error, .interrupted: return .warning
        default: return .muted
        }
    }

    static func seconds(_ value: Double?) -> String { value.map { Durations.format($0) } ?? "–" }

    static func cut(_ text: String, _ width: Int) -> String {
        CharacterWidth.of(text) > width ? CharacterWidth.prefix(text, width: width - 1) + "…" : text
    }
}
