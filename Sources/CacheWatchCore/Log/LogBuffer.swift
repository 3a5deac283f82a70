/// Bounded scrollback: the newest `capacity` lines, oldest dropped first.
public struct LogBuffer: Sendable {
    public let capacity: Int
    private var storage: [LogLine] = []
    private var start = 0
    /// Lines dropped from the front since the buffer was created or cleared.
    public private(set) var droppedCount = 0

    public init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    public subscript(index: Int) -> LogLine {
        storage[(start + index) % storage.count]
    }

    public mutating func append(_ line: LogLine) {
        if storage.count < capacity {
            storage.append(line)
        } else {
            storage[start] = line
            start = (start + 1) % capacity
            droppedCount += 1
        }
    }

    public mutating func append(contentsOf lines: [LogLine]) {
        for line in lines { append(line) }
    }

    public mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        start = 0
        droppedCount = 0
    }

    /// All lines, oldest first.
    public var lines: [LogLine] {
        (0..<count).map { self[$0] }
    }
}
