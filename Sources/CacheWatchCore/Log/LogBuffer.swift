/// Bounded scrollback: the newest lines, oldest dropped first, within a line count and a byte budget (a flood
/// of long lines must not grow memory past the budget, however few lines it is).
public struct LogBuffer: Sendable {
    public let capacity: Int
    /// Most bytes the kept lines may take (their text and style offsets, and a per-line overhead).
    public let byteBudget: Int
    private var storage: [LogLine] = []
    /// Index in `storage` of the oldest kept line.
    private var start = 0
    /// Bytes the kept lines take.
    public private(set) var bytes = 0
    /// Lines dropped from the front since the buffer was created.
    public private(set) var droppedCount = 0

    public static let defaultByteBudget = 48 << 20

    public init(capacity: Int = 100_000, byteBudget: Int = defaultByteBudget) {
        self.capacity = max(1, capacity)
        self.byteBudget = max(1 << 16, byteBudget)
    }

    public var count: Int { storage.count - start }

    public subscript(index: Int) -> LogLine {
        storage[start + index]
    }

    public mutating func append(_ line: LogLine) {
        storage.append(line)
        bytes += Self.cost(line)
        while count > capacity || (bytes > byteBudget && count > 1) { dropOldest() }
    }

    private mutating func dropOldest() {
        bytes -= Self.cost(storage[start])
        storage[start] = LogLine("")  // release its text now
        start += 1
        droppedCount += 1
        // Compact once the dropped prefix is as long as what is kept: amortised O(1) per line.
        if start >= 1024 && start >= storage.count / 2 {
            storage.removeFirst(start)
            start = 0
        }
    }

    /// What a line costs to keep: its text, its style changes, and what every line costs besides (an estimate
    /// of Swift's allocations).
    static func cost(_ line: LogLine) -> Int {
        line.text.utf8.count + line.styles.count * 24 + 64
    }
}
