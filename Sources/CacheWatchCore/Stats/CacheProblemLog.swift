/// Why sccache's cache reads and writes failed, from its server log: its statistics only count failures
/// (`cache_write_errors`, `cache_read_errors`, `cache_timeouts`), the log says why ("No space left on device").
public struct CacheProblemLog: Sendable {
    /// Causes of failed writes and reads, with how often each was logged, in the order first seen.
    public private(set) var writeCauses: [(cause: String, count: Int)] = []
    public private(set) var readCauses: [(cause: String, count: Int)] = []
    public private(set) var timeouts = 0

    public init() {}

    public mutating func feed(_ lines: [String]) {
        for line in lines { feed(line) }
    }

    /// sccache 0.16 logs `Error executing cache write: <cause>`, `[crate]: Cache read error: <cause> in <time>`,
    /// `[crate]: Failed to decompress object` and `[crate]: Cache timed out <time>`.
    public mutating func feed(_ line: String) {
        guard let message = CrateLogParser.message(of: line), Self.mayMatter(message) else { return }
        if let range = message.range(of: "Error executing cache write: ") {
            add(Self.cause(message[range.upperBound...]), to: &writeCauses)
        } else if let range = message.range(of: ": Cache read error: ") {
            var cause = message[range.upperBound...]
            if let suffix = cause.range(of: " in ", options: .backwards) { cause = cause[..<suffix.lowerBound] }
            add(Self.cause(cause), to: &readCauses)
        } else if message.hasSuffix(": Failed to decompress object") {
            add("a cache entry could not be decompressed", to: &readCauses)
        } else if message.contains(": Cache timed out ") {
            timeouts += 1
        }
    }

    /// Every message handled here has "te: " (cache write: ), "or: " (read error: ), "ress" (decompress) or "d ou"
    /// (timed out) in it; a debug log's lines (`get_cached_or_compile: […]`, `compile result: cache miss`) have none
    /// and are passed over in one look at their bytes, without Foundation's string search.
    static func mayMatter(_ message: Substring) -> Bool {
        var last4: UInt32 = 0
        for byte in message.utf8 {
            last4 = last4 << 8 | UInt32(byte)
            switch last4 {
            case 0x7465_3A20, 0x6F72_3A20, 0x7265_7373, 0x6420_6F75: return true  // "te: ", "or: ", "ress", "d ou"
            default: continue
            }
        }
        return false
    }

    /// The most frequent cause of failed writes, if any was logged.
    public var writeCause: String? { writeCauses.max { $0.count < $1.count }?.cause }
    public var readCause: String? { readCauses.max { $0.count < $1.count }?.cause }

    /// "No space left on device (os error 28)" → "no space left on device"; Rust's debug text kept short.
    static func cause(_ text: Substring) -> String {
        var cause = String(text).trimmingSpaces
        if let os = cause.range(of: " (os error ") { cause = String(cause[..<os.lowerBound]) }
        if cause.count > 120 { cause = String(cause.prefix(119)) + "…" }
        guard let first = cause.first, first.isUppercase, cause.dropFirst().first?.isLowercase ?? false else { return cause }
        return first.lowercased() + cause.dropFirst()
    }

    private func add(_ cause: String, to causes: inout [(cause: String, count: Int)]) {
        if let index = causes.firstIndex(where: { $0.cause == cause }) {
            causes[index].count += 1
        } else if causes.count < 20 {
            causes.append((cause, 1))
        }
    }
}
