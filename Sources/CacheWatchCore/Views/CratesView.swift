/// The per-crate table: what sccache did with each crate, from its server log.
enum CratesView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let pane = state.crates
        let focused = state.focus == .crates
        let s = pane.parser.summary
        var title = [Segment("Crates", .paneTitle(focused: focused))]
        title.append(Segment(" · \(s.hits) hit", .hit))
        title.append(Segment(" · \(s.misses) miss", .miss))
        if s.errors > 0 { title.append(Segment(" · \(s.errors) error", .error)) }
        if pane.timeline {
            title.append(
                Segment(" · \(s.notCacheable) not cacheable · timeline (\(state.keymap.key(.toggleTimeline)))", .muted))
        } else {
            title.append(
                Segment(
                    " · \(s.notCacheable) not cacheable · sort: \(pane.sort.rawValue) (\(state.keymap.key(.cycleSort)))",
                    .muted))
        }
        let content = screen.box(rect, title: title, focused: focused, glyphs: glyphs)
        guard content.height > 1 else { return }
        if pane.timeline {
            TimelineView.render(
                state, lines: pane.timelineLines, first: pane.firstVisible(height: content.height - 1), in: content,
                into: &screen,
                glyphs: glyphs)
            return
        }
        let timeWidth = 9
        let resultWidth = min(34, max(12, content.width / 3))
        let nameWidth = max(8, content.width - resultWidth - timeWidth - 2)
        screen.put(
            [
                Segment("crate".padding(to: nameWidth + 1), .label), Segment("result".padding(to: resultWidth + 1), .label),
                Segment("time".leftPadded(to: timeWidth), .label),
            ], x: content.x, y: content.y, width: content.width)
        var visible = content.height - 1
        var top = content.y + 1
        if pane.serverRestarted && visible > 1 {
            screen.putTruncated(
                "⚠ sccache's server restarted mid-build; the new one logs nothing, so later compiles are not listed",
                x: content.x, y: top, width: content.width, style: .role(.warning))
            visible -= 1
            top += 1
        }
        let rows = pane.rows
        if rows.isEmpty {
            let text =
                state.phase.isActive
                ? "Waiting for sccache's server log…" : "No per-crate results (sccache's server log was empty)"
            screen.put(text, x: content.x, y: top, style: .role(.muted), limit: content.maxX)
            return
        }
        let first = pane.firstVisible(height: visible)
        for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
            let y = top + i
            let role = role(row.outcome)
            screen.putTruncated(row.name, x: content.x, y: y, width: nameWidth, style: .role(.text))
            // A miss or a cache error carries its cause once explained ("miss · source changed").
            var result = row.cause.map { "\(row.outcome.label) · \($0.label)" } ?? row.outcome.label
            // On a build farm: where it ran ("miss · dist", "miss · local · fell back: connection refused").
            if let farm = row.farm, row.outcome != .pending { result += " · " + farm.label }
            screen.putTruncated(result, x: content.x + nameWidth + 1, y: y, width: resultWidth, style: .role(role))
            let time = row.seconds.map { Durations.precise($0) } ?? ""
            screen.put(
                time.leftPadded(to: timeWidth), x: content.maxX - timeWidth, y: y, style: .role(.value), limit: content.maxX)
        }
        // sccache counts cargo's probes among its non-cacheable calls; they name no crate: a line of their own after
        // the last row, so the table adds up to the stats panel.
        let probes = pane.parser.withoutCrate
        let footer = rows.count - first
        if probes > 0, footer < visible {
            screen.putTruncated(
                "\(probes) without a crate (cargo's probes)", x: content.x, y: top + footer, width: nameWidth,
                style: .role(.muted))
            screen.putTruncated(
                "not cacheable", x: content.x + nameWidth + 1, y: top + footer, width: resultWidth,
                style: .role(.muted))
        }
    }

    /// A compile's colour, in the table and the timeline.
    static func role(_ outcome: CrateResult.Outcome) -> StyleRole {
        switch outcome {
        case .hit: return .hit
        case .miss: return .miss
        case .error, .other: return .error
        case .interrupted: return .warning
        case .notCacheable, .pending: return .muted
        }
    }
}
