/// The history view (`h`): charts of hit rate, build time and cache size across the runs, the table of runs
/// newest first, or a run (or two) opened from it.
enum HistoryView {
    static func render(_ state: AppState, _ browser: HistoryBrowser, into screen: inout Screen, glyphs: Glyphs) {
        let layout = HistoryLayout(width: screen.width, height: screen.height)
        header(state, browser, in: layout.header, into: &screen)
        if browser.opened != nil || browser.opening {
            opened(browser, in: layout.opened, into: &screen, glyphs: glyphs)
        } else {
            if layout.charts.height > 0 { charts(browser, in: layout.charts, into: &screen, glyphs: glyphs) }
            table(browser, in: layout.table, into: &screen, glyphs: glyphs)
        }
        StatusBarView.render(state, in: layout.statusBar, into: &screen, glyphs: glyphs)
    }

    static func header(_ state: AppState, _ browser: HistoryBrowser, in rect: Rect, into screen: inout Screen) {
        screen.fill(rect, with: Cell(" ", style: .role(.statusBar)))
        var segments = [Segment(" cachewatch ", .statusKey), Segment(" history ", .statusBar)]
        segments.append(Segment("· \(state.session.project) ", .statusBar))
        if let page = browser.page { segments.append(Segment("· \(page.totals.sentence)", .statusBar)) }
        screen.put(segments, x: rect.x, y: rect.y, width: rect.width)
    }

    static func charts(_ browser: HistoryBrowser, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        let series = browser.series
        let selected = browser.selectedEntry.flatMap { entry in series.ids.lastIndex(of: entry.id) }
        var charts = [
            ColumnChart(
                title: "Hit rate", values: series.hitRates, startedAt: series.startedAt, top: 1,
                label: { Durations.percent($0).replacingOccurrences(of: ".0%", with: "%") }, role: .hit, selected: selected),
            ColumnChart(
                title: "Build time", values: series.durations, startedAt: series.startedAt, top: 0,
                label: { $0 == 0 ? "0" : Durations.format($0) }, role: .value, selected: selected),
            ColumnChart(
                title: "Cache size", values: series.cacheSizes, startedAt: series.startedAt, top: 0,
                label: { $0 == 0 ? "0" : ByteSize.format(Int64($0)) }, role: .gaugeFill, selected: selected),
        ]
        // Three side by side when they fit at a useful width, else the first ones.
        let count = rect.width >= 96 ? 3 : rect.width >= 64 ? 2 : 1
        charts = Array(charts.prefix(count))
        let offset = browser.page?.utcOffset ?? 0
        for (i, chart) in charts.enumerated() {
            let x = rect.x + rect.width * i / count
            let nextX = rect.x + rect.width * (i + 1) / count
            chart.render(
                in: Rect(x: x, y: rect.y, width: nextX - x, height: rect.height), utcOffset: offset, into: &screen, glyphs: glyphs
            )
        }
    }

    static func table(_ browser: HistoryBrowser, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        let count = browser.entries.count
        var title = [Segment("Runs", .paneTitle(focused: true))]
        if count > 0 { title.append(Segment(" \(count), newest first", .muted)) }
        let content = screen.box(rect, title: title, focused: true, glyphs: glyphs)
        guard content.height > 0, content.width > 4 else { return }
        guard let page = browser.page else {
            screen.put("Reading the history…", x: content.x + 1, y: content.y, style: .role(.muted), limit: content.maxX)
            return
        }
        guard count > 0 else {
            screen.putTruncated(
                "No runs in the history yet: every run is kept here when it ends.", x: content.x + 1, y: content.y,
                width: content.width - 1, style: .role(.muted))
            return
        }
        // A gutter for marks, then the columns that fit.
        let columns = HistoryColumns.fit(width: content.width - 2)
        let titles = HistoryColumns.all.map(\.title)
        screen.put(
            HistoryColumns.line(titles, columns: columns), x: content.x + 2, y: content.y, style: .role(.label),
            limit: content.maxX)
        let rows = content.height - 1
        var top = min(browser.top, max(0, count - 1))
        if browser.selected >= top + rows { top = browser.selected - rows + 1 }
        if browser.selected < top { top = browser.selected }
        let mark = glyphs.asciiOnly ? "*" : "●"
        for row in 0..<rows where top + row < count {
            let index = top + row
            let entry = browser.entries[index]
            let y = content.y + 1 + row
            let isSelected = index == browser.selected
            if isSelected {
                screen.fill(Rect(x: content.x, y: y, width: content.width, height: 1), with: Cell(" ", style: .role(.highlight)))
            }
            if browser.marked.contains(entry.id) {
                screen.put(mark, x: content.x, y: y, style: .role(isSelected ? .highlight : .warning), limit: content.maxX)
            }
            let cells = HistoryColumns.cells(entry, utcOffset: page.utcOffset)
            var x = content.x + 2
            for (column, width) in columns {
                let text = HistoryColumns.cell(cells, column, width: width)
                let role: StyleRole =
                    isSelected
                    ? .highlight
                    : column == HistoryColumns.outcome ? outcomeRole(entry) : column == HistoryColumns.when ? .muted : .text
                screen.put(
                    glyphs.asciiOnly ? String(text.map(glyphs.drawn)) : text, x: x, y: y, style: .role(role), limit: content.maxX)
                x += width + 1
            }
        }
        if count > rows {
            let position = " \(browser.selected + 1)/\(count) "
            screen.put(
                position, x: max(rect.x + 1, rect.maxX - CharacterWidth.of(position) - 1), y: rect.maxY - 1, style: .role(.muted),
                limit: rect.maxX - 1)
        }
    }

    /// The outcome's colour in a table row (foreground only: the selection's background stays the row's).
    static func outcomeRole(_ entry: HistoryEntry) -> StyleRole {
        switch entry.state {
        case .running: return .value
        case .interrupted: return .warning
        case .ended:
            guard let outcome = entry.outcome else { return .text }
            if outcome.succeeded { return .hit }
            if case .ended(_, stopped: true) = outcome { return .warning }
            return .error
        }
    }

    static func opened(_ browser: HistoryBrowser, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        var title = [Segment("Run", .paneTitle(focused: true))]
        if case .diff = browser.opened { title = [Segment("Two runs compared", .paneTitle(focused: true))] }
        if case .why = browser.opened { title = [Segment("Why it missed", .paneTitle(focused: true))] }
        let content = screen.box(rect, title: title, focused: true, glyphs: glyphs)
        guard content.height > 0 else { return }
        if browser.opening {
            screen.put("Reading the run…", x: content.x + 1, y: content.y, style: .role(.muted), limit: content.maxX)
            return
        }
        let lines = browser.openedLines
        let selectedLine = browser.showsWhy && !browser.whyAnchors.isEmpty ? browser.whyAnchors[browser.whySelected] : nil
        for row in 0..<content.height where browser.openedTop + row < lines.count {
            if browser.openedTop + row == selectedLine {
                screen.fill(
                    Rect(x: content.x, y: content.y + row, width: content.width, height: 1),
                    with: Cell(" ", style: .role(.highlight)))
                let text = lines[browser.openedTop + row].map(\.text).joined()
                screen.put(
                    glyphs.asciiOnly ? String(text.map(glyphs.drawn)) : text, x: content.x + 1, y: content.y + row,
                    style: .role(.highlight), limit: content.maxX)
                continue
            }
            let line = lines[browser.openedTop + row].map { segment in
                glyphs.asciiOnly ? Segment(String(segment.text.map(glyphs.drawn)), segment.role) : segment
            }
            screen.put(line, x: content.x + 1, y: content.y + row, width: content.width - 1)
        }
        if lines.count > content.height {
            let position = " \(browser.openedTop + 1)–\(min(lines.count, browser.openedTop + content.height))/\(lines.count) "
            screen.put(
                position, x: max(rect.x + 1, rect.maxX - CharacterWidth.of(position) - 1), y: rect.maxY - 1, style: .role(.muted),
                limit: rect.maxX - 1)
        }
    }
}
