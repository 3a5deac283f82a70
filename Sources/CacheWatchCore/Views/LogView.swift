/// The build log pane.
enum LogView {
    static func render(_ state: AppState, in rect: Rect, into screen: inout Screen, glyphs: Glyphs) {
        let log = state.log
        var title = [Segment("Log", .paneTitle(focused: true))]
        title.append(
            log.follow
                ? Segment(" · following", .muted)
                : Segment(" · paused (End/G follows)", .warning))
        title.append(Segment(" · \(log.buffer.count) lines", .muted))
        let content = screen.box(rect, title: title, focused: true, glyphs: glyphs)
        guard !content.isEmpty else { return }
        let first = log.firstVisible(height: content.height)
        let last = min(log.lineCount, first + content.height)
        var y = content.y
        for index in first..<max(first, last) {
            drawLine(log.line(at: index), x: content.x, y: y, width: content.width, into: &screen)
            y += 1
        }
        if log.lineCount == 0 {
            screen.put("Waiting for output…", x: content.x, y: content.y, style: .role(.muted), limit: content.maxX)
        }
    }

    private static func drawLine(_ line: LogLine, x: Int, y: Int, width: Int, into screen: inout Screen) {
        var column = x
        let end = x + width
        for run in line.runs {
            let style = CellStyle.text(run.style)
            for character in run.text {
                column = screen.put(character, x: column, y: y, style: style, end: end)
                if column >= end { return }
            }
        }
    }
}
