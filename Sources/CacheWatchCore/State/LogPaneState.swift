/// The log pane: scrollback, the line being written, and where the view is.
public struct LogPaneState: Sendable {
    public private(set) var buffer: LogBuffer
    private var assembler: LineAssembler
    /// The unfinished last line (cargo's progress bar), shown below the finished ones.
    public private(set) var pending: LogLine?
    /// Auto-scroll to the newest line.
    public var follow = true
    /// First visible line when not following.
    public private(set) var top = 0

    public init(capacity: Int = 100_000) {
        buffer = LogBuffer(capacity: capacity)
        assembler = LineAssembler()
    }

    /// Lines that can be shown: the finished ones plus the pending one.
    public var lineCount: Int { buffer.count + (pending == nil ? 0 : 1) }

    public func line(at index: Int) -> LogLine {
        index < buffer.count ? buffer[index] : (pending ?? LogLine(""))
    }

    public mutating func ingest(_ bytes: [UInt8]) {
        let before = buffer.droppedCount
        buffer.append(contentsOf: assembler.feed(bytes))
        pending = assembler.pending
        if !follow {
            top = max(0, top - (buffer.droppedCount - before))
        }
    }

    /// Ends the current stream (the build exited): the unfinished line becomes a finished one.
    public mutating func endStream() {
        if let last = assembler.finish() { buffer.append(last) }
        pending = nil
    }

    /// Appends a line of the dashboard's own (e.g. "── build started ──").
    public mutating func appendNote(_ line: LogLine) {
        endStream()
        buffer.append(line)
    }

    public mutating func clear() {
        buffer.removeAll()
        pending = nil
        assembler = LineAssembler()
        top = 0
    }

    /// The first visible line for a viewport of `height` rows.
    public func firstVisible(height: Int) -> Int {
        let maxTop = max(0, lineCount - height)
        return follow ? maxTop : min(top, maxTop)
    }

    /// Scrolls by `delta` lines (negative is up); scrolling up pauses follow, reaching the end resumes it.
    public mutating func scroll(by delta: Int, height: Int) {
        let maxTop = max(0, lineCount - height)
        let current = firstVisible(height: height)
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

    public mutating func toggleFollow(height: Int) {
        if follow {
            top = firstVisible(height: height)
            follow = false
        } else {
            follow = true
        }
    }
}
