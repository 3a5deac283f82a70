import CacheWatchCore
import Foundation

/// One run as its engine prepared it: what to spawn, and what the engine needs to reach the run later (its
/// directory, its container, when it was prepared). The session holds it for the run's life and hands it back to
/// every call about the run: engines keep no run of their own.
public struct PreparedRun: Sendable {
    public var plan: BuildPlan
    public let directory: RunDirectory
    /// When the run was prepared (wall clock, as file times are).
    public var preparedAt: Double
    /// Facts for the run's record (its container, the image's id).
    public var facts: RunFacts

    public init(
        plan: BuildPlan, directory: RunDirectory, preparedAt: Double = Date().timeIntervalSince1970,
        facts: RunFacts = RunFacts()
    ) {
        self.plan = plan
        self.directory = directory
        self.preparedAt = preparedAt
        self.facts = facts
    }

    public var id: RunID { RunID(directory.name) }

    /// The build's container, by name (the docker engine's), as its facts name it.
    public var container: String? { facts.container }
}
