/// The build log pane.
enum LogView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        let log = state.log
        let focused = state.focus == .log
        var title = [Segment("Log", .paneTitle(focused: focused))]
        title.append(
            log.follow
                ? Segment(" · following", .muted)
                : Segment(" · paused (End/G follows)", .warning))
        title.append(Segment(" · \(log.buffer.count) lines", .muted))
        if log.wrap { title.append(Segment(" · wrap", .muted)) }
        if let query = log.query { title.append(Segment(" · /\(query)", .highlight)) }
        let content = screen.box(rect, title: title, focused: focused, glyphs: glyphs)
        guard !content.isEmpty else { return }
        if log.lineCount == 0 {
            screen.put("Waiting for output…", x: content.x, y: content.y, style: .role(.muted), limit: content.maxX)
            return
        }
        let needle = log.query?.lowercased()
        var index = log.firstVisible(height: content.height, width: log.wrap ? content.width : .max)
        var y = content.y
        while y < content.maxY && index < log.lineCount {
            let marked = state.cursorLine == index
            y = drawLine(
                log.line(at: index), x: content.x, y: y, width: content.width, maxY: content.maxY, wrap: log.wrap,
                needle: needle, marked: marked, into: &screen)
            index += 1
        }
    }

    /// Draws one log line (several rows when wrapping); returns the next free row.
    private static func drawLine(
        _ line: LogLine, x: Int, y: Int, width: Int, maxY: Int, wrap: Bool, needle: String?, marked: Bool,
        into screen: inout Screen
    ) -> Int {
        let highlighted = needle.map { matchedOffsets(in: line.text, needle: $0) } ?? []
        var row = y
        var column = x
        let end = x + width
        var offset = 0
        for run in line.runs {
            let style = CellStyle.text(run.style)
            for character in run.text {
                let columns = CharacterWidth.of(character)
                if column + columns > end {
                    guard wrap, row + 1 < maxY else { return row + 1 }
                    row += 1
                    column = x
                }
                let cellStyle = highlighted.contains(offset) ? .role(.highlight) : style
                column = screen.put(character, x: column, y: row, style: cellStyle, end: end)
                offset += 1
            }
        }
        if marked {
            // The line a search or error jump landed on: its first cell inverts.
            var cell = screen[x, y]
            cell.style = .role(.highlight)
            screen[x, y] = cell
        }
        return row + 1
    }

    /// Character offsets of every case-insensitive occurrence of `needle` in `text`.
    static func matchedOffsets(in text: String, needle: String) -> Set<Int> {
        guard !needle.isEmpty else { return [] }
        let haystack = Array(text.lowercased())
        let pattern = Array(needle)
        guard haystack.count >= pattern.count, haystack.count == text.count else { return [] }
        var offsets = Set<Int>()
        var start = 0
        while start + pattern.count <= haystack.count {
            if haystack[start] == pattern[0] && Array(haystack[start..<start + pattern.count]) == pattern {
                for i in start..<start + pattern.count { offsets.insert(i) }
                start += pattern.count
            } else {
                start += 1
            }
        }
        return offsets
    }
}
