/// A session recording (`.cwrec`): a versioned header, then every event of the session as a frame, in order.
///
/// ```
/// CWREC 1\n                      magic and format version
/// <header as one line of JSON>\n  what ran: `Recording.Header`
/// frames: kind (1 byte) · time (8 bytes, little-endian Double: seconds since the session started) ·
///         length (4 bytes, little-endian) · payload
/// ```
/// PTY output is a frame of raw bytes (kind 1), exactly as it came; sccache's server-log lines are their UTF-8 text,
/// each ended by a newline (kind 3); every other event is its JSON (kind 2). A reader skips kinds it does not know,
/// so kind 3 (added after 1 and 2) leaves older recordings readable and newer ones playable by an older cachewatch.
/// Frames are written whole, so a recording cut short (a `kill -9`) reads up to its last whole frame.
public enum Recording {
    public static let magic = "CWREC 1\n"
    public static let outputKind: UInt8 = 1
    public static let eventKind: UInt8 = 2
    public static let serverLogKind: UInt8 = 3

    /// A kind-3 payload: each line and a newline; nil when a line holds a newline itself (then it goes as JSON).
    public static func serverLogPayload(_ lines: [String]) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            let start = bytes.count
            bytes += line.utf8
            if bytes[start...].contains(0x0A) { return nil }
            bytes.append(0x0A)
        }
        return bytes
    }

    /// The lines of a kind-3 payload (invalid UTF-8 repaired, as every other read of a log is).
    public static func serverLogLines(_ payload: some Collection<UInt8>) -> [String] {
        var lines = payload.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// What a replay needs to build the dashboard's state as it was.
    public struct Header: Hashable, Codable, Sendable {
        public var version = 1
        public var session: SessionInfo
        public var cacheLimit: Int64?
        public var scrollback: Int
        public var ownerName: String
        /// Wall clock at the start (seconds since 1970).
        public var startedAt: Double
        /// Monotonic clock at the start: frame times are relative to it.
        public var clockOrigin: Double
        /// "dashboard" or "headless".
        public var mode: String

        public init(
            session: SessionInfo, cacheLimit: Int64?, scrollback: Int, ownerName: String, startedAt: Double,
            clockOrigin: Double, mode: String
        ) {
            self.session = session
            self.cacheLimit = cacheLimit
            self.scrollback = scrollback
            self.ownerName = ownerName
            self.startedAt = startedAt
            self.clockOrigin = clockOrigin
            self.mode = mode
        }

        /// The state a replay starts from.
        public func initialState(scrollback override: Int? = nil) -> AppState {
            AppState(session: session, cacheLimit: cacheLimit, scrollback: override ?? scrollback, ownerName: ownerName)
        }
    }

    /// One recorded event and when it happened (seconds since the session started).
    public struct Frame: Sendable {
        public var time: Double
        public var event: Event

        public init(time: Double, event: Event) {
            self.time = time
            self.event = event
        }
    }

    /// The bytes of one frame (header and payload, to be written in one piece).
    public static func frame(kind: UInt8, time: Double, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [kind]
        bytes.reserveCapacity(13 + payload.count)
        withUnsafeBytes(of: time.bitPattern.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: UInt32(clamping: payload.count).littleEndian) { bytes += $0 }
        bytes += payload
        return bytes
    }

    /// Reads frames from `bytes` starting at `offset`; stops at the end or at a frame cut short. Returns the
    /// frames' raw parts and where reading stopped.
    public static func frames(in bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> (
        frames: [(kind: UInt8, time: Double, payload: Range<Int>)], end: Int
    ) {
        var result: [(kind: UInt8, time: Double, payload: Range<Int>)] = []
        var index = offset
        while index + 13 <= bytes.count {
            let kind = bytes[index]
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[index + 1 + i]) << (8 * UInt64(i)) }
            var length: UInt32 = 0
            for i in 0..<4 { length |= UInt32(bytes[index + 9 + i]) << (8 * UInt32(i)) }
            let start = index + 13
            guard start + Int(length) <= bytes.count else { break }
            result.append((kind, Double(bitPattern: bits), start..<(start + Int(length))))
            index = start + Int(length)
        }
        return (result, index)
    }
}
