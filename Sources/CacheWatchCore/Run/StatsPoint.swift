/// One live sample of a run's statistics, kept for its timeline in the history.
public struct StatsPoint: Hashable, Codable, Sendable {
    /// Seconds since the run started.
    public var t: Double
    public var requests: Int
    public var hits: Int
    public var misses: Int

    public init(t: Double, requests: Int, hits: Int, misses: Int) {
        self.t = t
        self.requests = requests
        self.hits = hits
        self.misses = misses
    }

    /// Most points a run keeps: past it, every other one is dropped (the timeline keeps its shape).
    public static let limit = 600

    /// Appends `point`, thinning the timeline when it is full.
    public static func append(_ point: StatsPoint, to timeline: inout [StatsPoint]) {
        timeline.append(point)
        if timeline.count > limit {
            timeline = timeline.enumerated().filter { $0.offset % 2 == 0 || $0.offset == timeline.count - 1 }.map(\.element)
        }
    }
}
