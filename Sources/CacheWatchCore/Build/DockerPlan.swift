/// The docker engine's build: the seed's `docker run` of muslrust, as an argv array.
///
/// The user's command reaches the container as arguments of a fixed script (`sh -c SCRIPT cachewatch CMD…`),
/// so quotes and spaces in it survive and nothing the user typed is ever parsed by a shell.
public struct DockerPlan: Hashable, Sendable {
    public var image: String
    public var containerName: String
    public var project: String
    public var mountRoot: String
    /// Where the image's cargo keeps its registry: `$CARGO_HOME/registry`.
    public var registryPath: String
    public var cacheSize: String
    public var command: [String]
    /// Extra `docker run` arguments, placed before the image (`--docker-arg`).
    public var dockerArguments: [String] = []
    /// Delete /volume/target first (`--fresh`).
    public var fresh = false
    /// chown the outputs after the build, like the seed's POST_BUILD_CMD (`--chown-after UID:GID`).
    public var chownAfter: String?
    /// Whether the script writes live stats to `statsFile` while the command runs (off only to measure its cost).
    public var liveStats = true
    /// sccache's backend variables (and their credentials), passed by name: `-e NAME` takes the value from the
    /// `docker` client's environment, so no value is on the argv (which `ps` shows).
    public var cacheVariables: [String] = []
    /// `--network host`: a cache on the host's loopback is reachable from the container only this way.
    public var hostNetwork = false
    /// The port of the container's sccache server, on the host's network a port of this run's own (the default 4226
    /// would be shared by every container on that network, and one build would count another's compiles).
    public var serverPort: Int?
    /// The host directory of this run's own files (server log, live stats), mounted at `runMount`.
    public var runDirectory = ""
    /// The build farm the container's sccache is the client of; nil without one.
    public var farm: Farm?

    /// A build farm's client: its config file, mounted read-only at the path it has on the host and named by
    /// `SCCACHE_CONF`, passed by name (`-e SCCACHE_CONF`: the docker client's environment has it); its toolchain
    /// cache (the config's `cache_dir`, under the mount root), mounted at its host path too, so the ~200 MiB package
    /// of the compiler is made once, not in every new container.
    public struct Farm: Hashable, Sendable {
        public var config: String
        public var toolchainCache: String?

        public init(config: String, toolchainCache: String?) {
            self.config = config
            self.toolchainCache = toolchainCache
        }
    }

    public static let sccache = "/usr/local/bin/sccache"
    public static let sccacheDirectory = "/root/sccache"
    /// Where the container sees the run's own directory (not the sccache directory: CI caches that one, and
    /// sccache's log holds backend passwords).
    public static let runMount = "/cachewatch-run"
    /// sccache's server log, in the run's directory, so it survives `--rm` and the host can read it live.
    public static let errorLog = runMount + "/sccache-server.log"
    public static let defaultImage = "clux/muslrust:stable"
    /// Where the container leaves sccache's live JSON stats, rewritten whole every 0.4 s: the host reads the file
    /// through the mount (a `docker exec` per sample cost ~9 % of a core in docker and its client).
    public static let statsFile = runMount + "/stats.json"
    /// With a build farm: the client's `--dist-status`, rewritten every 5 s by the same poller.
    public static let distStatusFile = runMount + "/dist-status.json"

    public init(
        image: String, containerName: String, project: String, mountRoot: String, registryPath: String, cacheSize: String,
        command: [String]
    ) {
        self.image = image
        self.containerName = containerName
        self.project = project
        self.mountRoot = mountRoot
        self.registryPath = registryPath
        self.cacheSize = cacheSize
        self.command = command
    }

    /// `$CARGO_HOME/registry` from the image's environment, or muslrust's documented path.
    public static func registryPath(imageEnvironment: [String]) -> String {
        for entry in imageEnvironment where entry.hasPrefix("CARGO_HOME=") {
            let home = String(entry.dropFirst("CARGO_HOME=".count))
            if !home.isEmpty { return (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/registry" }
        }
        return "/root/.cargo/registry"
    }

    /// The fixed script the container runs; `"$@"` is the user's command.
    public var script: String {
        var lines: [String] = []
        if fresh { lines.append("rm -rf /volume/target") }
        // A server of this run's own, logging each compile (for the per-crate table); the wrapped
        // compiles themselves log nothing, so cargo's output stays clean.
        lines.append("SCCACHE_LOG=debug SCCACHE_LOG_MILLIS=1 \(Self.sccache) --start-server >/dev/null 2>&1")
        if liveStats {
            // Live stats for the host, written whole (temporary file, then rename) while the build runs: every second
            // (three processes each time, beside the build: about 1 % of a core at 0.4 s).
            // With a farm, every fifth time the client's view of it too (is it connected at all?).
            let dist =
                farm == nil
                ? ""
                : "if [ $n = 0 ]; then \(Self.sccache) --dist-status > \(Self.distStatusFile).tmp 2>/dev/null "
                    + "&& mv -f \(Self.distStatusFile).tmp \(Self.distStatusFile); fi; n=$(( (n + 1) % 5 )); "
            lines.append(
                "(n=0; while :; do \(Self.sccache) --show-stats --stats-format=json > \(Self.statsFile).tmp 2>/dev/null "
                    + "&& mv -f \(Self.statsFile).tmp \(Self.statsFile); \(dist)sleep 1; done) &")
            lines.append("poller=$!")
        }
        lines.append("\"$@\"")
        lines.append("status=$?")
        if liveStats { lines.append("kill $poller 2>/dev/null") }
        // sccache's final text report and its JSON, between markers: the log pane folds the report into one line.
        lines.append("printf '\(FinalStatsMarker.start)'")
        lines.append("\(Self.sccache) --show-stats")
        lines.append("printf '\(FinalStatsMarker.json)'")
        lines.append("\(Self.sccache) --show-stats --stats-format=json")
        lines.append("printf '\(FinalStatsMarker.end)\\n'")
        if chownAfter != nil {
            // Values arrive through the environment, never spliced into the script.
            lines.append(
                "for d in /volume/target \"$CACHEWATCH_REGISTRY\" \(Self.sccacheDirectory); do "
                    + "if [ -e \"$d\" ]; then chown -R \"$CACHEWATCH_OWNER\" \"$d\"; fi; done")
        }
        lines.append("exit $status")
        return lines.joined(separator: "\n")
    }

    /// Where the project is in the container (the seed's `-v $PWD:/volume`), and the build's working directory.
    public static let projectMount = "/volume"

    /// The `docker run` argv.
    public var arguments: [String] {
        var argv = ["docker", "run", "--rm", "-t", "--init", "--name", containerName]
        argv += Self.bind(project, Self.projectMount) + ["-w", Self.projectMount]
        argv += Self.bind(mountRoot + "/cargo/registry", registryPath)
        if registryPath.hasSuffix("/registry") {
            let cargoHome = String(registryPath.dropLast("/registry".count))
            for lock in MountLayout.cargoLockFiles {
                argv += Self.bind(MountLayout.cargoLockFile(lock, mountRoot: mountRoot), cargoHome + "/" + lock)
            }
        }
        argv += Self.bind(mountRoot + "/sccache", Self.sccacheDirectory)
        argv += Self.bind(runDirectory, Self.runMount)
        if let farm {
            argv += Self.bind(farm.config, farm.config, readOnly: true) + ["-e", "SCCACHE_CONF"]
            if let cache = farm.toolchainCache { argv += Self.bind(cache, cache) }
        }
        argv += [
            "-e", "CARGO_INCREMENTAL=0", "-e", "RUSTC_WRAPPER=\(Self.sccache)", "-e", "SCCACHE_DIR=\(Self.sccacheDirectory)",
        ]
        argv += ["-e", "SCCACHE_CACHE_SIZE=\(cacheSize)", "-e", "SCCACHE_ERROR_LOG=\(Self.errorLog)", "-e", "AR=ar"]
        if let owner = chownAfter {
            argv += ["-e", "CACHEWATCH_OWNER=\(owner)", "-e", "CACHEWATCH_REGISTRY=\(registryPath)"]
        }
        for name in cacheVariables { argv += ["-e", name] }
        if hostNetwork { argv += ["--network", "host"] }
        if let serverPort { argv += ["-e", "SCCACHE_SERVER_PORT=\(serverPort)"] }
        argv += dockerArguments
        argv += [image, "sh", "-c", script, "cachewatch"] + command
        return argv
    }

    /// The cache endpoint on the host's loopback that makes the container need `--network host` (a bridge network's
    /// loopback is the container's own); nil when none does, or when the user chose a network (`--docker-arg`).
    public static func loopbackEndpoint(of backend: CacheBackend, dockerArguments: [String]) -> CacheEndpoint? {
        choosesNetwork(dockerArguments) ? nil : backend.endpoints.first(where: \.isLoopback)
    }

    /// Whether the user chose the container's network (`--docker-arg --network=…`).
    static func choosesNetwork(_ dockerArguments: [String]) -> Bool {
        dockerArguments.contains {
            $0 == "--network" || $0 == "--net" || $0.hasPrefix("--network=") || $0.hasPrefix("--net=")
        }
    }

    /// Whether a build farm's scheduler URL names this machine's loopback (`127.0.0.1`, `localhost`, `[::1]`), which
    /// a container reaches only on the host's network; false when the user chose a network.
    public static func loopbackScheduler(_ url: String, dockerArguments: [String]) -> Bool {
        guard !choosesNetwork(dockerArguments), let scheme = url.firstRange(of: "://") else { return false }
        var host = url[scheme.upperBound...].prefix { $0 != "/" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("[") { return host.hasPrefix("[::1]") }
        let name = host.prefix { $0 != ":" }.lowercased()
        return name == "localhost" || name.hasPrefix("127.")
    }

    /// A bind mount: the seed's `-v HOST:CONTAINER`, or `--mount` when a path holds a `:` that `-v` would split on.
    /// `--mount` takes comma-separated fields read as CSV, so each field is quoted (any path fits).
    static func bind(_ host: String, _ container: String, readOnly: Bool = false) -> [String] {
        guard host.contains(":") || container.contains(":") else {
            return ["-v", "\(host):\(container)" + (readOnly ? ":ro" : "")]
        }
        let fields = ["type=bind", "source=\(host)", "target=\(container)"] + (readOnly ? ["readonly"] : [])
        return ["--mount", fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")]
    }

    /// A one-off container that gives the outputs to `owner` ("UID:GID"): the seed's POST_BUILD_CMD.
    public func chownArguments(owner: String, name: String) -> [String] {
        var argv = ["docker", "run", "--rm", "--init", "--name", name]
        argv += Self.bind(project, Self.projectMount) + Self.bind(mountRoot + "/cargo/registry", registryPath)
        argv += Self.bind(mountRoot + "/sccache", Self.sccacheDirectory) + ["-e", "CACHEWATCH_OWNER=\(owner)"]
        argv += dockerArguments
        let script = "for d in \"$@\"; do if [ -e \"$d\" ]; then chown -R \"$CACHEWATCH_OWNER\" \"$d\"; fi; done"
        argv += [image, "sh", "-c", script, "cachewatch", "/volume/target", registryPath, Self.sccacheDirectory]
        return argv
    }
}
