/// A run as GitHub-flavoured Markdown, for a CI job's summary page (`$GITHUB_STEP_SUMMARY`, `--summary FILE`):
/// the outcome, sccache's numbers per language with the hit rate's definition, per cache level, the reasons calls
/// were not cacheable and what they mean, the cache against its limit, the comparison with the previous run, why
/// compiles missed, and the disk under the mount root. Every value that comes from outside is escaped.
public enum JobSummary {
    /// - Parameters:
    ///   - previous: the last run of the same project, engine, image and command, from the history.
    ///   - cacheLimit: sccache's size limit as cachewatch gave it.
    public static func markdown(_ record: RunRecord, previous: RunRecord?, cacheLimit: Int64?) -> String {
        var out: [String] = []
        let mark = RunVerdict.role(record.outcome) == .success ? "✅" : "❌"
        out.append("### \(mark) cachewatch: build \(text(RunVerdict.text(record.outcome, duration: record.duration)))")
        out.append("")
        var facts = [code(ShellQuote.join(record.command)), "\(text(record.engine.name)) engine"]
        if let image = record.image { facts.append("image " + code(image)) }
        if let cache = record.cache, !cache.isLocalDisk { facts.append("cache: " + text(cache.summary)) }
        facts.append("run " + code(record.id.value))
        out.append(facts.joined(separator: " · "))
        out.append("")
        if case .failedToStart(let why) = record.outcome {
            out.append("> " + text(why))
            out.append("")
            return out.joined(separator: "\n") + "\n"
        }
        guard let s = record.stats else {
            out.append("_sccache gave no statistics for this run._")
            out.append("")
            return out.joined(separator: "\n") + "\n"
        }

        out.append("| sccache | Hits | Misses | Hit rate¹ |")
        out.append("| :-- | --: | --: | --: |")
        for language in s.languages {
            out.append(
                row([
                    text(language), "\(s.hits.count(of: language))", "\(s.misses.count(of: language))",
                    Durations.percent(s.hitRate(language: language)),
                ]))
        }
        out.append(
            row([
                "**All**", "**\(s.hits.total ?? 0)**", "**\(s.misses.total ?? 0)**", "**\(Durations.percent(s.hitRate))**",
            ]))
        for level in s.levels ?? [] {
            out.append(
                row([
                    text(level.shortName) + " level", "\(level.hits ?? 0)", "\(level.misses ?? 0)",
                    Durations.percent(level.hitRate),
                ]))
        }
        out.append("")
        out.append(
            "¹ Hit rate = hits / (hits + misses), as sccache counts it: calls that cannot be cached are no lookups and "
                + "count in neither.")
        out.append("")

        out.append("| Cache | |")
        out.append("| :-- | --: |")
        var requests = "\(s.compileRequests ?? 0)"
        if let executed = s.requestsExecuted { requests += " (\(executed) executed)" }
        out.append(row(["Compile requests", requests]))
        out.append(row(["Not cacheable", "\(s.requestsNotCacheable ?? 0)"]))
        out.append(row(["Cache errors", "\(s.cacheErrors.total ?? 0)"]))
        out.append(row(["Compile failures", "\(s.compileFailures ?? 0)"]))
        out.append(row(["Cache size", cacheSize(s, limit: cacheLimit)]))
        if let saved = record.savedSeconds, saved >= 0.05 {
            out.append(row(["Saved (estimate)", "≈ " + Durations.format(saved)]))
        }
        for level in s.levels ?? [] {
            out.append(row([text(level.shortName), text(level.sentence)]))
        }
        for warning in record.warnings { out.append(row(["⚠️ Warning", text(warning.message)])) }
        out.append("")

        if let farm = record.farm {
            var head = "**Build farm** " + code(farm.scheduler) + " · " + text(farm.state.rawValue)
            if let reason = farm.reason { head += " (" + text(reason) + ")" }
            if let listed = farm.serversListed {
                head += " · \(listed) servers listed" + (farm.cpus.map { ", \($0) CPUs" } ?? "")
            }
            out.append(head)
            out.append("")
            out.append("| Build server | Compiles |")
            out.append("| :-- | --: |")
            for (server, count) in farm.servers { out.append(row([code(server), "\(count)"])) }
            out.append(row(["**On the farm**", "**\(farm.total)**"]))
            var fell = "\(farm.fallbacks)"
            if !farm.fallbackReasons.isEmpty { fell += " (" + text(farm.reasonsText) + ")" }
            out.append(row([(farm.fallbacks > 0 ? "⚠️ " : "") + "Fell back to this machine", fell]))
            out.append("")
        }

        if !s.notCached.isEmpty {
            out.append("**Not cacheable, by reason**")
            out.append("")
            out.append("| Reason | Calls | Meaning |")
            out.append("| :-- | --: | :-- |")
            for reason in s.notCached {
                out.append(row([code(reason.reason), "\(reason.count)", text(ReasonGuide.entry(for: reason.reason).meaning)]))
            }
            out.append("")
        }

        if let before = previous {
            let since = RunComparison(before: before, after: record)
            out.append("**Compared with the previous run:** \(since.text) (\(since.then))")
            if !since.regressions.isEmpty {
                out.append("")
                out.append("Hit then, miss now: " + since.regressions.map(code).joined(separator: ", "))
            }
            out.append("")
        }

        let groups = WhyText.groups(record)
        if !groups.isEmpty {
            out.append("**Why compiles missed**")
            out.append("")
            out.append("| Compiles | Cause | Compile time | What to do |")
            out.append("| --: | :-- | --: | :-- |")
            for group in groups.prefix(5) {
                let seconds = group.seconds >= 0.05 ? Durations.format(group.seconds) : "–"
                out.append(row(["\(group.crates.count)", text(group.title), seconds, text(group.hint ?? "")]))
            }
            if groups.count > 5 {
                out.append("")
                out.append("\(groups.count - 5) more causes: " + code("cachewatch why \(record.id.value)"))
            }
            out.append("")
        }

        if let usage = record.disk, !usage.directories.isEmpty {
            out.append("**Disk**")
            out.append("")
            out.append("| Directory | Size | Files |")
            out.append("| :-- | --: | --: |")
            for directory in usage.directories {
                guard directory.exists else {
                    out.append(row([text(directory.name) + " " + code(directory.path), "absent", "–"]))
                    continue
                }
                let atLeast = directory.unreadable > 0 ? "≥ " : ""
                out.append(
                    row([
                        text(directory.name) + " " + code(directory.path), atLeast + ByteSize.format(directory.bytes),
                        "\(directory.files)",
                    ]))
            }
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func cacheSize(_ s: SccacheStats, limit: Int64?) -> String {
        guard let size = s.cacheSize else {
            return StatsInsights.remoteKind(s.cacheLocation).map { "not reported by \(text($0))" } ?? "–"
        }
        guard let limit = s.maxCacheSize ?? limit, limit > 0 else { return ByteSize.format(size) }
        let share = Durations.percent(Double(size) / Double(limit))
        return "\(ByteSize.format(size)) of \(ByteSize.format(limit)) (\(share))"
    }

    private static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

    /// Text for a table cell or a line: Markdown's special characters escaped, line breaks folded. By Unicode scalar,
    /// as Markdown reads it: a Swift Character holds `\r\n` whole, and a backtick with a combining mark after it.
    static func text(_ value: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in SecretMask.text(value).unicodeScalars {
            switch scalar {
            case "\n", "\r": result.append(" ")
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!", "{", "}":
                result.append("\\")
                result.append(scalar)
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// A code span that holds any text: fenced with more backticks than it contains, `|` escaped for tables; line
    /// breaks folded and backticks counted by scalar (see `text`).
    static func code(_ value: String) -> String {
        var clean = String.UnicodeScalarView()
        var longest = 0
        var run = 0
        for scalar in SecretMask.text(value).unicodeScalars {
            let folded: Unicode.Scalar = scalar == "\r" || scalar == "\n" ? " " : scalar
            run = folded == "`" ? run + 1 : 0
            longest = max(longest, run)
            if folded == "|" { clean.append("\\") }
            clean.append(folded)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let body = String(clean)
        let padded = body.unicodeScalars.first == "`" || body.unicodeScalars.last == "`" ? " \(body) " : body
        return fence + padded + fence
    }
}
