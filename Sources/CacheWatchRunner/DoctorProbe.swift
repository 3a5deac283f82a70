import CPty
import CacheWatchCore
import Foundation

/// Gathers what `Doctor` checks: the engine, the image, sccache, the project, the mount root and the cache backend.
/// `thorough` adds what takes a second or more (sccache inside the image, the owners of every cached file); the
/// dashboard's check before each build leaves them out.
public enum DoctorProbe {
    public struct Request: Sendable {
        public var engine: EngineKind
        public var image: String?
        public var command: [String]
        public var project: String
        public var mountRoot: String
        public var cacheLimit: Int64
        public var environment: [String: String]
        public var sccache: String?
        public var owner: uid_t
        public var thorough = true
        public var probeBackend = true

        public init(
            engine: EngineKind, image: String?, command: [String], project: String, mountRoot: String, cacheLimit: Int64,
            environment: [String: String], sccache: String?, owner: uid_t
        ) {
            self.engine = engine
            self.image = image
            self.command = command
            self.project = project
            self.mountRoot = mountRoot
            self.cacheLimit = cacheLimit
            self.environment = environment
            self.sccache = sccache
            self.owner = owner
        }
    }

    /// The dashboard's check before each build: the quick checks; their failures end the run before it starts.
    public static func preflight(_ request: Request) -> @Sendable (CancelFlag) throws -> Void {
        var request = request
        request.thorough = false
        let quick = request
        return { cancel in
            if let message = Doctor.blocking(Doctor.findings(gather(quick, cancel: cancel))) {
                throw StartError(.checks(verdict: SecretMask.text(message)))
            }
        }
    }

    /// `cachewatch doctor`: every check of the engine a run with `settings` would use (docker unless --engine native),
    /// one line each, and the verdict, masked; `blocking` when a build would fail.
    public static func report(_ settings: Settings, project: String, host: LaunchPlan.Host) -> (text: String, blocking: Bool) {
        let plan = LaunchPlan(settings, project: project, host: host)
        let image = plan.engine.image
        let engine: EngineKind = image == nil ? .native : .docker
        let findings = Doctor.findings(
            gather(Request(plan: plan, engine: engine, image: image, sccache: settings.sccache, probeBackend: settings.probe)))
        var lines = ["cachewatch doctor: \(engine) engine\(image.map { ", image \($0)" } ?? ""), \(project)"]
        lines += findings.flatMap(\.lines)
        lines.append(Doctor.verdict(findings))
        return (SecretMask.text(lines.joined(separator: "\n")), Doctor.blocking(findings) != nil)
    }

    public static func gather(_ request: Request, cancel: CancelFlag = .shutdown) -> DoctorFacts {
        var facts = DoctorFacts(
            engine: request.engine, command: request.command, environment: request.environment, project: request.project,
            mountRoot: request.mountRoot, cacheLimit: request.cacheLimit,
            backend: CacheBackend.from(environment: request.environment))
        if request.engine == .docker && request.thorough { docker(request, into: &facts, cancel: cancel) }
        if request.thorough {
            do {
                let path = try SccacheLocator.locate(explicit: request.sccache)
                let version = try? CommandRunner.run([path, "--version"], timeout: 10, cancel: cancel)
                let text = version?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                facts.hostSccache = .success(text.isEmpty ? path : "\(text) (\(path))")
            } catch {
                facts.hostSccache = .failure(DoctorFacts.Problem("\(error)"))
            }
        }
        var info = stat()
        facts.projectHasManifest = lstat(request.project + "/Cargo.toml", &info) == 0
        facts.lockFilePresent = lstat(request.project + "/Cargo.lock", &info) == 0
        mountRoot(request, into: &facts)
        if request.thorough {
            // Both engines: the container's sccache is given the host's client config.
            var problems: [String] = []
            facts.farm = SessionSetup.farm(
                environment: request.environment, home: request.environment["HOME"] ?? NSHomeDirectory(),
                warnings: &problems)
            facts.farmConfigProblem = problems.first
            if let farm = facts.farm {
                facts.farmLoad = FarmProbe.load(scheduler: farm.scheduler, timeout: 2).mapError {
                    DoctorFacts.Problem($0.description)
                }
            }
        }
        if request.probeBackend, facts.backend.endpoints.contains(where: \.kind.isProbed) {
            facts.backendProbed = true
            do {
                try BackendProbe.check(facts.backend, environment: request.environment, cancel: cancel)
            } catch {
                facts.backendProblem = "\(error)"
            }
        }
        return facts
    }

    private static func docker(_ request: Request, into facts: inout DoctorFacts, cancel: CancelFlag) {
        guard Executables.find("docker") != nil else {
            facts.dockerClient = .failure(DoctorFacts.Problem("not found on PATH"))
            return
        }
        let client = try? CommandRunner.run(["docker", "--version"], timeout: 10, cancel: cancel)
        facts.dockerClient = .success(client?.stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? "docker")
        let server = try? CommandRunner.run(
            ["docker", "version", "--format", "{{.Server.Version}}"], timeout: 10, cancel: cancel)
        guard let server, server.succeeded else {
            facts.daemon = .failure(DoctorFacts.Problem(server?.firstErrorLine ?? "no answer within 10 s"))
            return
        }
        facts.daemon = .success(server.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let image = request.image else { return }
        facts.image = image
        facts.imagePresent = DockerEngine.imagePresent(image, cancel: cancel)
        guard facts.imagePresent == true else { return }
        let environment = (try? DockerEngine.environment(of: image, cancel: cancel)) ?? []
        facts.imageCargoHome = environment.first { $0.hasPrefix("CARGO_HOME=") }.map { String($0.dropFirst(11)) }
        let sccache = try? CommandRunner.run(
            [
                "docker", "run", "--rm", "--network", "none", "--entrypoint", DockerPlan.sccache, image, "--version",
            ], timeout: 60, cancel: cancel)
        if let sccache, sccache.succeeded {
            facts.imageSccache = .success(sccache.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            facts.imageSccache = .failure(
                DoctorFacts.Problem("\(DockerPlan.sccache) does not run: \(sccache?.firstErrorLine ?? "no answer")"))
        }
    }

    private static func mountRoot(_ request: Request, into facts: inout DoctorFacts) {
        // The mount root may not exist yet: what counts is the closest directory that does.
        var existing = request.mountRoot
        var info = stat()
        while stat(existing, &info) != 0, existing != "/" {
            existing = (existing as NSString).deletingLastPathComponent
            if existing.isEmpty { existing = "/" }
        }
        facts.mountRootWritable = info.st_mode & S_IFMT == S_IFDIR && access(existing, W_OK) == 0
        var space = statvfs()
        if statvfs(existing, &space) == 0 { facts.freeBytes = Int64(space.f_bavail) * Int64(space.f_frsize) }
        let type = cw_filesystem_type(existing)
        if type != 0 { facts.filesystem = filesystemName(Int64(type)) }
        if request.thorough {
            let scanned = DiskScanner().scan(
                [
                    ("registry", MountLayout.registryDirectory(mountRoot: request.mountRoot)),
                    ("sccache", MountLayout.sccacheDirectory(mountRoot: request.mountRoot)),
                ], owner: request.owner)
            facts.foreignOwned = scanned.foreignOwned
        }
    }

    /// The name of a file system type from statfs(2) (magic numbers from the kernel's headers).
    static func filesystemName(_ type: Int64) -> String {
        let names: [Int64: String] = [
            0xEF53: "ext4", 0x5846_5342: "xfs", 0x9123_683E: "btrfs", 0x0102_1994: "tmpfs", 0x794C_7630: "overlayfs",
            0x6969: "nfs", 0xFF53_4D42: "cifs", 0x0102_1997: "9p", 0x6573_5546: "fuse", 0x2FC1_2FC1: "zfs",
            0x5346_544E: "ntfs", 0x4D44: "vfat", 0xF15F: "ecryptfs",
        ]
        return names[type] ?? String(format: "type 0x%llx", type)
    }
}
