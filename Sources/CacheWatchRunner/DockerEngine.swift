import CacheWatchCore
import Foundation

/// Runs the build in the muslrust container, as the seed's `docker run` does; reads sccache's live
/// statistics from the file the container's script keeps in the mounted sccache directory.
public final class DockerEngine: BuildEngine {
    public let name = EngineKind.docker
    public let command: [String]
    public let image: String
    public let project: String
    public let mountRoot: String
    private let template: DockerPlan
    private let registryPath = LockedValue<String?>(nil)
    private let imageDigest = LockedValue<String?>(nil)
    /// The image's `Config.Env`, read once.
    private let imageEnvironment = LockedValue<[String]?>(nil)

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Who may own what is mounted from the mount root: you, root (what containers write) and the owner `c` and
    /// chown-after give the outputs to.
    public let mountOwners: Set<uid_t>

    public init(
        command: [String], image: String, project: String, mountRoot: String, cacheSize: String, dockerArguments: [String],
        fresh: Bool, chownAfter: String?, cacheVariables: [String] = [], hostNetwork: Bool = false,
        owner: uid_t? = nil, farm: DockerPlan.Farm? = nil
    ) {
        mountOwners = Set([getuid(), 0] + (owner.map { [$0] } ?? []))
        self.command = command
        self.image = image
        self.project = project
        self.mountRoot = mountRoot
        var plan = DockerPlan(
            image: image, containerName: "", project: project, mountRoot: mountRoot, registryPath: "", cacheSize: cacheSize,
            command: command)
        plan.dockerArguments = dockerArguments
        plan.fresh = fresh
        plan.chownAfter = chownAfter
        plan.cacheVariables = cacheVariables
        plan.hostNetwork = hostNetwork
        plan.farm = farm
        template = plan
    }

    public var details: [String] { ["image \(image)"] }

    public var directories: [(name: String, path: String)] {
        MountLayout.watchedDirectories(mountRoot: mountRoot, project: project)
    }

    public var containerRoot: String? { DockerPlan.projectMount }

    /// The `CARGO_*` variables the build sees in the container (the image's, and `CARGO_INCREMENTAL=0` of the
    /// seed's command), the image, and `/volume`: the working directory, whatever the host path.
    public func keyContext() -> RunContext {
        var variables: [String: String] = [:]
        for entry in imageEnvironment.get() ?? [] {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            variables[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        var cargo = RunContext.cargoVariables(variables)
        cargo["CARGO_INCREMENTAL"] = "0"
        return RunContext(
            cargoEnvironment: cargo, image: image, imageDigest: imageDigest.get(), projectPath: DockerPlan.projectMount)
    }

    /// Checks that the client exists and the daemon answers; a clear message otherwise.
    public static func checkEngine(timeout: Double = 20, cancel: CancelFlag = .shutdown) throws {
        guard Executables.find("docker") != nil else {
            throw StartError(.dockerNotFound)
        }
        let result: CommandResult
        do {
            result = try CommandRunner.run(
                ["docker", "version", "--format", "{{.Server.Version}}"], timeout: timeout, cancel: cancel)
        } catch let cancelled as Cancelled {
            throw cancelled
        } catch {
            throw StartError(.dockerSilent(cause: "\(error)"))
        }
        guard result.succeeded else { throw StartError(.dockerSilent(cause: result.firstErrorLine ?? "no answer")) }
    }

    /// The image's `Config.Env` ("NAME=value" entries).
    public static func environment(of image: String, cancel: CancelFlag = .shutdown) throws -> [String] {
        let result = try CommandRunner.run(
            ["docker", "image", "inspect", "--format", "{{json .Config.Env}}", image], timeout: 20, cancel: cancel)
        guard result.succeeded else { throw StartError(.imageUnreadable(image: image, cause: result.stderr)) }
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String]) ?? []
    }

    /// True when the image is present locally.
    public static func imagePresent(_ image: String, cancel: CancelFlag = .shutdown) -> Bool {
        (try? CommandRunner.run(["docker", "image", "inspect", "--format", "{{.Id}}", image], timeout: 20, cancel: cancel))?
            .succeeded ?? false
    }

    public func prepareRun(
        in run: RunDirectory, cancel: CancelFlag, log: @escaping @Sendable ([UInt8]) -> Void,
        waiting: @escaping @Sendable (Preparation) -> Void
    ) throws -> PreparedRun {
        waiting(.dockerDaemon)
        try Self.checkEngine(cancel: cancel)
        if !Self.imagePresent(image, cancel: cancel) {
            if cancel.isSet { throw Cancelled() }
            waiting(.pulling(image: image))
            log(Array("\u{1B}[2m── docker pull \(image) ──\u{1B}[0m\r\n".utf8))
            let pull = try CommandRunner.run(["docker", "pull", image], timeout: 3600, cancel: cancel) { bytes in
                log(bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] })
            }
            guard pull.succeeded else {
                let why = (pull.stderr + pull.stdout).split(separator: "\n").last.map(String.init) ?? "exit \(pull.status)"
                throw StartError(.imageUnavailable(image: image, cause: why))
            }
        }
        let path = try registryPathOfImage(cancel: cancel)
        if let inspect = try? CommandRunner.run(
            ["docker", "image", "inspect", "--format", "{{.Id}}", image], timeout: 20, cancel: cancel),
            inspect.succeeded
        {
            imageDigest.set(inspect.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let name = "cachewatch-\(getpid())-\(run.number)-\(UInt32.random(in: 0...UInt32.max) % 100_000)"
        // Removed even if the dashboard is killed: a killed `docker run` client leaves its container running.
        Watchdog.shared.watch(container: name)
        var plan = template
        plan.containerName = name
        plan.registryPath = path
        plan.runDirectory = run.path
        do {
            try MountCheck.verify(
                MountCheck.sources(mountRoot: mountRoot, runDirectory: run.path, farm: plan.farm), mountRoot: mountRoot,
                project: project, owners: mountOwners)
        } catch {
            Watchdog.shared.forget(container: name)
            throw StartError(.mountRefused(cause: error.description))
        }
        if plan.hostNetwork {
            guard let port = Ports.free() else { throw StartError(.noFreePort) }
            plan.serverPort = port
        }
        // The farm's config is named to the container by `-e SCCACHE_CONF`: from the docker client's environment.
        let environment = plan.farm.map { ["SCCACHE_CONF": $0.config] } ?? [:]
        return PreparedRun(
            plan: BuildPlan(arguments: plan.arguments, environment: environment, workingDirectory: project), directory: run,
            facts: RunFacts(container: name, imageDigest: imageDigest.get()))
    }

    private func registryPathOfImage(cancel: CancelFlag = .shutdown) throws -> String {
        if let known = registryPath.get() { return known }
        let environment = try Self.environment(of: image, cancel: cancel)
        imageEnvironment.set(environment)
        let path = DockerPlan.registryPath(imageEnvironment: environment)
        registryPath.set(path)
        return path
    }

    /// The stats the container's poller wrote last (see `DockerPlan.statsFile`). When no file of this run shows up
    /// for a while (a Docker daemon on another machine mounts its own directories, not ours), asks the server with
    /// `docker exec`.
    public func sampleStats(_ run: PreparedRun, sampling: RunSchedule.Sampling, cancel: CancelFlag) throws -> String {
        if let (json, written) = try? run.directory.liveStats() {
            let age = Date().timeIntervalSince1970 - written
            if age > sampling.staleAfter { throw StatsStale(seconds: Int(age)) }
            let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { return trimmed }
        }
        guard Date().timeIntervalSince1970 - run.preparedAt > sampling.askServerAfter, let name = run.container else {
            throw StatsPending()
        }
        let result = try CommandRunner.run(
            ["docker", "exec", name, DockerPlan.sccache, "--show-stats", "--stats-format=json"], timeout: 20, cancel: cancel)
        guard result.succeeded else { throw Failure(description: result.firstErrorLine ?? "exit \(result.status)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The container's sccache client's view of its farm, as its poller last wrote it (`DockerPlan.distStatusFile`).
    public func distStatus(_ run: PreparedRun, cancel: CancelFlag) throws -> String {
        guard let text = try run.directory.distStatus() else { throw StatsPending() }
        return text
    }

    public func finishRun(_ run: PreparedRun) -> EngineFinish {
        // The container printed both before it exited (see DockerPlan.script); it is gone now (`--rm`).
        if let name = run.container { Watchdog.shared.forget(container: name) }
        return EngineFinish()
    }

    public func zeroStats(_ run: PreparedRun) throws {
        guard let name = run.container else { throw Failure(description: "no container is running") }
        let result = try CommandRunner.run(["docker", "exec", name, DockerPlan.sccache, "--zero-stats"], timeout: 20)
        guard result.succeeded else { throw Failure(description: result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Stops the container by name (`--init` makes this fast), then the `docker run` client.
    public func stop(_ process: PTYProcess, run: PreparedRun, stopping: RunSchedule.Stopping) {
        if let name = run.container {
            _ = try? CommandRunner.run(["docker", "stop", "--time", String(stopping.containerGrace), name], timeout: 30)
            if process.wait(timeout: stopping.clientWait) == nil {
                _ = try? CommandRunner.run(["docker", "kill", name], timeout: 30)
            }
        }
        process.terminate(grace: stopping.processGrace)
    }

    public func chown(uid: uid_t, gid: gid_t, cancel: CancelFlag) -> ChownResult {
        #if os(macOS)
            return ChownResult(owner: "\(uid):\(gid)", .skipped)
        #else
            let owner = "\(uid):\(gid)"
            var plan = template
            plan.registryPath = (try? registryPathOfImage(cancel: cancel)) ?? "/root/.cargo/registry"
            let name = "cachewatch-chown-\(getpid())-\(UInt32.random(in: 0...UInt32.max) % 100_000)"
            Watchdog.shared.watch(container: name)
            defer { Watchdog.shared.forget(container: name) }
            do {
                try MountCheck.verify(
                    MountCheck.sources(mountRoot: mountRoot, runDirectory: nil), mountRoot: mountRoot, project: project,
                    owners: mountOwners.union([uid]))
            } catch {
                return ChownResult(owner: owner, inContainer: true, .refused("\(error)"))
            }
            let before = DiskScanner().scan(directories, owner: uid).foreignOwned
            // Cancelled, the container is killed by name until its `docker run` client has exited: killing the client
            // would leave the container running, or still being created.
            let client = CancelFlag(parent: nil)
            let exited = LockedValue(false)
            let stopper = Thread {
                while !exited.get() && !cancel.isSet { usleep(50_000) }
                let deadline = MonotonicClock.now() + 15
                while !exited.get() && MonotonicClock.now() < deadline {
                    _ = try? CommandRunner.run(["docker", "kill", name], timeout: 10, cancel: CancelFlag(parent: nil))
                    if !exited.get() { usleep(200_000) }
                }
                client.set()  // given up on a daemon that does not answer: the client goes, and the watchdog tries
            }
            stopper.start()
            defer {
                exited.set(true)
                if cancel.isSet {
                    _ = try? CommandRunner.run(["docker", "rm", "-f", name], timeout: 10, cancel: CancelFlag(parent: nil))
                }
            }
            do {
                let result = try CommandRunner.run(plan.chownArguments(owner: owner, name: name), timeout: 600, cancel: client)
                if cancel.isSet { return ChownResult(owner: owner, inContainer: true, .stopped) }
                guard result.succeeded else {
                    return ChownResult(
                        owner: owner, inContainer: true, .failed(result.firstErrorLine ?? "exit \(result.status)"))
                }
            } catch {
                return ChownResult(owner: owner, inContainer: true, .failed("\(error)"))
            }
            let left = DiskScanner().scan(directories, owner: uid).foreignOwned
            return ChownResult(
                owner: owner, inContainer: true, .done(changed: max(0, before - left), failed: 0, firstError: nil))
        #endif
    }

    /// Makes sure no container of this dashboard is left.
    public func shutdown(last run: PreparedRun?) {
        if let name = run?.container {
            _ = try? CommandRunner.run(["docker", "rm", "-f", name], timeout: 30)
            Watchdog.shared.forget(container: name)
        }
        Watchdog.shared.finish()
    }
}
