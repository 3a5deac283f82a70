import Foundation

/// Follows a growing text file (sccache's server log): each call returns the lines completed since the last.
final class LogTailer: @unchecked Sendable {
    let path: String
    private var offset: UInt64 = 0
    private var partial = Data()
    private let lock = NSLock()
    /// A line longer than this is cut (a runaway line cannot grow memory without bound).
    private let maxLine = 1 << 20

    init(path: String) {
        self.path = path
    }

    func newLines() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        if size < offset {  // truncated: a new run
            offset = 0
            partial.removeAll()
        }
        guard size > offset else { return [] }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.read(upToCount: Int(min(size - offset, 64 << 20)))) ?? Data()
        offset += UInt64(data.count)
        partial.append(data)
        var lines: [String] = []
        var start = partial.startIndex
        while let newline = partial[start...].firstIndex(of: 0x0A) {
            lines.append(String(decoding: partial[start..<newline], as: UTF8.self))
            start = partial.index(after: newline)
        }
        partial.removeSubrange(partial.startIndex..<start)  // once, not per line
        if partial.count > maxLine { partial.removeAll() }
        return lines
    }
}
