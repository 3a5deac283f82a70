/// What the runner knows when a build starts, carried into Core by `Event.buildStarted`.
public struct RunStart: Hashable, Codable, Sendable {
    public var id: RunID
    /// Wall clock (seconds since 1970): the start as people read it.
    public var wallClock: Double
    /// The engine's facts for the record ("container": its name, "image_digest": the image's id).
    public var facts: [String: String]

    public init(id: RunID, wallClock: Double, facts: [String: String] = [:]) {
        self.id = id
        self.wallClock = wallClock
        self.facts = facts
    }

    /// For states built by hand (tests, benchmarks): no identity of its own.
    public static let unnamed = RunStart(id: RunID("run"), wallClock: 0)
}
