/// The disk panel: sizes of the mounted directories and the sccache gauge.
enum DiskView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        let content = screen.box(rect, title: [Segment("Disk", .paneTitle(focused: false))], focused: false, glyphs: glyphs)
        guard !content.isEmpty else { return }
        guard let usage = state.disk.usage else {
            screen.put("Scanning…", x: content.x, y: content.y, style: .role(.muted), limit: content.maxX)
            return
        }
        var rows: [[Segment]] = []
        var gaugeRow: (row: Int, fraction: Double, label: String)?
        for directory in usage.directories {
            guard directory.exists else {
                let deleted = state.disk.seen.contains(directory.path)
                rows.append(
                    Rows.pair(
                        directory.name, deleted ? "deleted" : "not created yet", width: content.width,
                        value: deleted ? .warning : .muted))
                continue
            }
            // name | size right-aligned | file count right-aligned at the edge
            // At least this much when some directories could not be read.
            let atLeast = directory.unreadable > 0 ? "≥" : ""
            let files = "\(atLeast)\(directory.files) files".leftPadded(to: 13)
            let sizeWidth = max(10, content.width - 9 - 13)
            rows.append([
                Segment(directory.name.padding(to: 9), .label),
                Segment((atLeast + ByteSize.format(directory.bytes)).leftPadded(to: sizeWidth), .value),
                Segment(files, .muted),
            ])
            if directory.name == "sccache", let cache = state.session.cache, cache.isRemoteOnly {
                // sccache keeps nothing here: the size that counts is the remote service's, which it does not report.
                let kinds = cache.levels.map(\.kind.word).joined(separator: ", ")
                rows.append([Segment("  unused: the cache is in \(kinds)", .muted)])
            } else if directory.name == "sccache", let limit = state.cacheLimit, limit > 0 {
                let fraction = Double(directory.bytes) / Double(limit)
                let label = "\(Durations.percent(fraction)) of \(ByteSize.format(limit))"
                gaugeRow = (rows.count, fraction, label)
                rows.append([Segment("", .text)])
            }
        }
        let foreign = usage.foreignOwned
        let owner = state.disk.ownerName
        var ownership = "\(foreign) not owned by \(owner)"
        if let before = state.disk.foreignBeforeChown { ownership = "\(before) → \(foreign) not owned by \(owner)" }
        rows.append([Segment(ownership, foreign > 0 ? .warning : .muted)])
        if usage.unreadable > 0 {
            rows.append(
                [Segment("\(usage.unreadable) directories unreadable: \(state.keymap.key(.chown)) chowns them", .warning)])
        }
        Rows.draw(rows, in: content, into: &screen)
        if let gaugeRow, gaugeRow.row < content.height {
            let labelWidth = CharacterWidth.of(gaugeRow.label)
            let y = content.y + gaugeRow.row
            let gaugeWidth = content.width - 9 - labelWidth - 1
            if gaugeWidth > 2 {
                let fill: StyleRole = gaugeRow.fraction >= 0.9 ? .warning : .gaugeFill
                screen.gauge(x: content.x + 9, y: y, width: gaugeWidth, fraction: gaugeRow.fraction, fill: fill, glyphs: glyphs)
                screen.put(gaugeRow.label, x: content.maxX - labelWidth, y: y, style: .role(.muted), limit: content.maxX)
            }
        }
    }
}
