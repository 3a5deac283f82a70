/// What the runner knows when a build starts, carried into Core by `Event.buildStarted`.
public struct RunStart: Hashable, Codable, Sendable {
    public var id: RunID
    /// Wall clock (seconds since 1970): the start as people read it.
    public var wallClock: Double
    /// The engine's facts for the record (its container, the image's id).
    public var facts: RunFacts

    public init(id: RunID, wallClock: Double, facts: RunFacts = RunFacts()) {
        self.id = id
        self.wallClock = wallClock
        self.facts = facts
    }

    /// For states built by hand (tests, benchmarks): no identity of its own.
    public static let unnamed = RunStart(id: RunID("run"), wallClock: 0)
}
