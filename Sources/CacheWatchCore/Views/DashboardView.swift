/// Draws the whole dashboard for a state into a screen.
public enum DashboardView {
    public static func render(_ state: AppState, into screen: inout Screen, glyphs: Glyphs = .unicode) {
        screen.fill(Rect(x: 0, y: 0, width: screen.width, height: screen.height))
        if let browser = state.history {
            guard screen.width >= Layout.minimumWidth, screen.height >= Layout.minimumHeight else {
                TooSmallView.render(width: screen.width, height: screen.height, quitKey: state.keymap.key(.quit), into: &screen)
                return
            }
            HistoryView.render(state, browser, into: &screen, glyphs: glyphs)
            if state.showHelp { HelpOverlay.render(state.keymap, scope: state.keyScope, into: &screen, glyphs: glyphs) }
            return
        }
        // The stats panel gets the rows it needs; when the terminal is short, it packs them tighter.
        // The rows are built once here and drawn as they are.
        let statsWidth = Layout.sideWidth(for: screen.width) - 2
        var statsRows = StatsView.allRows(state, width: statsWidth)
        let compact =
            statsRows.count > Layout(width: screen.width, height: screen.height, statsRows: statsRows.count).stats.height - 2
        if compact { statsRows = StatsView.allRows(state, width: statsWidth, compact: true) }
        let layout = Layout(width: screen.width, height: screen.height, statsRows: statsRows.count, focus: state.focus)
        guard layout.fits else {
            TooSmallView.render(width: screen.width, height: screen.height, quitKey: state.keymap.key(.quit), into: &screen)
            return
        }
        HeaderView.render(state, in: layout.header, into: &screen)
        LogView.render(state, in: layout.log, into: &screen, glyphs: glyphs)
        CratesView.render(state, in: layout.crates, into: &screen, glyphs: glyphs)
        StatsView.render(state, rows: statsRows, in: layout.stats, into: &screen, glyphs: glyphs)
        DiskView.render(state, in: layout.disk, into: &screen, glyphs: glyphs)
        StatusBarView.render(state, in: layout.statusBar, into: &screen, glyphs: glyphs)
        if state.showHelp {
            HelpOverlay.render(state.keymap, scope: state.keyScope, into: &screen, glyphs: glyphs)
        }
    }
}
