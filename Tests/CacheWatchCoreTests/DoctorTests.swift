import Testing

@testable import CacheWatchCore

@Suite("cachewatch doctor: one finding per check, with what to do")
struct DoctorTests {
    private func facts(engine: EngineKind = .docker, environment: [String: String] = [:]) -> DoctorFacts {
        var facts = DoctorFacts(
            engine: engine, command: ["cargo", "build", "--release", "--locked"], environment: environment,
            project: "/src/p", mountRoot: "/home/me/.muslrust", cacheLimit: 5 << 30,
            backend: CacheBackend.from(environment: environment))
        facts.dockerClient = .success("Docker version 20.10.24")
        facts.daemon = .success("20.10.24")
        facts.image = "clux/muslrust:stable"
        facts.imagePresent = true
        facts.imageCargoHome = "/opt/cargo"
        facts.imageSccache = .success("sccache 0.16.0")
        facts.hostSccache = .success("sccache 0.16.0 (/usr/local/bin/sccache)")
        facts.filesystem = "ext4"
        facts.freeBytes = 50 << 30
        facts.foreignOwned = 0
        return facts
    }

    private func finding(_ subject: String, in findings: [DoctorFinding]) -> DoctorFinding? {
        findings.first { $0.subject == subject }
    }

    @Test("A ready setup: every line ✔, nothing blocks, the verdict says so")
    func ready() {
        let findings = Doctor.findings(facts())
        #expect(findings.allSatisfy { $0.level == .ok }, "\(findings)")
        #expect(Doctor.blocking(findings) == nil && Doctor.verdict(findings) == "ready: nothing to fix")
        #expect(
            finding("image", in: findings)?.detail
                == "clux/muslrust:stable is present; its CARGO_HOME is /opt/cargo (the registry is mounted at /opt/cargo/registry)"
        )
        #expect(finding("mount root", in: findings)?.lines == ["✔ mount root: /home/me/.muslrust (ext4), writable"])
    }

    @Test("A stopped daemon, a missing Cargo.lock under --locked, an unwritable mount root: ✘ each, and one message")
    func failures() {
        var f = facts()
        f.daemon = .failure(DoctorFacts.Problem("Cannot connect to the Docker daemon"))
        f.lockFilePresent = false
        f.mountRootWritable = false
        let findings = Doctor.findings(f)
        #expect(finding("Docker daemon", in: findings)?.level == .failure)
        #expect(finding("image", in: findings) == nil, "nothing more is asked of a daemon that does not answer")
        let lock = finding("Cargo.lock", in: findings)
        #expect(lock?.level == .failure && lock?.fix?.contains("cargo generate-lockfile") == true)
        #expect(finding("mount root", in: findings)?.level == .failure)
        let message = Doctor.blocking(findings) ?? ""
        #expect(message.hasPrefix("Docker daemon: does not answer (Cannot connect to the Docker daemon)"))
        #expect(message.contains("; Cargo.lock: missing") && message.contains("; mount root: "))
        #expect(Doctor.verdict(findings) == "3 problems and 0 warnings: a build would fail until they are fixed")
        // Without --locked a missing lock file is fine: cargo makes one.
        f.command = ["cargo", "build", "--release"]
        #expect(finding("Cargo.lock", in: Doctor.findings(f)) == nil)
    }

    @Test("Warnings: an image to pull, little free space, GitHub's 10 GB, root-owned files, RUSTC_WRAPPER, CARGO_*")
    func warnings() {
        var f = facts(
            environment: ["GITHUB_ACTIONS": "true", "RUSTC_WRAPPER": "/usr/bin/ccache", "CARGO_TERM_COLOR": "always"])
        f.imagePresent = false
        f.freeBytes = 2 << 30
        f.cacheLimit = 20 << 30
        f.foreignOwned = 1234
        var findings = Doctor.findings(f)
        #expect(finding("image", in: findings)?.level == .warning)
        #expect(finding("free space", in: findings)?.detail == "2.0 GiB free, the cache may grow to 20.0 GiB")
        #expect(finding("GitHub's cache", in: findings)?.level == .warning)
        #expect(finding("owners", in: findings)?.detail.hasPrefix("1234 entries") == true)
        #expect(finding("RUSTC_WRAPPER", in: findings)?.level == .warning)
        #expect(finding("CARGO_* variables", in: findings) == nil, "the container's build does not see the host's")
        #expect(Doctor.blocking(findings) == nil)
        // Natively they are the build's own, hashed into every key.
        f.engine = "native"
        findings = Doctor.findings(f)
        #expect(finding("CARGO_* variables", in: findings)?.detail == "CARGO_TERM_COLOR go into every cache key")
        #expect(finding("docker client", in: findings) == nil)
    }

    @Test("The quick checks before a build leave Docker alone (the engine checks it); no docker at all is ✘")
    func dockerNotLookedAt() {
        var f = facts()
        f.dockerClient = nil
        #expect(Doctor.blocking(Doctor.findings(f)) == nil)
        f.dockerClient = .failure(DoctorFacts.Problem("not found on PATH"))
        #expect(Doctor.blocking(Doctor.findings(f))?.hasPrefix("docker: not found on PATH (install Docker") == true)
    }

    @Test("Native: sccache missing and CARGO_INCREMENTAL=1 block; unset CARGO_INCREMENTAL is a warning")
    func native() {
        var f = facts(engine: .native, environment: ["CARGO_INCREMENTAL": "1"])
        f.hostSccache = .failure(DoctorFacts.Problem("sccache not found on PATH"))
        var findings = Doctor.findings(f)
        #expect(finding("sccache on this machine", in: findings)?.level == .failure)
        #expect(finding("CARGO_INCREMENTAL", in: findings)?.level == .failure)
        f.environment = [:]
        f.hostSccache = .success("sccache 0.16.0")
        findings = Doctor.findings(f)
        #expect(finding("CARGO_INCREMENTAL", in: findings)?.level == .ok, "a release build is not incremental")
        f.command = ["cargo", "build"]
        #expect(finding("CARGO_INCREMENTAL", in: Doctor.findings(f))?.level == .warning, "a dev build is")
        // In the container a missing host sccache is only worth knowing.
        var docker = facts()
        docker.hostSccache = .failure(DoctorFacts.Problem("sccache not found on PATH"))
        #expect(finding("sccache on this machine", in: Doctor.findings(docker))?.level == .ok)
    }

    @Test("The sccache version is named; muslrust's 0.14 is fine, one older than any tested is a warning")
    func versions() {
        var f = facts()
        f.imageSccache = .success("sccache 0.14.0")
        let pinned = finding("sccache in the image", in: Doctor.findings(f))
        #expect(pinned?.level == .ok && pinned?.detail == "sccache 0.14.0 (cachewatch reads sccache 0.8 to 0.16)")
        f.imageSccache = .success("sccache 0.7.7")
        let old = finding("sccache in the image", in: Doctor.findings(f))
        #expect(old?.level == .warning && old?.detail.contains("0.7.7 is older than any") == true, "\(String(describing: old))")
        f.hostSccache = .success("sccache 0.5.4 (/usr/bin/sccache)")
        #expect(finding("sccache on this machine", in: Doctor.findings(f))?.level == .warning)
        #expect(SccacheVersion("sccache 0.17.1").map { $0 > SccacheVersion.oldestTested } == true)
        #expect(SccacheVersion.untestedNotice("0.16.0") == nil && SccacheVersion.untestedNotice("garbage") == nil)
    }

    @Test("A remote cache: unreachable blocks (the endpoint masked), reachable is ✔")
    func backend() {
        var f = facts(environment: ["SCCACHE_REDIS_ENDPOINT": "redis://:hunter2@10.0.0.5:6379"])
        f.backendProbed = true
        f.backendProblem = "nothing listens at 10.0.0.5:6379"
        let failed = finding("cache backend", in: Doctor.findings(f))
        #expect(failed?.level == .failure && failed?.detail.contains("hunter2") == false, "\(String(describing: failed))")
        f.backendProblem = nil
        #expect(finding("cache backend", in: Doctor.findings(f))?.detail.hasSuffix(": answers") == true)
    }

    @Test("The build farm: a scheduler that answers with servers is fine; none listed, or no answer, is a warning, never a block")
    func farm() {
        var f = facts(engine: .native)
        #expect(finding("build farm", in: Doctor.findings(f)) == nil, "no [dist]: no line")
        f.farm = DistConfig(path: "/m/sccache-dist/client.conf", scheduler: "http://127.0.0.1:10600", auth: "token")
        f.farmLoad = .success(FarmLoad(servers: 2, cpus: 4, inProgress: 0))
        let ok = finding("build farm", in: Doctor.findings(f))
        #expect(ok?.level == .ok && ok?.detail.contains("answers: 2 servers, 4 CPUs") == true, "\(String(describing: ok))")
        f.farmLoad = .success(FarmLoad(servers: 0, cpus: 0, inProgress: 0))
        #expect(finding("build farm", in: Doctor.findings(f))?.detail.contains("lists no build server") == true)
        f.farmLoad = .failure(DoctorFacts.Problem("connection refused"))
        let down = Doctor.findings(f)
        #expect(finding("build farm", in: down)?.level == .warning)
        #expect(finding("build farm", in: down)?.fix?.contains("scripts/dist-up") == true)
        #expect(Doctor.blocking(down) == nil, "sccache compiles here instead: the build does not fail")
    }
}
