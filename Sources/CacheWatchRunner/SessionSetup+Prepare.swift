import CacheWatchCore
import Foundation

extension SessionSetup {
    /// Checks the project and the mount root, creates the mount root's directories, chooses the engine (for the
    /// demo, docker only when an engine answers and an image is present) and builds everything the loops need.
    public static func prepare(_ plan: LaunchPlan, settings: Settings, demo: Bool, headless: Bool) throws -> SessionSetup {
        let report = try reportTarget(settings.report)
        let environment = plan.environment
        let projectPath = plan.projectPath
        var projectInfo = stat()
        guard stat(projectPath, &projectInfo) == 0 else {
            throw LaunchFailure("project directory \(projectPath): \(String(cString: strerror(errno)))")
        }
        guard projectInfo.st_mode & S_IFMT == S_IFDIR else { throw LaunchFailure("\(projectPath) is not a directory") }
        guard access(projectPath, R_OK | X_OK) == 0 else {
            throw LaunchFailure("project directory \(projectPath): permission denied (cachewatch cannot read it)")
        }
        guard access(projectPath + "/Cargo.toml", F_OK) == 0 else {
            throw LaunchFailure("no Cargo.toml in \(projectPath); run cachewatch in a Rust project or pass --project DIR")
        }
        if let problem = plan.buildProblem { throw LaunchFailure(problem) }
        let mountRoot = plan.mountRoot
        // sccache reads only its own syntax (else silently 10 GiB): it gets the same number written its way.
        let cacheSize = plan.cacheSize.sccacheValue
        let cacheLimit = plan.cacheSize.bytes
        try createDirectories(mountRoot: mountRoot)
        let command = plan.command
        let owner = (uid: plan.ownerUID, gid: plan.ownerGID)

        var banner = plan.banner
        var warnings = plan.warnings
        let backend = plan.backend
        // The farm sccache's client is set up for: the host's config file (the native engine's sccache reads it, and
        // the container's is given it).
        let dist = farm(environment: environment, home: plan.home, warnings: &warnings)
        let engine: BuildEngine
        switch chooseEngine(plan.engine, demo: demo, banner: &banner) {
        case .docker(let image, let extraArguments):
            let dockerArguments = extraArguments + settings.dockerArguments
            let docker = DockerEngine(
                command: command, image: image, project: projectPath, mountRoot: mountRoot, cacheSize: cacheSize,
                dockerArguments: dockerArguments, fresh: plan.fresh,
                chownAfter: settings.chownAfter ? "\(owner.uid):\(owner.gid)" : nil,
                cacheVariables: CacheBackend.passedVariables(environment: environment, extra: settings.cacheEnvironment),
                hostNetwork: needsHostNetwork(backend, dist: dist, dockerArguments: dockerArguments, banner: &banner),
                owner: owner.uid, farm: dist.map { dockerFarm($0, mountRoot: mountRoot, warnings: &warnings) })
            engine = docker
        case .native:
            guard Executables.find(command[0]) != nil else {
                if command[0] == "cargo" {
                    throw LaunchFailure(
                        "cargo not found on PATH. Install Rust (https://rustup.rs or your distribution's cargo package)."
                    )
                }
                throw LaunchFailure("\(command[0]): command not found on PATH")
            }
            let sccache: String
            do {
                sccache = try SccacheLocator.locate(explicit: settings.sccache)
            } catch {
                throw LaunchFailure("\(error)")
            }
            guard let port = Ports.free() else { throw LaunchFailure("no free loopback port for the sccache server") }
            engine = NativeEngine(
                command: command, project: projectPath, mountRoot: mountRoot, cacheSize: cacheSize, sccache: sccache,
                port: port, cargoHome: NativePlan.cargoHome(environment: environment, home: plan.home), fresh: plan.fresh)
            banner += plan.nativeNotes(sccache: sccache, demo: demo)
        }

        let events = EventQueue()
        var sessionOptions = BuildSession.Options(owner: owner)
        sessionOptions.logDirectory = MountLayout.logDirectory(mountRoot: mountRoot)
        sessionOptions.maxLogSize = settings.maxLogSize
        // A build farm's packaged compilers (~200 MiB each) count on the disk panel.
        if let cache = dist?.toolchainCache, cache.hasPrefix("/") { sessionOptions.extraDirectories = [("toolchains", cache)] }
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
            notify: headless ? nil : NotifySettings(enabled: settings.notify, afterSeconds: settings.notifyAfter),
            dist: dist)
        return SessionSetup(
            engine: engine, session: session, events: events, info: info, cacheLimit: cacheLimit,
            scrollback: settings.scrollback, report: report,
            reportWriter: report.map { ReportWriter(target: $0, events: events) },
            traceWriter: try traceTarget(settings.trace).map { ReportWriter(target: $0, events: events, kind: .trace) },
            recordPath: recordPath(settings.record, mountRoot: mountRoot),
            mountRoot: mountRoot, keepSessions: (try? CacheSize.parse(settings.keepSessions).bytes) ?? 1 << 30,
            maxLogSize: settings.maxLogSize,
            ownerName: plan.ownerName,
            banner: banner, warnings: warnings,
            history: HistoryJob(
                mountRoot: mountRoot, events: events, engine: engine, project: projectPath,
                explains: settings.explain),
            jobSummary: settings.summary.flatMap { $0.isEmpty ? nil : LaunchPlan.absolute($0, host: .current) },
            watcher: info.watch == nil
                ? nil : watcher(project: projectPath, mountRoot: mountRoot, events: events, polling: settings.watchPolls),
            keymap: settings.keymap, color: settings.color, palette: settings.colors)
    }

    /// The build farm in sccache's client config (`SCCACHE_CONF`, else the standard file), read as every config file
    /// is (never through a link, bounded); a file that cannot be read is a warning, never the end of the launch.
    static func farm(environment: [String: String], home: String, warnings: inout [String]) -> DistConfig? {
        let path = DistConfig.clientFile(environment: environment, home: home)
        do {
            guard let bytes = try SafeFile.read(path, limit: ConfigLimits.maximumSize + 1) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            let file = try ConfigReader.parse(text, path: path, directory: "", kind: .user)
            return DistConfig(entries: file.entries, path: path)
        } catch let error as ConfigError {
            warnings.append(
                "sccache's config \(path) cannot be read, so no build farm is shown: \(error.problems.first?.message ?? "")")
        } catch {
            warnings.append("sccache's config \(path) cannot be read, so no build farm is shown: \(error)")
        }
        return nil
    }

    /// The project's watcher: changes (relative paths) become events; the mount root is not watched when inside.
    public static func watcher(project: String, mountRoot: String, events: EventQueue, polling: Bool = false)
        -> FileWatcher
    {
        let inside = mountRoot.hasPrefix(project + "/") ? [String(mountRoot.dropFirst(project.count + 1))] : []
        return FileWatcher(
            root: project, ignoringPaths: inside, polling: polling,
            changed: { events.post(.filesChanged($0, now: MonotonicClock.now())) },
            switched: { events.post(.watching($0.description, polling: true)) })
    }

    /// Whether the container must share the host's network: a Redis or memcached cache, or a build farm's
    /// scheduler, on the host's loopback is out of reach from a bridge network. Not when the user chose a network
    /// with --docker-arg.
    static func needsHostNetwork(
        _ backend: CacheBackend, dist: DistConfig?, dockerArguments: [String], banner: inout [String]
    ) -> Bool {
        var local = DockerPlan.loopbackEndpoint(of: backend, dockerArguments: dockerArguments).map {
            "\($0.kind.word) at \($0.masked)"
        }
        if local == nil, let dist, DockerPlan.loopbackScheduler(dist.scheduler, dockerArguments: dockerArguments) {
            local = "the build farm's scheduler at \(dist.scheduler)"
        }
        guard let local else { return false }
        #if os(Linux)
            banner.append(
                "cachewatch: the container joins the host's network (--network host) to reach \(local) on this machine's loopback"
            )
            return true
        #else
            banner.append(
                "cachewatch: \(local) is on this machine's loopback, which a container cannot reach on Docker Desktop: "
                    + "use host.docker.internal as the host")
            return false
        #endif
    }

    /// The farm as the container gets it: the client's config, and its toolchain cache when under the mount root
    /// (kept there between runs); elsewhere it is not mounted, and each new container packages the compiler again.
    static func dockerFarm(_ dist: DistConfig, mountRoot: String, warnings: inout [String]) -> DockerPlan.Farm {
        var cache = dist.toolchainCache
        if let path = cache, !path.hasPrefix(mountRoot + "/") {
            warnings.append(
                "the build farm's toolchain cache \(path) is outside the mount root, so the container does not keep it: "
                    + "each run packages the compiler again (~200 MiB, ~15 s). Set [dist] cache_dir under \(mountRoot)")
            cache = nil
        } else if let path = cache {
            do {
                try SafeFile.makeDirectories(path, below: mountRoot)
            } catch {
                warnings.append("cannot create the build farm's toolchain cache \(path): \(error)")
                cache = nil
            }
        }
        return DockerPlan.Farm(config: dist.path, toolchainCache: cache)
    }

    /// Where the session is recorded: `record` as a file, the default place, or nowhere.
    private static func recordPath(_ record: Settings.Recording, mountRoot: String) -> String? {
        switch record {
        case .off: return nil
        case .file(let path): return LaunchPlan.absolute(path, host: .current)
        case .standard: return SessionRecorder.defaultPath(mountRoot: mountRoot)
        }
    }

    /// `--report`: `-` is stdout; a path must be new or a regular file (a directory, a device such as /dev/null,
    /// a FIFO or a symbolic link is refused before anything runs, never replaced).
    private static func reportTarget(_ report: String?) throws -> ReportTarget? {
        guard let given = report else { return nil }
        if given == "-" { return .standardOutput }
        return .file(try outputFile(given, option: "--report", orStandardOutput: true))
    }

    /// `--trace`: a new or regular file (never a link, a directory or a device).
    private static func traceTarget(_ trace: String?) throws -> ReportTarget? {
        guard let given = trace else { return nil }
        guard given != "-" else { throw LaunchFailure("--trace needs a file (the log or the report may be on stdout)") }
        return .file(try outputFile(given, option: "--trace"))
    }

    /// A file the user named for cachewatch to write (`--report`, `--trace`), absolute: new or a regular file; a
    /// directory, a device, a FIFO or a symbolic link is refused before anything runs, never replaced.
    public static func outputFile(_ given: String, option: String, orStandardOutput: Bool = false) throws -> String {
        let path = LaunchPlan.absolute(given, host: .current)
        if let problem = AtomicFile.problem(with: path) {
            throw LaunchFailure(
                "\(option) \(given): \(problem); give a new or a regular file"
                    + (orStandardOutput ? ", or - for stdout" : ""))
        }
        return path
    }

    private enum EngineSelection {
        case native
        /// The image, and `docker run` arguments the demo adds for it.
        case docker(image: String, extraArguments: [String])
    }

    /// The plan's engine; for the demo without `--engine`, docker only when an engine answers and an image is
    /// present (native otherwise, saying why).
    private static func chooseEngine(
        _ request: LaunchPlan.EngineRequest, demo: Bool, banner: inout [String]
    ) -> EngineSelection {
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
    private static func demoMounts(for image: String) -> [String] {
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

    private static func createDirectories(mountRoot: String) throws {
        do {
            try SafeFile.makePath(mountRoot)
        } catch {
            throw LaunchFailure("cannot create the mount root \(mountRoot): \(error)")
        }
        // Below the mount root a container writes as root: never through a link planted there.
        for path in [MountLayout.registryDirectory(mountRoot: mountRoot), MountLayout.sccacheDirectory(mountRoot: mountRoot)] {
            do {
                try SafeFile.makeDirectories(path, below: mountRoot)
            } catch {
                throw LaunchFailure("cannot create \(path) under the mount root: \(error)")
            }
            guard access(path, W_OK) == 0 else {
                throw LaunchFailure("the mount root directory \(path) is not writable")
            }
        }
        // cargo's lock files, shared by the containers on this mount root (never through a symbolic link).
        for name in MountLayout.cargoLockFiles {
            let path = MountLayout.cargoLockFile(name, mountRoot: mountRoot)
            do {
                close(try SafeFile.openForAppending(path))
            } catch {
                throw LaunchFailure("cannot create cargo's lock file (a regular file): \(error)")
            }
        }
        // cachewatch's own files (logs, run directories, recordings) are the user's alone: mode 0700.
        let own = MountLayout.ownDirectory(mountRoot: mountRoot)
        do {
            try SafeFile.makeDirectory(own, mode: 0o700)
        } catch {
            throw LaunchFailure("cannot create \(own) under the mount root: \(error.reason)")
        }
    }
}
