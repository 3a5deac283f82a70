/// The hit/miss panel: sccache's statistics, live during the build and final after it.
enum StatsView {
    /// How many non-cacheable reasons are listed before "+N more".
    static let reasonsShown = 3

    /// Rows of text the panel shows for this state (for the layout).
    static func rowCount(_ state: AppState) -> Int {
        let rows = state.stats.stats.map { self.rows($0, width: 40) }?.count ?? 1
        return rows + (state.stats.problem == nil ? 0 : 1)
    }

    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        let panel = state.stats
        var title = [Segment("sccache", .paneTitle(focused: false))]
        switch panel.source {
        case .waiting: title.append(Segment(" · waiting", .muted))
        case .live: title.append(Segment(" · live", .running))
        case .final: title.append(Segment(" · final", .success))
        case .reset: title.append(Segment(" · reset", .warning))
        }
        let content = screen.box(rect, title: title, focused: false, glyphs: glyphs)
        guard !content.isEmpty else { return }
        var rows = panel.stats.map { self.rows($0, width: content.width) } ?? []
        if panel.stats == nil {
            rows.append([Segment(state.phase.isActive ? "Waiting for sccache…" : "No statistics yet", .muted)])
        }
        if let problem = panel.problem {
            rows.insert([Segment(problem, .warning)], at: 0)
        }
        Rows.draw(rows, in: content, into: &screen)
        // The gauge is drawn over the first row's placeholder.
        if let stats = panel.stats, let gaugeRow = rows.firstIndex(where: { $0.first?.text == "Hit rate" }),
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

    static func rows(_ s: SccacheStats, width: Int) -> [[Segment]] {
        var rows: [[Segment]] = []
        rows.append(Rows.pair("Hit rate", Durations.percent(s.hitRate), width: width, value: .hit))
        rows.append(Rows.pair("Hits", Rows.count(s.hits.total), width: width, value: .hit))
        rows.append(Rows.pair("Misses", Rows.count(s.misses.total), width: width, value: .miss))
        var requests = Rows.count(s.compileRequests)
        if let executed = s.requestsExecuted { requests += " (\(executed) executed)" }
        rows.append(Rows.pair("Compile requests", requests, width: width))
        for language in s.languages {
            let h = s.hits.byLanguage.first { $0.language == language }?.count ?? 0
            let m = s.misses.byLanguage.first { $0.language == language }?.count ?? 0
            let text = "\(h) hit · \(m) miss · \(Durations.percent(s.hitRate(language: language)))"
            rows.append(Rows.pair("  \(language)", text, width: width, label: .muted, value: .text))
        }
        rows.append(Rows.pair("Not cacheable", Rows.count(s.requestsNotCacheable), width: width))
        for reason in s.notCached.prefix(reasonsShown) {
            rows.append(Rows.pair("  \(reason.reason)", String(reason.count), width: width, label: .muted, value: .text))
        }
        if s.notCached.count > reasonsShown {
            let rest = s.notCached.dropFirst(reasonsShown)
            rows.append(
                Rows.pair(
                    "  +\(rest.count) more", String(rest.reduce(0) { $0 + $1.count }), width: width, label: .muted,
                    value: .muted))
        }
        let errors = s.cacheErrors.total ?? 0
        rows.append(
            Rows.pair("Cache errors", Rows.count(s.cacheErrors.total), width: width, value: errors > 0 ? .warning : .value))
        let fails = s.compileFailures ?? 0
        rows.append(
            Rows.pair("Compile failures", Rows.count(s.compileFailures), width: width, value: fails > 0 ? .error : .value))
        let size = s.cacheSize.map(ByteSize.format) ?? "–"
        let limit = s.maxCacheSize.map { " / \(ByteSize.format($0))" } ?? ""
        rows.append(Rows.pair("Cache size", size + limit, width: width))
        rows.append(Rows.pair("Avg compile", Durations.precise(s.averageCompile), width: width))
        rows.append(Rows.pair("Avg cache read", Durations.precise(s.averageCacheReadHit), width: width))
        var footer = s.version.map { "sccache \($0)" } ?? "sccache"
        if let location = s.cacheLocation { footer += " · \(location)" }
        rows.append([Segment(footer, .muted)])
        return rows
    }
}
