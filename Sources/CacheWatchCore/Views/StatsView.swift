/// The hit/miss panel: sccache's statistics, live during the build and final after it.
enum StatsView {
    /// How many non-cacheable reasons are listed before "+N more".
    static let reasonsShown = 3

    /// Draws `rows` (from `allRows`, at the panel's inner width) in the panel's box.
    static func render(_ state: AppState, rows: [[Segment]], in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        let panel = state.stats
        var title = [Segment("sccache", .paneTitle(focused: false))]
        switch panel.source {
        case .waiting: title.append(Segment(" · waiting", .muted))
        case .live: title.append(Segment(" · live", .running))
        case .final: title.append(Segment(" · final", .success))
        case .reset: title.append(Segment(" · reset", .warning))
        }
        if panel.explain { title.append(Segment(" · why", .warning)) }
        let content = screen.box(rect, title: title, focused: false, glyphs: glyphs)
        guard !content.isEmpty else { return }
        Rows.draw(rows, in: content, into: &screen)
        // The gauge is drawn over the hit-rate row's placeholder.
        if !panel.explain, let stats = panel.stats, let gaugeRow = rows.firstIndex(where: { $0.first?.text == "Hit rate" }),
            gaugeRow < content.height
        {
            let rateText = Durations.percent(stats.hitRate)
            let gaugeX = content.x + 9
            let gaugeWidth = content.width - 9 - CharacterWidth.of(rateText) - 1
            if gaugeWidth > 2 {
                screen.gauge(
                    x: gaugeX, y: content.y + gaugeRow, width: gaugeWidth, fraction: stats.hitRate ?? 0,
                    fill: .hit, glyphs: glyphs)
            }
        }
    }

    /// Every row for this state: warnings first, then the numbers (or the explanations), then the extras.
    static func allRows(_ state: AppState, width: Int, compact: Bool = false) -> [[Segment]] {
        let panel = state.stats
        var rows: [[Segment]] = []
        if let problem = panel.problem { rows += Rows.wrapped(problem, width: width, role: .warning) }
        // This run beside the last: computed once per frame, for the warnings and the extras alike.
        let since = panel.stats.flatMap { state.sinceLast(stats: $0) }
        for warning in warnings(state, since: since) { rows += Rows.wrapped("⚠ " + warning, width: width, role: .warning) }
        if state.farm != nil, state.crates.parser.packagingToolchain {
            // The first farm compile: ~15 s with nothing to show for it; said, so the build does not look hung.
            rows += Rows.wrapped(
                "Packaging the compiler for the build farm (~200 MiB, ~15 s, once: later runs reuse it)…", width: width,
                role: .running)
        }
        guard let stats = panel.stats else {
            rows.append([Segment(state.phase.isActive ? "Waiting for sccache…" : "No statistics yet", .muted)])
            return rows
        }
        if panel.explain {
            return rows + explanationRows(stats, width: width, key: state.keymap.key(.toggleExplain))
        }
        if compact { return rows + self.rows(stats, width: width, compact: true) }
        var numbers = self.rows(
            stats, fallbacks: state.farm == nil ? [:] : CrateResult.fallbackReasons(state.crates.parser.results), width: width)
        let footer = numbers.removeLast()  // version and location stay last
        return rows + numbers + extraRows(state, stats: stats, since: since, width: width) + [footer]
    }

    /// What a user needs to know: lost numbers, a full cache, a changed sccache.
    static func warnings(_ state: AppState, since: RunComparison?) -> [String] {
        var result: [String] = []
        let panel = state.stats
        if let s = panel.stats {
            result += RunWarning.cacheFailures(s, problems: state.cacheProblems, cacheFree: state.disk.cacheFree).map(\.message)
        }
        if let farm = state.farm {
            // With a farm, a restart is worded with its likely cause.
            result += FarmProblem.find(farm, compiles: state.crates.parser.results, serverRestarted: panel.lostStats)
                .map(\.message)
        } else if panel.lostStats {
            result.append("sccache's server restarted: earlier numbers were lost")
        }
        let succeeded = state.phase.outcome.map { RunOutcome.ended($0.status, stopped: $0.stopped).succeeded }
        result += state.crateTableWarnings(succeeded: succeeded).map(\.message)
        if let s = panel.stats, let size = s.cacheSize, let limit = s.maxCacheSize, limit > 0,
            Double(size) >= 0.95 * Double(limit)
        {
            result.append("cache at its size limit: evictions lower the hit rate")
        }
        if let since {
            if let change = since.sccache { result.append("sccache \(change.from) → \(change.to) since the last run") }
            if since.cacheMoved { result.append("cache location changed since the last run") }
        }
        return result
    }

    /// `x`: each non-cacheable reason with what it means, and the addressable misses.
    static func explanationRows(_ s: SccacheStats, width: Int, key: String) -> [[Segment]] {
        var rows: [[Segment]] = [
            Rows.pair("Addressable misses", String(ReasonGuide.addressableMisses(s)), width: width, value: .warning)
        ]
        rows += Rows.wrapped(
            "Fixable reasons plus cache errors. \(key) shows the numbers again.", width: width, role: .muted)
        for reason in s.notCached {
            let entry = ReasonGuide.entry(for: reason.reason)
            rows.append(
                Rows.pair(reason.reason, String(reason.count), width: width, label: entry.actionable ? .warning : .label))
            rows += Rows.wrapped(entry.meaning, width: width, indent: 2, role: .muted)
        }
        if s.notCached.isEmpty { rows.append([Segment("Every call was cacheable", .muted)]) }
        return rows
    }

    /// The hit-rate sparkline, the time saved and the comparison with the previous run.
    static func extraRows(_ state: AppState, stats s: SccacheStats, since: RunComparison?, width: Int) -> [[Segment]] {
        var rows: [[Segment]] = []
        if state.stats.history.count > 1 {
            let spark = Sparkline.render(state.stats.history, width: max(1, width - 9))
            rows.append([Segment("Timeline ", .label), Segment(spark, .hit)])
        }
        if let saved = StatsInsights.savedSeconds(s, knownCompile: state.knownAverageCompile), saved > 0 {
            rows.append(Rows.pair("Saved (estimate)", "≈ " + Durations.format(saved), width: width, value: .hit))
        }
        if let since {
            rows.append(Rows.pair("vs last run", since.text, width: width, value: .text))
            if !since.regressions.isEmpty {
                rows += Rows.wrapped(
                    "Hit last run, miss now: " + since.regressions.joined(separator: ", "), width: width, role: .warning)
            }
        }
        return rows
    }

    /// One row per language: "  Rust   13 hit · 13 miss · 50.0%".
    /// Where the compiles ran when a build farm took some: how many on the farm, how many fell back to this machine,
    /// and each server's share (its `ip:port`). Nothing without a farm's compile or fallback.
    static func farmRows(_ s: SccacheStats, fallbacks: [String: Int] = [:], width: Int, compact: Bool) -> [[Segment]] {
        let fellBack = s.distErrors ?? 0
        guard s.distTotal > 0 || fellBack > 0 else { return [] }
        var value = "\(s.distTotal) compiled"
        if fellBack > 0 { value += " · \(fellBack) fell back" }
        var rows = [Rows.pair(compact ? "Farm" : "Build farm", value, width: width, value: fellBack > 0 ? .warning : .value)]
        rows += breakdown(s.distServers.map { ($0.server, $0.compiles) }, shown: compact ? 2 : 8, rest: true, width: width)
        // Why compiles fell back, from sccache's log, most first ("fell back: connection refused  3").
        if !compact {
            rows += RunFarm.mostFirst(fallbacks).prefix(3).map {
                Rows.pair("  fell back: \($0.reason)", String($0.count), width: width, label: .warning, value: .warning)
            }
        }
        return rows
    }

    /// Indented rows of a figure's parts (the reasons a call was not cacheable, each build server's compiles): the
    /// first `shown`, then, with `rest`, one row summing the others ("+3 more").
    static func breakdown(_ parts: [(label: String, count: Int)], shown: Int, rest: Bool, width: Int) -> [[Segment]] {
        var rows = parts.prefix(shown).map {
            Rows.pair("  \($0.label)", String($0.count), width: width, label: .muted, value: .text)
        }
        if rest && parts.count > shown {
            let others = parts.dropFirst(shown)
            rows.append(
                Rows.pair(
                    "  +\(others.count) more", String(others.reduce(0) { $0 + $1.count }), width: width, label: .muted,
                    value: .muted))
        }
        return rows
    }

    static func languageRows(_ s: SccacheStats, width: Int) -> [[Segment]] {
        s.languages.map { language in
            let h = s.hits.count(of: language)
            let m = s.misses.count(of: language)
            let text = "\(h) hit · \(m) miss · \(Durations.percent(s.hitRate(language: language)))"
            return Rows.pair("  \(language)", text, width: width, label: .muted, value: .text)
        }
    }

    /// Each level of a multi-level cache: where its hits came from, what it wrote and what was copied down.
    /// Full: a row of hits and misses, then writes and backfills; compact: one row each.
    static func levelRows(_ levels: [CacheLevelStats], width: Int, compact: Bool) -> [[Segment]] {
        var rows: [[Segment]] = []
        for level in levels {
            let hits = level.hits ?? 0
            let counts = "\(hits) hit · \(level.misses ?? 0) miss"
            let backfills = (level.backfillsTo ?? 0, level.backfillsFrom ?? 0)
            if compact {
                var text = "\(hits) hit \(level.misses ?? 0) miss"
                if let writes = level.writes, writes > 0 { text += " \(writes) wr" }
                if backfills.0 > 0 { text += " +\(backfills.0) in" }
                if backfills.1 > 0 { text += " \(backfills.1) out" }
                rows.append(Rows.pair(" \(level.shortName)", text, width: width, label: .label, value: hits > 0 ? .hit : .text))
                continue
            }
            let first = counts + " · " + Durations.percent(level.hitRate)
            rows.append(Rows.pair(" \(level.shortName)", first, width: width, label: .label, value: hits > 0 ? .hit : .text))
            var second = "writes \(level.writes ?? 0)"
            if backfills.0 > 0 { second += " · \(backfills.0) backfilled in" }
            if backfills.1 > 0 { second += " · \(backfills.1) out" }
            if hits > 0, let read = level.averageHit { second += " · read " + Durations.precise(read) }
            rows.append([Segment("   " + second, .muted)])
            if let failures = level.writeFailures, failures > 0 {
                rows.append([Segment("   \(failures) write failures", .warning)])
            }
        }
        return rows
    }

    /// The numbers, one builder for both layouts: `compact` (short terminals) puts two figures on a row where
    /// they fit and drops the footer; the full layout lists more reasons and ends with version and location.
    static func rows(
        _ s: SccacheStats, fallbacks: [String: Int] = [:], width: Int, compact: Bool = false
    ) -> [[Segment]] {
        let half = width / 2
        /// Two figures on one row when they fit (compact), else a row each.
        func pair(_ a: (String, String, StyleRole), _ b: (String, String, StyleRole)) -> [[Segment]] {
            guard compact else {
                return [Rows.pair(a.0, a.1, width: width, value: a.2), Rows.pair(b.0, b.1, width: width, value: b.2)]
            }
            let left = Rows.pair(a.0, a.1, width: half - 1, value: a.2)
            let right = Rows.pair(b.0, b.1, width: width - half, value: b.2)
            let leftWidth = left.reduce(0) { $0 + CharacterWidth.of($1.text) }
            let rightWidth = right.reduce(0) { $0 + CharacterWidth.of($1.text) }
            return leftWidth + rightWidth + 1 <= width ? [left + [Segment(" ", .text)] + right] : [left, right]
        }
        var rows: [[Segment]] = [Rows.pair("Hit rate", Durations.percent(s.hitRate), width: width, value: .hit)]
        rows += pair(("Hits", Rows.count(s.hits.total), .hit), ("Misses", Rows.count(s.misses.total), .miss))
        if let levels = s.levels, !levels.isEmpty {
            rows += levelRows(levels, width: width, compact: compact)
        } else if !compact, let remote = StatsInsights.remoteKind(s.cacheLocation), let hits = s.hits.total, hits > 0 {
            rows.append(Rows.pair(" from \(remote)", "\(hits) hit", width: width, label: .label, value: .hit))
        }
        rows += farmRows(s, fallbacks: fallbacks, width: width, compact: compact)
        var requests = Rows.count(s.compileRequests)
        if let executed = s.requestsExecuted { requests += " (\(executed) executed)" }
        rows.append(Rows.pair(compact ? "Requests" : "Compile requests", requests, width: width))
        rows += languageRows(s, width: width)
        rows.append(Rows.pair("Not cacheable", Rows.count(s.requestsNotCacheable), width: width))
        rows += breakdown(
            s.notCached.map { ($0.reason, $0.count) }, shown: compact ? 2 : reasonsShown, rest: !compact, width: width)
        let errors = (s.cacheErrors.total ?? 0) > 0 ? StyleRole.warning : .value
        let fails = (s.compileFailures ?? 0) > 0 ? StyleRole.error : .value
        rows += pair(
            (compact ? "Errors" : "Cache errors", Rows.count(s.cacheErrors.total), errors),
            (compact ? "Failed" : "Compile failures", Rows.count(s.compileFailures), fails))
        if s.cacheSize == nil, s.maxCacheSize == nil, let remote = StatsInsights.remoteKind(s.cacheLocation) {
            // A remote cache has no size sccache knows of, and no limit to draw a gauge against.
            rows.append(Rows.pair(compact ? "Cache" : "Cache size", "not reported by \(remote)", width: width, value: .muted))
        } else {
            let size = s.cacheSize.map(ByteSize.format) ?? "–"
            let limit = s.maxCacheSize.map { " / \(ByteSize.format($0))" } ?? ""
            rows.append(Rows.pair(compact ? "Cache" : "Cache size", size + limit, width: width))
        }
        if compact {
            rows.append(
                Rows.pair(
                    "Avg compile/read", "\(Durations.precise(s.averageCompile)) / \(Durations.precise(s.averageCacheReadHit))",
                    width: width))
            return rows
        }
        rows.append(Rows.pair("Avg compile", Durations.precise(s.averageCompile), width: width))
        rows.append(Rows.pair("Avg cache read", Durations.precise(s.averageCacheReadHit), width: width))
        var footer = s.version.map { "sccache \($0)" } ?? "sccache"
        if let location = s.cacheLocation { footer += " · \(location)" }
        rows.append([Segment(footer, .muted)])
        return rows
    }
}
