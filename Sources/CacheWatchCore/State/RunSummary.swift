/// What a finished run left behind, for comparing the next one with it.
public struct RunSummary: Equatable, Sendable {
    public var stats: SccacheStats
    public var duration: Double

    public init(stats: SccacheStats, duration: Double) {
        self.stats = stats
        self.duration = duration
    }
}
