/// A chart across runs, several rows tall: one column per run, oldest at the left, each as tall as its value
/// in eighths of a row (block characters; `#`, `:` and `.` in ASCII), with a labelled y axis (the top value, half
/// of it, 0) and the times of the first and the last run shown under it. The selected run's column is
/// drawn in the warning colour; a run without the figure is a dot on the baseline.
struct ColumnChart {
    var title: String
    /// Oldest first, one per run.
    var values: [Double?]
    var startedAt: [Double]
    /// The value at the top of the axis (0: the largest value shown).
    var top: Double
    var label: (Double) -> String
    var role: StyleRole
    /// The index in `values` of the selected run.
    var selected: Int?

    static let eighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    func render(in rect: Rect, utcOffset: Int, into screen: inout Screen, glyphs: Glyphs) {
        let content = screen.box(rect, title: [Segment(title, .paneTitle(focused: false))], focused: false, glyphs: glyphs)
        let rows = content.height - 1
        guard rows >= 1, content.width >= 12 else { return }
        // What fits: one column per run at least, up to three wide with a gap when there are few runs.
        let axisLabels = [top, top / 2, 0]
        let scaleTop = top > 0 ? top : (values.compactMap { $0 }.max() ?? 0)
        let labels = (scaleTop > 0 ? [scaleTop, scaleTop / 2, 0] : axisLabels).map(label)
        let axisWidth = labels.map(CharacterWidth.of).max() ?? 1
        let plotX = content.x + axisWidth + 1
        let plotWidth = content.maxX - plotX
        guard plotWidth >= 2 else { return }
        let shownCount = min(values.count, plotWidth)
        let first = values.count - shownCount
        let step = shownCount == 0 ? 1 : max(1, min(4, plotWidth / shownCount))
        let barWidth = step > 1 ? step - 1 : 1

        // The axis: labels at the top, the middle and the bottom row, then a vertical line.
        let vertical = glyphs.asciiOnly ? "|" : "│"
        for row in 0..<rows {
            let y = content.y + row
            var text = ""
            if row == 0 {
                text = labels[0]
            } else if row == rows - 1 {
                text = labels[2]
            } else if rows >= 5 && row == rows / 2 {
                text = labels[1]
            }
            screen.put(text.leftPadded(to: axisWidth), x: content.x, y: y, style: .role(.muted), limit: content.x + axisWidth)
            screen.put(vertical, x: content.x + axisWidth, y: y, style: .role(.border(focused: false)), limit: content.maxX)
        }
        for index in 0..<shownCount {
            let run = first + index
            let x = plotX + index * step
            // The selected run's column stands out in the selection's colour (a foreground, like the bars).
            let style = CellStyle.role(run == selected ? .warning : role)
            guard let value = values[run], value.isFinite else {
                screen.put(glyphs.asciiOnly ? "." : "·", x: x, y: content.y + rows - 1, style: .role(.muted), limit: content.maxX)
                continue
            }
            var height = scaleTop > 0 ? Int((min(1, max(0, value / scaleTop)) * Double(rows * 8)).rounded()) : 0
            if value > 0 && height == 0 { height = 1 }
            if height == 0 {
                // Zero: a line on the baseline, told apart from a run without the figure.
                let zero = glyphs.asciiOnly ? "_" : "▁"
                for dx in 0..<barWidth where x + dx < content.maxX {
                    screen.put(zero, x: x + dx, y: content.y + rows - 1, style: .role(.muted), limit: content.maxX)
                }
                continue
            }
            for row in 0..<rows {
                let fill = min(8, max(0, height - row * 8))
                guard fill > 0 else { break }
                let character: Character =
                    glyphs.asciiOnly ? (fill == 8 ? "#" : fill >= 4 ? ":" : ".") : Self.eighths[fill - 1]
                for dx in 0..<barWidth where x + dx < content.maxX {
                    screen.put(String(character), x: x + dx, y: content.y + rows - 1 - row, style: style, limit: content.maxX)
                }
            }
        }
        // The times of the first and the last run shown: dates, or hours when they are of one day.
        guard shownCount > 0 else { return }
        let start = Timestamp.minute(startedAt[first], offset: utcOffset)
        let end = Timestamp.minute(startedAt[values.count - 1], offset: utcOffset)
        let oneDay = start.prefix(10) == end.prefix(10)
        let left = String(oneDay ? start.suffix(5) : start.dropFirst(5).prefix(5))
        let right = String(oneDay ? end.suffix(5) : end.dropFirst(5).prefix(5))
        let y = content.y + rows
        screen.put(left, x: plotX, y: y, style: .role(.muted), limit: content.maxX)
        let rightX = max(
            plotX + CharacterWidth.of(left) + 1, plotX + (shownCount - 1) * step + barWidth - CharacterWidth.of(right))
        if shownCount > 1, rightX + CharacterWidth.of(right) <= content.maxX {
            screen.put(right, x: rightX, y: y, style: .role(.muted), limit: content.maxX)
        }
    }
}
