/// The log pane: scrollback, the line being written, and where the view is.
public struct LogPaneState: Sendable {
    public private(set) var buffer: LogBuffer
    private var assembler: LineAssembler
    /// The unfinished last line (cargo's progress bar), shown below the finished ones.
    public private(set) var pending: LogLine?
    /// Auto-scroll to the newest line.
    public var follow = true
    /// Long lines continue on the next rows instead of being cut at the pane's edge.
    public var wrap = false
    /// First visible line when not following.
    public private(set) var top = 0
    /// Errors (`error[E…]`, `error:`) and warnings seen, counted as lines arrive.
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    /// Absolute numbers (counting dropped lines) of error lines still in the scrollback.
    private var errorLines: [Int] = []
    /// The committed search, highlighted in the pane.
    public private(set) var query: String?
    /// The search being typed after `/`; nil when not typing.
    public internal(set) var prompt: String?
    /// The line of the last search match or error jumped to.
    public internal(set) var cursorLine: Int?
    /// Long blocks (sccache's final reports) shown as one line each unless unfolded, oldest first.
    private var folds: [Fold] = []
    /// Whether folded blocks show their lines under their header line.
    public private(set) var foldsOpen = false
    /// The build's finished lines not yet taken by `takeEchoed()`; nil unless echoing (headless mode prints each line
    /// as it is finished, parsed once, by the pane's own assembler).
    private var echoed: [LogLine]?

    /// A block shown as one header line: the header's absolute line number (counting dropped lines) and the
    /// lines it hides.
    private struct Fold: Sendable {
        var header: Int
        var lines: [LogLine]
        /// The header as shown while the fold is open.
        var openHeader: LogLine
    }

    public init(capacity: Int = 100_000, echo: Bool = false) {
        buffer = LogBuffer(capacity: capacity)
        assembler = LineAssembler()
        echoed = echo ? [] : nil
    }

    /// The build's lines finished since the last call (none unless echoing).
    public mutating func takeEchoed() -> [LogLine] {
        guard let lines = echoed, !lines.isEmpty else { return [] }
        echoed = []
        return lines
    }

    /// Lines that can be shown: the finished ones, the lines of open folds, and the pending one.
    public var lineCount: Int { buffer.count + openFoldLines + (pending == nil ? 0 : 1) }

    private var openFoldLines: Int { foldsOpen ? folds.reduce(0) { $0 + $1.lines.count } : 0 }

    public func line(at index: Int) -> LogLine {
        var offset = 0
        if foldsOpen {
            for fold in folds {
                let header = fold.header - buffer.droppedCount + offset
                if index == header { return fold.openHeader }
                if index < header { break }
                if index <= header + fold.lines.count { return fold.lines[index - header - 1] }
                offset += fold.lines.count
            }
        }
        let bufferIndex = index - offset
        return bufferIndex < buffer.count ? buffer[bufferIndex] : (pending ?? LogLine(""))
    }

    /// Where line `bufferIndex` of the scrollback shows, open folds counted.
    private func displayIndex(_ bufferIndex: Int) -> Int {
        guard foldsOpen else { return bufferIndex }
        var index = bufferIndex
        for fold in folds where fold.header - buffer.droppedCount < bufferIndex { index += fold.lines.count }
        return index
    }

    /// Appends a block folded into its header line (`title`, the line count and how to unfold).
    public mutating func appendFold(title: String, lines: [String], key: String?) {
        endStream()
        var body = lines
        while body.last?.isEmpty == true { body.removeLast() }
        guard !body.isEmpty else { return }
        let header = buffer.droppedCount + buffer.count
        let text = "▸ \(title) (\(body.count) lines)" + (key.map { " · \($0) unfolds" } ?? "")
        let open = "▾ \(title) (\(body.count) lines)" + (key.map { " · \($0) folds" } ?? "")
        folds.append(
            Fold(
                header: header, lines: body.map { LogLine("  " + $0, style: TextStyle(dim: true)) },
                openHeader: LogLine(open, style: TextStyle(dim: true))))
        append([LogLine(text, style: TextStyle(dim: true))])
    }

    /// Shows or hides the lines of every folded block.
    public mutating func toggleFolds() {
        foldsOpen.toggle()
    }

    /// True when the log holds a folded block.
    public var hasFolds: Bool { !folds.isEmpty }

    public mutating func ingest(_ bytes: [UInt8]) {
        let lines = assembler.feed(bytes)
        echoed?.append(contentsOf: lines)
        append(lines)
        pending = assembler.pending
    }

    /// Ends the current stream (the build exited): the unfinished line becomes a finished one.
    public mutating func endStream() {
        if let last = assembler.finish() {
            echoed?.append(last)
            append([last])
        }
        pending = nil
    }

    /// Appends a line of the dashboard's own (e.g. "── run 2 ──").
    public mutating func appendNote(_ line: LogLine) {
        endStream()
        append([line])
    }

    private mutating func append(_ lines: [LogLine]) {
        let before = buffer.droppedCount
        for line in lines {
            switch LogClassifier.classify(line) {
            case .error:
                errorCount += 1
                errorLines.append(buffer.droppedCount + buffer.count)
            case .warning:
                warningCount += 1
            case .other:
                break
            }
            buffer.append(line)
        }
        let dropped = buffer.droppedCount - before
        if dropped > 0 {
            if !follow { top = max(0, top - dropped) }
            let oldest = buffer.droppedCount
            errorLines.removeAll { $0 < oldest }
            folds.removeAll { $0.header < oldest }
        }
    }

    /// Counts restart with each build.
    public mutating func resetCounts() {
        errorCount = 0
        warningCount = 0
    }

    // MARK: Scrolling

    /// The first visible line for a viewport of `height` rows of `width` columns.
    public func firstVisible(height: Int, width: Int = .max) -> Int {
        if follow { return followTop(height: height, width: width) }
        return min(top, max(0, lineCount - 1))
    }

    /// Where following starts so the newest line is on the last row.
    private func followTop(height: Int, width: Int) -> Int {
        guard wrap, width > 0, width < .max else { return max(0, lineCount - height) }
        var rows = 0
        var index = lineCount
        while index > 0 {
            let needed = LogPaneState.rows(of: line(at: index - 1), width: width)
            if rows + needed > height { break }
            rows += needed
            index -= 1
        }
        return min(index, max(0, lineCount - 1))
    }

    /// Screen rows a line takes when wrapped at `width`.
    public static func rows(of line: LogLine, width: Int) -> Int {
        guard width > 0 else { return 1 }
        let columns = CharacterWidth.of(line.text)
        return max(1, (columns + width - 1) / width)
    }

    /// Scrolls by `delta` lines (negative is up); scrolling up pauses follow, reaching the end resumes it.
    public mutating func scroll(by delta: Int, height: Int, width: Int = .max) {
        let maxTop = followTop(height: height, width: width)
        let current = firstVisible(height: height, width: width)
        let target = min(max(0, current + delta), maxTop)
        if delta < 0 && target < maxTop {
            follow = false
        }
        top = target
        if delta > 0 && target >= maxTop { follow = true }
    }

    public mutating func scrollToTop(height: Int) {
        follow = lineCount <= height
        top = 0
    }

    public mutating func scrollToBottom() {
        follow = true
    }

    public mutating func toggleFollow(height: Int, width: Int = .max) {
        if follow {
            top = firstVisible(height: height, width: width)
            follow = false
        } else {
            follow = true
        }
    }

    /// Shows line `index` near the top of the view, pausing follow.
    public mutating func reveal(_ index: Int, height: Int) {
        follow = false
        top = max(0, min(index - 2, lineCount - 1))
    }

    // MARK: Search and errors

    /// Pasted text into the search being typed, as one line: line breaks become spaces, controls are dropped.
    mutating func paste(_ text: String) {
        guard var typed = prompt else { return }
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if typed.last != " " { typed.append(" ") }
            } else if scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) {
                typed.unicodeScalars.append(scalar)
            }
        }
        prompt = typed.count > 200 ? String(typed.prefix(200)) : typed
    }

    public mutating func setQuery(_ text: String?) {
        query = text.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The next line (after `from`, wrapping around) whose text contains the query, case-insensitively.
    public func match(after from: Int, forward: Bool) -> Int? {
        guard let query, lineCount > 0 else { return nil }
        let needle = query.lowercased()
        for step in 1...lineCount {
            let index = ((from + (forward ? step : -step)) % lineCount + lineCount) % lineCount
            if line(at: index).text.lowercased().contains(needle) { return index }
        }
        return nil
    }

    /// Matches of the query in the scrollback.
    public func matchCount() -> Int {
        guard let query else { return 0 }
        let needle = query.lowercased()
        return (0..<lineCount).reduce(0) { $0 + (line(at: $1).text.lowercased().contains(needle) ? 1 : 0) }
    }

    /// Error lines still in the scrollback, as indices of the lines shown.
    public var errorIndices: [Int] {
        errorLines.map { $0 - buffer.droppedCount }.filter { $0 >= 0 && $0 < buffer.count }.map(displayIndex)
    }
}
