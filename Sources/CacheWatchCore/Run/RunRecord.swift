/// A finished run, whole: what ran, how it ended, what sccache did with every compile, and where things are.
/// The JSON report, the headless summary, the status bar's verdict and (later) the history row are renderings
/// of this one record.
public struct RunRecord: Hashable, Codable, Sendable {
    public var id: RunID
    /// "native" or "docker".
    public var engine: EngineKind
    /// The project directory, absolute.
    public var project: String
    /// The build command as argv, secrets masked.
    public var command: [String]
    /// The docker engine's image and its id; nil natively.
    public var image: String?
    public var imageDigest: String?
    /// What the engine and the session know of the run beyond its command (its container, its part in a comparison).
    public var facts: RunFacts
    /// Wall clock at the start (seconds since 1970) and the build's duration (to the child's exit).
    public var startedAt: Double
    public var duration: Double
    public var outcome: RunOutcome
    /// sccache's final JSON as it printed it (secrets masked), and what cachewatch read from it.
    public var statsJSON: String?
    public var stats: SccacheStats?
    /// Every compile of the per-crate table, in the order they ran.
    public var compiles: [CrateResult]
    public var disk: DiskUsage?
    /// Error and warning lines in the build's log.
    public var logErrors: Int
    public var logWarnings: Int
    /// The full log of the run, if one was written.
    public var logFile: String?
    /// What the user must know that the numbers do not say ("21 cache writes failed: no space left on device").
    public var warnings: [RunWarning]
    /// The live samples of the run (its timeline), thinned to at most `StatsPoint.limit`.
    public var samples: [StatsPoint] = []
    /// Compile time the cache hits saved (an estimate from sccache's own durations), when it can be told.
    public var savedSeconds: Double?
    /// What all the run's cache keys share (environment, toolchain, sccache, image, path), for "why it missed".
    public var context: RunContext?
    /// Where sccache kept the cache (masked), when known.
    public var cache: CacheBackend?
    /// The build farm the run's sccache was set up for, and what it did there; nil without one.
    public var farm: RunFarm?

    /// The stored names: a record in the history keeps the names its fields were first written with.
    enum CodingKeys: String, CodingKey {
        case id, engine, project, command, image, imageDigest, facts, startedAt, duration, outcome, statsJSON, stats
        case compiles, disk, logErrors, logWarnings, logFile, samples, savedSeconds, context, cache, farm
        case warnings = "cacheWarnings"
    }

    /// Runs are compared only with runs of the same project, engine, image and command (a `cargo test` run is not
    /// compared with a `cargo build` one).
    public var comparisonKey: String {
        Self.comparisonKey(project: project, engine: engine, image: image, command: command)
    }

    /// The comparison key of the runs a session makes.
    public static func comparisonKey(_ session: SessionInfo) -> String {
        comparisonKey(project: session.projectPath, engine: session.engine, image: session.image, command: session.argv)
    }

    public static func comparisonKey(project: String, engine: EngineKind, image: String?, command: [String]) -> String {
        [project, engine.name, image ?? "", command.joined(separator: "\u{1F}")].joined(separator: "\u{1E}")
    }

    /// The cache's size when the run ended: sccache's own figure, else the sccache directory on disk.
    public var cacheBytes: Int64? {
        stats?.cacheSize ?? disk?.directories.first { $0.name == "sccache" && $0.exists }?.bytes
    }

    public init(
        id: RunID, engine: EngineKind, project: String, command: [String], image: String? = nil, imageDigest: String? = nil,
        facts: RunFacts = RunFacts(), startedAt: Double, duration: Double, outcome: RunOutcome, statsJSON: String? = nil,
        stats: SccacheStats? = nil, compiles: [CrateResult] = [], disk: DiskUsage? = nil, logErrors: Int = 0,
        logWarnings: Int = 0, logFile: String? = nil, warnings: [RunWarning] = []
    ) {
        self.id = id
        self.engine = engine
        self.project = project
        self.command = command
        self.image = image
        self.imageDigest = imageDigest
        self.facts = facts
        self.startedAt = startedAt
        self.duration = duration
        self.outcome = outcome
        self.statsJSON = statsJSON
        self.stats = stats
        self.compiles = compiles
        self.disk = disk
        self.logErrors = logErrors
        self.logWarnings = logWarnings
        self.logFile = logFile
        self.warnings = warnings
    }
}
