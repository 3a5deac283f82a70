import CacheWatchCore
import CacheWatchRunner
import CacheWatchTerminal
import Foundation

/// Turns the command line into a checked engine and session, then runs the dashboard or headless mode.
struct Launcher {
    let settings: Settings
    let project: String
    let demo: Bool

    /// A problem found before anything starts: printed, then a non-zero exit.
    struct Fatal: Error {
        let message: String
    }

    func run() -> Int32 {
        do {
            let headless = settings.headless || isatty(STDOUT_FILENO) == 0 || isatty(STDIN_FILENO) == 0
            let plan = LaunchPlan(settings, project: project, host: .current, demo: demo, headless: headless)
            if let problem = plan.problem { throw Fatal(message: problem) }
            if !headless {
                do { try Terminal.check() } catch { throw Fatal(message: "\(error)") }
            }
            let setup = try prepare(plan, headless: headless)
            if headless {
                return HeadlessRunner(setup: setup).run()
            }
            return DashboardRunner(setup: setup).run()
        } catch let fatal as Fatal {
            Output.err("cachewatch: error: \(fatal.message)\n")
            return 2
        } catch {
            Output.err("cachewatch: error: \(error)\n")
            return 2
        }
    }

    /// Everything the runners need, checked.
    struct Setup {
        let engine: BuildEngine
        let session: BuildSession
        let events: EventQueue
        let info: SessionInfo
        let cacheLimit: Int64?
        let scrollback: Int
        let report: ReportTarget?
        /// Writes each run's report, when one is asked for.
        let reportWriter: ReportWriter?
        /// Writes each run's Chrome trace (`--trace`).
        let traceWriter: ReportWriter?
        /// Where the session is recorded (nil: `--no-record`), and the space kept for recordings.
        let recordPath: String?
        let mountRoot: String
        let keepSessions: Int64
        /// The largest log file of a run, and the most of the build's output a recording keeps (`--max-log-size`).
        let maxLogSize: Int64
        /// "you", or "uid N" when --owner names someone else.
        let ownerName: String
        /// Shown once in the log before the first build (e.g. why the demo runs natively).
        let banner: [String]
        /// Said once before the first build and worth acting on (an untrusted project file, a mount root inside the
        /// project): in the log and the status bar, and on stderr headless.
        let warnings: [String]
        /// Keeps every run in `<mount root>/cachewatch/history.sqlite`.
        let history: HistoryJob
        /// Where headless mode appends each run's Markdown summary (`--summary`, `$GITHUB_STEP_SUMMARY`).
        let jobSummary: String?
        /// Watch mode's eyes on the project (started and stopped by `Effect.watch`); nil where watch is unavailable.
        let watcher: FileWatcher?
        /// The keys after the config files' `[keys]`, and the colours after `color` and `[colors]`.
        let keymap: Keymap
        let color: Bool
        let palette: [StyleRole: ColorSpec]
    }

    func prepare(_ plan: LaunchPlan, headless: Bool) throws -> Setup {
        let environment = plan.environment
        let projectPath = plan.projectPath
        var projectInfo = stat()
        guard stat(projectPath, &projectInfo) == 0 else {
            throw Fatal(message: "project directory \(projectPath): \(String(cString: strerror(errno)))")
        }
        guard projectInfo.st_mode & S_IFMT == S_IFDIR else { throw Fatal(message: "\(projectPath) is not a directory") }
        guard access(projectPath, R_OK | X_OK) == 0 else {
            throw Fatal(message: "project directory \(projectPath): permission denied (cachewatch cannot read it)")
        }
        guard access(projectPath + "/Cargo.toml", F_OK) == 0 else {
            throw Fatal(message: "no Cargo.toml in \(projectPath); run cachewatch in a Rust project or pass --project DIR")
        }
        if let problem = plan.buildProblem { throw Fatal(message: problem) }
        let mountRoot = plan.mountRoot
        // sccache reads only its own syntax (else silently 10 GiB): it gets the same number written its way.
        let cacheSize = plan.cacheSize.sccacheValue
        let cacheLimit = plan.cacheSize.bytes
        try createDirectories(mountRoot: mountRoot)
        let command = plan.command
        let owner = (uid: plan.ownerUID, gid: plan.ownerGID)
        let report = try reportTarget()

        var banner = plan.banner
        let warnings = plan.warnings
        let backend = plan.backend
        let engine: BuildEngine
        switch chooseEngine(plan.engine, banner: &banner) {
        case .docker(let image, let extraArguments):
            let dockerArguments = extraArguments + settings.dockerArguments
            let docker = DockerEngine(
                command: command, image: image, project: projectPath, mountRoot: mountRoot, cacheSize: cacheSize,
                dockerArguments: dockerArguments, fresh: plan.fresh,
                chownAfter: settings.chownAfter ? "\(owner.uid):\(owner.gid)" : nil,
                cacheVariables: CacheBackend.passedVariables(environment: environment, extra: settings.cacheEnvironment),
                hostNetwork: Self.needsHostNetwork(backend, dockerArguments: dockerArguments, banner: &banner),
                owner: owner.uid)
            engine = docker
        case .native:
            guard Executables.find(command[0]) != nil else {
                if command[0] == "cargo" {
                    throw Fatal(
                        message: "cargo not found on PATH. Install Rust (https://rustup.rs or your distribution's cargo package)."
                    )
                }
                throw Fatal(message: "\(command[0]): command not found on PATH")
            }
            let sccache: String
            do {
                sccache = try SccacheLocator.locate(explicit: settings.sccache)
            } catch {
                throw Fatal(message: "\(error)")
            }
            guard let port = Ports.free() else { throw Fatal(message: "no free loopback port for the sccache server") }
            engine = NativeEngine(
                command: command, project: projectPath, mountRoot: mountRoot, cacheSize: cacheSize, sccache: sccache,
                port: port, cargoHome: NativePlan.cargoHome(environment: environment, home: plan.home), fresh: plan.fresh)
            banner += plan.nativeNotes(sccache: sccache, demo: demo)
        }

        let events = EventQueue()
        var sessionOptions = BuildSession.Options(owner: owner)
        sessionOptions.logDirectory = MountLayout.logDirectory(mountRoot: mountRoot)
        sessionOptions.maxLogSize = settings.maxLogSize
        sessionOptions.scrubber = SecretScrubber(
            secrets: SecretScrubber.secrets(
                in: environment, names: CacheBackend.passedVariables(environment: environment, extra: settings.cacheEnvironment)))
        // The doctor's quick checks before each build (Cargo.lock, the mount root, the cache backend…): what would
        // make it fail is said at once instead.
        sessionOptions.preflight = DoctorProbe.preflight(
            DoctorProbe.Request(plan: plan, engine: engine.name, image: nil, sccache: nil, probeBackend: settings.probe))
        let session = BuildSession(engine: engine, events: events, options: sessionOptions)
        let masked = SecretMask.arguments(command)
        let info = SessionInfo(
            engine: engine.name, project: plan.abbreviate(projectPath), command: ShellQuote.join(masked),
            details: engine.details, projectPath: projectPath, argv: masked, image: (engine as? DockerEngine)?.image,
            cache: backend, compare: settings.compare ? true : nil,
            watch: plan.fresh
                ? nil
                : WatchSettings(
                    enabled: plan.watch, debounce: Double(settings.debounce) / 1000, strategy: settings.onChange),
            notify: headless ? nil : NotifySettings(enabled: settings.notify, afterSeconds: settings.notifyAfter))
        return Setup(
            engine: engine, session: session, events: events, info: info, cacheLimit: cacheLimit,
            scrollback: settings.scrollback, report: report,
            reportWriter: report.map { ReportWriter(target: $0, events: events) },
            traceWriter: try traceTarget().map { ReportWriter(target: $0, events: events, kind: .trace) },
            recordPath: recordPath(mountRoot: mountRoot),
            mountRoot: mountRoot, keepSessions: (try? CacheSize.parse(settings.keepSessions).bytes) ?? 1 << 30,
            maxLogSize: settings.maxLogSize,
            ownerName: plan.ownerName,
            banner: banner, warnings: warnings,
            history: HistoryJob(
                mountRoot: mountRoot, events: events, engine: engine, project: projectPath,
                explains: ProcessInfo.processInfo.environment["CACHEWATCH_WHY"] != "off"),
            jobSummary: settings.summary.flatMap { $0.isEmpty ? nil : absolute($0) },
            watcher: info.watch == nil ? nil : Self.watcher(project: projectPath, mountRoot: mountRoot, events: events),
            keymap: settings.keymap, color: settings.color, palette: settings.colors)
    }

    /// The project's watcher: changes (relative paths) become events; the mount root is not watched when inside.
    static func watcher(project: String, mountRoot: String, events: EventQueue) -> FileWatcher {
        let inside = mountRoot.hasPrefix(project + "/") ? [String(mountRoot.dropFirst(project.count + 1))] : []
        return FileWatcher(
            root: project, ignoringPaths: inside,
            changed: { events.post(.filesChanged($0, now: MonotonicClock.now())) },
            switched: { events.post(.watching($0.description, polling: true)) })
    }

    /// Whether the container must share the host's network: a Redis or memcached cache on the host's loopback is
    /// out of reach from a bridge network. Not when the user chose a network with --docker-arg.
    static func needsHostNetwork(_ backend: CacheBackend, dockerArguments: [String], banner: inout [String]) -> Bool {
        guard let local = DockerPlan.loopbackEndpoint(of: backend, dockerArguments: dockerArguments) else { return false }
        #if os(Linux)
            banner.append(
                "cachewatch: the container joins the host's network (--network host) to reach \(local.kind.word) at "
                    + "\(local.masked) on this machine's loopback")
            return true
        #else
            banner.append(
                "cachewatch: \(local.kind.word) at \(local.masked) is on this machine's loopback, which a container "
                    + "cannot reach on Docker Desktop: use host.docker.internal as the host in the endpoint")
            return false
        #endif
    }

    /// Where the session is recorded: `record` as a file, the default place, or nowhere.
    private func recordPath(mountRoot: String) -> String? {
        switch settings.record {
        case .off: return nil
        case .file(let path): return absolute(path)
        case .standard: return SessionRecorder.defaultPath(mountRoot: mountRoot)
        }
    }

    /// `--report`: `-` is stdout; a path must be new or a regular file (a directory, a device such as /dev/null,
    /// a FIFO or a symbolic link is refused before anything runs, never replaced).
    private func reportTarget() throws -> ReportTarget? {
        guard let given = settings.report else { return nil }
        if given == "-" { return .standardOutput }
        return .file(try Self.outputFile(given, option: "--report", orStandardOutput: true))
    }

    /// `--trace`: a new or regular file (never a link, a directory or a device).
    private func traceTarget() throws -> ReportTarget? {
        guard let given = settings.trace else { return nil }
        guard given != "-" else { throw Fatal(message: "--trace needs a file (the log or the report may be on stdout)") }
        return .file(try Self.outputFile(given, option: "--trace"))
    }

    /// A file the user named for cachewatch to write (`--report`, `--trace`), absolute: new or a regular file; a
    /// directory, a device, a FIFO or a symbolic link is refused before anything runs, never replaced.
    static func outputFile(_ given: String, option: String, orStandardOutput: Bool = false) throws -> String {
        let path = absolute(given)
        if let problem = AtomicFile.problem(with: path) {
            throw Fatal(
                message: "\(option) \(given): \(problem); give a new or a regular file"
                    + (orStandardOutput ? ", or - for stdout" : ""))
        }
        return path
    }

    enum EngineSelection {
        case native
        /// The image, and `docker run` arguments the demo adds for it.
        case docker(image: String, extraArguments: [String])
    }

    /// The plan's engine; for the demo without `--engine`, docker only when an engine answers and an image is
    /// present (native otherwise, saying why).
    private func chooseEngine(_ request: LaunchPlan.EngineRequest, banner: inout [String]) -> EngineSelection {
        switch request {
        case .native:
            return .native
        case .docker(let image):
            return .docker(image: image, extraArguments: demo ? demoMounts(for: image) : [])
        case .demoChoice(let candidates):
            do {
                try DockerEngine.checkEngine(timeout: 3)  // the demo must not wait long on a daemon that hangs
            } catch {
                banner.append("cachewatch: no Docker engine answers, so the demo runs natively (\(error))")
                return .native
            }
            guard let image = candidates.first(where: { DockerEngine.imagePresent($0) }) else {
                banner.append(
                    "cachewatch: \(candidates.joined(separator: " or ")) is not present (scripts/standin-image builds a "
                        + "stand-in), so the demo runs natively")
                return .native
            }
            banner.append("cachewatch: demo in the container \(image)")
            return .docker(image: image, extraArguments: demoMounts(for: image))
        }
    }

    /// The example workspace builds offline from its own local registry (inside the project, so the container sees
    /// it); the stand-in image uses the host's Rust toolchain (it is labelled cachewatch.toolchain=host), mounted
    /// read-only.
    private func demoMounts(for image: String) -> [String] {
        var arguments: [String] = []
        if let label = try? CommandRunner.run(
            ["docker", "image", "inspect", "--format", "{{index .Config.Labels \"cachewatch.toolchain\"}}", image],
            timeout: 20),
            label.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "host",
            let sysroot = try? CommandRunner.run(["rustc", "--print", "sysroot"], timeout: 20), sysroot.succeeded
        {
            arguments += ["-v", "\(sysroot.stdout.trimmingCharacters(in: .whitespacesAndNewlines)):/usr/local/rust:ro"]
        }
        return arguments
    }

    private func createDirectories(mountRoot: String) throws {
        do {
            try SafeFile.makePath(mountRoot)
        } catch {
            throw Fatal(message: "cannot create the mount root \(mountRoot): \(error)")
        }
        // Below the mount root a container writes as root: never through a link planted there.
        for path in [MountLayout.registryDirectory(mountRoot: mountRoot), MountLayout.sccacheDirectory(mountRoot: mountRoot)] {
            do {
                try SafeFile.makeDirectories(path, below: mountRoot)
            } catch {
                throw Fatal(message: "cannot create \(path) under the mount root: \(error)")
            }
            guard access(path, W_OK) == 0 else {
                throw Fatal(message: "the mount root directory \(path) is not writable")
            }
        }
        // cargo's lock files, shared by the containers on this mount root (never through a symbolic link).
        for name in MountLayout.cargoLockFiles {
            let path = MountLayout.cargoLockFile(name, mountRoot: mountRoot)
            do {
                close(try SafeFile.openForAppending(path))
            } catch {
                throw Fatal(message: "cannot create cargo's lock file (a regular file): \(error)")
            }
        }
        // cachewatch's own files (logs, run directories, recordings) are the user's alone: mode 0700.
        let own = MountLayout.ownDirectory(mountRoot: mountRoot)
        do {
            try SafeFile.makeDirectory(own, mode: 0o700)
        } catch {
            throw Fatal(message: "cannot create \(own) under the mount root: \(error.reason)")
        }
    }

    /// The mount root: the setting (flag, `$MOUNT_ROOT` or a config file, as `ConfigResolver` ranks them), else
    /// `~/.muslrust`; absolute.
    static func mountRoot(_ setting: String?) -> String {
        absolute(setting ?? (home + "/.muslrust"))
    }

    private func absolute(_ path: String) -> String { Self.absolute(path) }

    /// `path` made absolute and plain, as `LaunchPlan` makes it.
    static func absolute(_ path: String) -> String { LaunchPlan.absolute(path, host: .current) }

    /// `$HOME`, as a shell's `~` means, else the account's home directory.
    static var home: String { LaunchPlan.Host.current.home }

    /// `path` with the home directory written `~`, as messages show it.
    static func abbreviate(_ path: String) -> String { LaunchPlan.abbreviate(path, home: home) }
}
