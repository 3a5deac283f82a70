/// The hit/miss panel: the newest sample of sccache's statistics and where it came from.
public struct StatsPanelState: Sendable {
    public enum Source: Hashable, Sendable {
        /// Nothing received yet for this build.
        case waiting
        /// Sampled from the running server.
        case live
        /// sccache's final numbers after the build ended.
        case final
        /// Reset by the user while no server ran.
        case reset
    }

    public var stats: SccacheStats?
    public var source: Source = .waiting
    /// Why the numbers may be stale or missing ("sccache did not answer: …").
    public var problem: String?

    public init() {}
}
