/// What `cachewatch doctor` looked at, gathered at the edges (nil: not looked at, or not knowable here).
public struct DoctorFacts: Sendable {
    /// "docker" or "native".
    public var engine: EngineKind
    public var command: [String]
    public var environment: [String: String]
    public var project: String
    public var projectHasManifest = true
    public var lockFilePresent = true

    // The docker engine.
    /// The client's version, or why there is none; nil when the engine was not looked at (the quick checks).
    public var dockerClient: Result<String, Problem>?
    /// The daemon's version, or why it does not answer.
    public var daemon: Result<String, Problem>?
    public var image: String?
    public var imagePresent: Bool?
    /// The image's `CARGO_HOME` (where the registry is mounted); nil when it sets none.
    public var imageCargoHome: String?
    /// `sccache --version` inside the image, or why it could not run.
    public var imageSccache: Result<String, Problem>?

    // The host.
    /// The sccache binary on the host and its version, or why there is none.
    public var hostSccache: Result<String, Problem>?

    // The mount root.
    public var mountRoot: String
    /// Whether cachewatch can create and write its directories there.
    public var mountRootWritable = true
    /// The file system that holds it ("ext4", "tmpfs", "nfs"…).
    public var filesystem: String?
    public var freeBytes: Int64?
    public var cacheLimit: Int64
    /// Entries in the registry and sccache directories not owned by the user.
    public var foreignOwned: Int?

    // The cache.
    public var backend: CacheBackend
    /// Why the remote cache does not answer; nil when it does, or there is none to ask.
    public var backendProblem: String?
    public var backendProbed = false

    // The build farm (native: the host's sccache is its client).
    /// The farm in sccache's client config; nil without one.
    public var farm: DistConfig?
    /// The scheduler's status, or why it gave none.
    public var farmLoad: Result<FarmLoad, Problem>?
    /// Why sccache's client config could not be read.
    public var farmConfigProblem: String?

    /// Why something could not be had, as text.
    public struct Problem: Error, Hashable, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    public init(
        engine: EngineKind, command: [String], environment: [String: String], project: String, mountRoot: String,
        cacheLimit: Int64, backend: CacheBackend
    ) {
        self.engine = engine
        self.command = command
        self.environment = environment
        self.project = project
        self.mountRoot = mountRoot
        self.cacheLimit = cacheLimit
        self.backend = backend
    }
}
