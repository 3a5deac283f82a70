/// What a run is launched with, resolved from the settings and the process's facts: which engine (or, for the demo,
/// which to try), where the project and the mount root are, the cache's size, whose files the outputs become, and
/// what the log says before the first build. Pure: the executable gathers `Host` and probes; this decides, for
/// `run`, `demo` and `doctor` alike.
public struct LaunchPlan: Sendable {
    /// The process's facts a plan is resolved against.
    public struct Host: Sendable {
        public var environment: [String: String]
        /// `$HOME` as a shell's `~` means it.
        public var home: String
        public var workingDirectory: String
        /// The invoking user (through sudo: `SUDO_UID`/`SUDO_GID` when running as root).
        public var uid: UInt32
        public var gid: UInt32

        public init(environment: [String: String], home: String, workingDirectory: String, uid: UInt32, gid: UInt32) {
            self.environment = environment
            self.home = home
            self.workingDirectory = workingDirectory
            if uid == 0, let u = environment["SUDO_UID"].flatMap(UInt32.init),
                let g = environment["SUDO_GID"].flatMap(UInt32.init)
            {
                self.uid = u
                self.gid = g
            } else {
                self.uid = uid
                self.gid = gid
            }
        }
    }

    public enum EngineRequest: Hashable, Sendable {
        case docker(image: String)
        case native
        /// The demo without `--engine`: the first of `images` present when a Docker engine answers, else native.
        case demoChoice(images: [String])

        /// The image asked for, if one is (none for native, several for the demo's choice).
        public var image: String? {
            if case .docker(let image) = self { return image }
            return nil
        }
    }

    public var engine: EngineRequest
    public var projectPath: String
    public var mountRoot: String
    public var cacheSize: CacheSize
    public var command: [String]
    /// A clean build each run (`--fresh`, `--compare`'s measured runs, and the demo unless it watches).
    public var fresh: Bool
    /// Watch mode: as the settings say, but never headless (a config file's watch is for the dashboard; a headless
    /// run builds once; `--watch` itself headless is `problem`).
    public var watch: Bool
    let watchProblem: String?
    public var ownerUID: UInt32
    public var ownerGID: UInt32
    /// "you", or "uid N" when `--owner` names someone else.
    public var ownerName: String
    public var backend: CacheBackend
    /// Notes for the log before the first build (settings' notes, the cache backend).
    public var banner: [String]
    /// Notes worth acting on (an untrusted project file, a mount root inside the project): also on stderr headless.
    public var warnings: [String]
    public let home: String
    public let environment: [String: String]

    /// The stand-in muslrust image that scripts/standin-image builds with no network.
    public static let standinImage = "cachewatch/muslrust-standin:1"

    public init(_ settings: Settings, project: String, host: Host, demo: Bool = false, headless: Bool = false) {
        home = host.home
        environment = host.environment
        projectPath = Self.absolute(project, host: host)
        mountRoot = Self.absolute(settings.mountRoot ?? host.home + "/.muslrust", host: host)
        // Checked with the other settings (flag, $SCCACHE_CACHE_SIZE or a file).
        cacheSize = settings.cacheSize.flatMap { try? CacheSize.parse($0) } ?? .standard
        command = settings.command
        watch = settings.watch && !headless
        watchProblem =
            settings.watch && headless && !settings.source(.watch).isFile
            ? "--watch needs the dashboard in a terminal (it re-runs until you quit)" : nil
        // The demo builds each run from an empty target/, so it shows the cache at work; a watch re-run builds on the last.
        fresh = (demo ? !watch : settings.fresh) || settings.compare
        let owner = settings.owner.flatMap(OwnerID.parse) ?? (host.uid, host.gid)
        (ownerUID, ownerGID) = owner
        ownerName = owner.uid == host.uid ? "you" : "uid \(owner.uid)"
        backend = CacheBackend.from(environment: host.environment)
        switch settings.engine {
        case .native?: engine = .native
        case .docker?: engine = .docker(image: settings.image ?? DockerPlan.defaultImage)
        default:
            engine =
                demo
                ? .demoChoice(images: settings.image.map { [$0] } ?? [DockerPlan.defaultImage, Self.standinImage])
                : .docker(image: settings.image ?? DockerPlan.defaultImage)
        }
        warnings = settings.projectFile?.notice.map { [$0] } ?? []
        if mountRoot == projectPath || mountRoot.hasPrefix(projectPath + "/") {
            warnings.append(
                "cachewatch: the mount root \(Self.abbreviate(mountRoot, home: host.home)) is inside the project, where the build can write: "
                    + "keep it outside (e.g. MOUNT_ROOT=/tmp/muslrust in CI); a link the build plants there is refused")
        }
        banner = settings.notes.map { "cachewatch: \($0)" } + Self.backendNotes(backend)
    }

    /// Why nothing may start: `--watch` without a terminal.
    public var problem: String? { watchProblem }

    /// Why the build must not start whatever the engine: `CARGO_INCREMENTAL=1`, which sccache refuses.
    public var buildProblem: String? {
        guard environment["CARGO_INCREMENTAL"] == "1" else { return nil }
        return "CARGO_INCREMENTAL=1 is set, but sccache refuses incremental builds (every compile would fail with "
            + "\"incremental compilation is prohibited\"). Unset it, or set CARGO_INCREMENTAL=0."
    }

    /// The notes of a native build: the demo says how it runs, and a dev build without `CARGO_INCREMENTAL` is one
    /// sccache will not cache.
    public func nativeNotes(sccache: String, demo: Bool) -> [String] {
        var notes: [String] = []
        if demo { notes.append("cachewatch: running natively: cargo on this machine, wrapped by \(abbreviate(sccache))") }
        if environment["CARGO_INCREMENTAL"] == nil, command.first == "cargo", !command.contains("--release"),
            !command.contains("-r")
        {
            notes.append(
                "cachewatch: CARGO_INCREMENTAL is not set, so cargo's dev profile builds incrementally, which sccache "
                    + "does not cache: set CARGO_INCREMENTAL=0 (cachewatch sets no CARGO_* variable itself: sccache "
                    + "hashes each one into every key)")
        }
        return notes
    }

    /// What the log says once about the cache backend: which one, and a password sccache cannot use.
    public static func backendNotes(_ backend: CacheBackend) -> [String] {
        guard !backend.isLocalDisk else { return [] }
        var notes = ["cachewatch: sccache's cache: \(backend.summary)"]
        if backend.endpoints.contains(where: { $0.kind == .redis && $0.hasPasswordInURL }) {
            notes.append(
                "cachewatch: the Redis endpoint carries its credentials in the URL; sccache 0.16 waits 10 s and fails "
                    + "with that form here. Put them in SCCACHE_REDIS_USERNAME / SCCACHE_REDIS_PASSWORD instead.")
        }
        return notes
    }

    /// `path` with the home directory written `~`, as messages show it.
    public func abbreviate(_ path: String) -> String { Self.abbreviate(path, home: home) }

    public static func abbreviate(_ path: String, home: String) -> String {
        home.count > 1 && path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
    }

    /// `path` made absolute and plain (no `.`, `..` or doubled slashes; links are not followed); `~` means `$HOME`,
    /// as a shell's does.
    public static func absolute(_ path: String, host: Host) -> String {
        var expanded = path == "~" || path.hasPrefix("~/") ? host.home + path.dropFirst() : path
        if !expanded.hasPrefix("/") { expanded = host.workingDirectory + "/" + expanded }
        var parts: [Substring] = []
        for part in expanded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
