/// What this dashboard runs, shown in the header and written into every run's record.
public struct SessionInfo: Hashable, Codable, Sendable {
    /// "native" or "docker".
    public var engine: EngineKind
    /// The project as shown ("~/src/demo").
    public var project: String
    /// The build command as the user would type it, secrets masked (for display only, never executed).
    public var command: String
    /// Extra facts for the header, such as the image ("image clux/muslrust:stable").
    public var details: [String]
    /// The project directory, absolute.
    public var projectPath: String
    /// The build command as argv, secrets masked.
    public var argv: [String]
    /// The docker engine's image; nil natively.
    public var image: String?
    /// Where sccache keeps its cache (masked); nil in recordings made before it was known.
    public var cache: CacheBackend?
    /// `--compare`: the session measures a clean build without sccache against one with a warm cache.
    public var compare: Bool?
    /// Watch mode's settings; nil where it is not available (`--fresh`, `--compare`, headless, old recordings).
    public var watch: WatchSettings?
    /// The finished-build notice (bell and title); nil: none (headless, old recordings).
    public var notify: NotifySettings?
    /// The build farm sccache's client is set up for; nil: none (or a recording made before farms were seen).
    public var dist: DistConfig?

    public init(
        engine: EngineKind, project: String, command: String, details: [String] = [], projectPath: String? = nil,
        argv: [String]? = nil, image: String? = nil, cache: CacheBackend? = nil, compare: Bool? = nil,
        watch: WatchSettings? = nil, notify: NotifySettings? = nil, dist: DistConfig? = nil
    ) {
        self.dist = dist
        self.watch = watch
        self.notify = notify
        self.cache = cache
        self.compare = compare
        self.engine = engine
        self.project = project
        self.command = command
        self.details = details
        self.projectPath = projectPath ?? project
        self.argv = argv ?? command.split(separator: " ").map(String.init)
        self.image = image
    }
}
