/// Draws the whole dashboard for a state into a screen.
public enum DashboardView {
    public static func render(_ state: AppState, into screen: inout Screen, glyphs: Glyphs = .unicode) {
        screen.fill(Rect(x: 0, y: 0, width: screen.width, height: screen.height))
        // The stats panel gets the rows it needs; when the terminal is short, it packs them tighter.
        // The rows are built once here and drawn as they are.
        let statsWidth = Layout.sideWidth(for: screen.width) - 2
        var statsRows = StatsView.allRows(state, width: statsWidth)
        let compact =
            statsRows.count > Layout(width: screen.width, height: screen.height, statsRows: statsRows.count).stats.height - 2
        if compact { statsRows = StatsView.allRows(state, width: statsWidth, compact: true) }
        let layout = Layout(width: screen.width, height: screen.height, statsRows: statsRows.count, focus: state.focus)
        guard layout.fits else {
            TooSmallView.render(width: screen.width, height: screen.height, into: &screen)
            return
        }
        HeaderView.render(state, in: layout.header, into: &screen)
        LogView.render(state, in: layout.log, into: &screen, glyphs: glyphs)
        CratesView.render(state, in: layout.crates, into: &screen, glyphs: glyphs)
        StatsView.render(state, rows: statsRows, in: layout.stats, into: &screen, glyphs: glyphs)
        DiskView.render(state, in: layout.disk, into: &screen, glyphs: glyphs)
        StatusBarView.render(state, in: layout.statusBar, into: &screen, glyphs: glyphs)
        if state.showHelp {
            HelpOverlay.render(state.keymap, into: &screen, glyphs: glyphs)
        }
    }
}

/// The notice shown instead of the dashboard when the terminal is too small.
enum TooSmallView {
    static func render(width: Int, height: Int, into screen: inout Screen) {
        let lines = [
            "Terminal too small",
            "\(width)×\(height), needs \(Layout.minimumWidth)×\(Layout.minimumHeight)",
            "Enlarge the window; q quits",
        ]
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < height {
            let x = max(0, (width - CharacterWidth.of(line)) / 2)
            screen.putTruncated(line, x: x, y: top + i, width: width - x, style: .role(i == 0 ? .warning : .text))
        }
    }
}

/// The top line: what runs where.
enum HeaderView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen) {
        screen.fill(rect, with: Cell(" ", style: .role(.statusBar)))
        let s = state.session
        var segments = [Segment(" cachewatch ", .statusKey), Segment(" \(s.engine) ", .statusBar)]
        for detail in s.details { segments.append(Segment("· \(detail) ", .statusBar)) }
        segments.append(Segment("· \(s.project) ", .statusBar))
        segments.append(Segment("· \(s.command)", .statusBar))
        screen.put(segments, x: rect.x, y: rect.y, width: rect.width)
    }
}
