/// What sccache did with one crate, from its server's debug log.
public struct CrateResult: Hashable, Codable, Sendable {
    public enum Outcome: Hashable, Codable, Sendable {
        case pending
        /// Still waiting for its result when the build ended (stopped, killed, or sccache's log ended).
        case interrupted
        case hit
        case miss
        case notCacheable(String)
        case error
        case other(String)

        /// Short text for the table.
        public var label: String {
            switch self {
            case .pending: return "…"
            case .interrupted: return "interrupted"
            case .hit: return "hit"
            case .miss: return "miss"
            case .notCacheable(let reason): return "not cacheable: \(reason)"
            case .error: return "cache error"
            case .other(let text): return text
            }
        }
    }

    public var name: String
    public var outcome: Outcome
    /// Seconds compiling (misses) or reading the cache (hits), as sccache logged them.
    public var seconds: Double?
    /// Arrival order, for the default sort.
    public var sequence: Int
}
