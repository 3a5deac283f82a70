/// One level of a multi-level cache (`SCCACHE_MULTILEVEL_CHAIN`), as sccache counts it: L0 is checked first.
public struct CacheLevelStats: Hashable, Codable, Sendable {
    /// sccache's name: "L0 (disk)", "L1 (redis)".
    public var name: String
    /// Where the level is, masked.
    public var location: String?
    public var hits: Int?
    public var misses: Int?
    public var writes: Int?
    public var writeFailures: Int?
    /// Entries this level gave to the levels before it (a hit here, copied down).
    public var backfillsFrom: Int?
    /// Entries this level received from a later level.
    public var backfillsTo: Int?
    /// Average seconds of a hit read from this level, and of a write to it.
    public var averageHit: Double?
    public var averageWrite: Double?

    public init(name: String) {
        self.name = name
    }

    /// "L1" of "L1 (redis)".
    public var tier: String { String(name.prefix { $0 != " " }) }

    /// "redis" of "L1 (redis)" (the whole name when it has no parentheses).
    public var kind: String {
        guard let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close else { return name }
        return String(name[name.index(after: open)..<close])
    }

    /// "L1 redis": the name as the panel shows it.
    public var shortName: String { tier == name ? name : "\(tier) \(kind)" }

    /// "35 hits, 0 misses, 0 writes, 35 backfilled out": what the summary and the history say of a level.
    public var sentence: String {
        var text = "\(hits ?? 0) hits, \(misses ?? 0) misses, \(writes ?? 0) writes"
        if let n = backfillsTo, n > 0 { text += ", \(n) backfilled in" }
        if let n = backfillsFrom, n > 0 { text += ", \(n) backfilled out" }
        if let n = writeFailures, n > 0 { text += ", \(n) write failures" }
        return text
    }

    public var hitRate: Double? { SccacheStats.rate(hits ?? 0, misses ?? 0) }

    /// Splits a text report's label "L1 (redis) backfills from" into the level's name and the field;
    /// nil for any other label.
    static func split(_ label: String) -> (name: String, field: String)? {
        guard label.hasPrefix("L"), let close = label.firstIndex(of: ")") else { return nil }
        let name = String(label[...close])
        let digits = name.dropFirst().prefix { $0.isNumber }
        guard !digits.isEmpty, name.dropFirst(1 + digits.count).hasPrefix(" (") else { return nil }
        return (name, String(label[label.index(after: close)...]).trimmingSpaces)
    }
}
