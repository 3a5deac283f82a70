import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

/// The issue's reproduction on the real engine: a mount root inside the project (as CI recipes set it), a first
/// container that replaces the cache directory by a link through /volume, and a second run that must not mount the
/// link's target.
@Suite(
    "A link planted under the mount root is never mounted", .serialized,
    .enabled(if: DockerHarness.enabled, Comment(rawValue: DockerHarness.howTo)))
struct MountLinkTests {
    @Test("Run 1's container plants a link to a host directory; run 2 refuses to start and the target is untouched")
    func plantedLink() throws {
        guard DockerHarness.require() else { return }
        let work = try Harness.temporaryDirectory("mount link")
        let project = try Scratch.tinyProject(at: work + "/project")
        let victim = work + "/victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try "keep me\n".write(toFile: victim + "/precious", atomically: true, encoding: .utf8)
        let mountRoot = project + "/.muslrust"
        func run(_ command: [String]) throws -> CommandResult {
            try Harness.cachewatch(
                [
                    "--engine", "docker", "--image", DockerHarness.image, "--mount-root", mountRoot, "--headless", "--no-record",
                    "--project", project,
                ] + DockerHarness.dockerArguments + ["--"] + command, timeout: 180)
        }
        // Run 1: the build (a container, as root) replaces the sccache directory by a link to the victim.
        let first = try run(["sh", "-c", "rm -rf /volume/.muslrust/sccache && ln -s '\(victim)' /volume/.muslrust/sccache"])
        #expect(first.stderr.contains("the mount root \(mountRoot) is inside the project"), "\(first.stderr)")
        var info = stat()
        #expect(lstat(mountRoot + "/sccache", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "run 1 planted the link")
        // Run 2: refused before `docker run`, naming the link and what to do; the victim is as it was.
        let second = try run(["sh", "-c", "touch /root/sccache/written-by-run-2"])
        #expect(second.status != 0)
        let said = second.stdout + second.stderr
        #expect(said.contains("\(mountRoot)/sccache: is a symbolic link"), "\(said)")
        #expect(said.contains("rm '\(mountRoot)/sccache'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim) == ["precious"])
        #expect(DockerHarness.containers().isEmpty, "left: \(DockerHarness.containers())")

        // A link planted while a dashboard runs (between its runs) is caught by the engine itself, right before
        // `docker run` of the next build.
        let engine = DockerEngine(
            command: ["true"], image: DockerHarness.image, project: project, mountRoot: mountRoot, cacheSize: "1G",
            dockerArguments: [], fresh: false, chownAfter: nil)
        let runDirectory = try RunDirectory(mountRoot: mountRoot, engine: .docker, run: 2)
        do {
            _ = try engine.prepareRun(in: runDirectory, cancel: CancelFlag(), log: { _ in }, waiting: { _ in })
            Issue.record("the engine prepared a run over a planted link")
        } catch {
            #expect("\(error)".contains("\(mountRoot)/sccache is a symbolic link (to \(victim))"), "\(error)")
        }
        #expect(engine.chown(uid: getuid(), gid: getgid(), cancel: CancelFlag()).summary.contains("is a symbolic link"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim) == ["precious"])
    }

    @Test("Every source and each directory above it up to the mount root: links, wrong kinds and foreign owners refused")
    func verify() throws {
        let work = try Harness.temporaryDirectory("mount check")
        let root = work + "/m"
        for directory in ["cargo/registry", "sccache", "cachewatch/runs/r1"] {
            try FileManager.default.createDirectory(atPath: root + "/" + directory, withIntermediateDirectories: true)
        }
        for lock in MountLayout.cargoLockFiles {
            #expect(FileManager.default.createFile(atPath: root + "/cargo/" + lock, contents: nil))
        }
        let sources = MountCheck.sources(mountRoot: root, runDirectory: root + "/cachewatch/runs/r1")
        try MountCheck.verify(sources, mountRoot: root, project: work + "/p")
        // A link one level up (cargo/ itself), a lock file that is a directory, a foreign owner.
        try FileManager.default.moveItem(atPath: root + "/cargo", toPath: work + "/cargo-real")
        try FileManager.default.createSymbolicLink(atPath: root + "/cargo", withDestinationPath: work + "/cargo-real")
        #expect(throws: MountCheck.Failure.self) { try MountCheck.verify(sources, mountRoot: root, project: work + "/p") }
        unlink(root + "/cargo")
        try FileManager.default.moveItem(atPath: work + "/cargo-real", toPath: root + "/cargo")
        unlink(root + "/cargo/.package-cache")
        try FileManager.default.createDirectory(atPath: root + "/cargo/.package-cache", withIntermediateDirectories: true)
        #expect(throws: MountCheck.Failure.self) { try MountCheck.verify(sources, mountRoot: root, project: work + "/p") }
        rmdir(root + "/cargo/.package-cache")
        #expect(FileManager.default.createFile(atPath: root + "/cargo/.package-cache", contents: nil))
        // A directory on the way owned by another account is refused; a source given to another owner (by `c`) is not.
        #expect(chown(root + "/cargo", 4242, 4242) == 0)
        do {
            try MountCheck.verify(sources, mountRoot: root, project: work + "/p")
            Issue.record("a directory of uid 4242 was accepted")
        } catch {
            #expect(error.description.contains("cargo belongs to uid 4242"))
        }
        try MountCheck.verify(sources, mountRoot: root, project: work + "/p", owners: [getuid(), 0, 4242])
        _ = chown(root + "/cargo", getuid(), getgid())
        #expect(chown(root + "/sccache", 4242, 4242) == 0)
        try MountCheck.verify(sources, mountRoot: root, project: work + "/p")
        // The mount root itself, when inside the project, is checked too (a build can replace it).
        _ = chown(root + "/sccache", getuid(), getgid())
        try FileManager.default.createSymbolicLink(atPath: work + "/p-root", withDestinationPath: root)
        #expect(throws: MountCheck.Failure.self) {
            try MountCheck.verify(
                MountCheck.sources(mountRoot: work + "/p-root", runDirectory: nil), mountRoot: work + "/p-root", project: work)
        }
        try MountCheck.verify(
            MountCheck.sources(mountRoot: work + "/p-root", runDirectory: nil), mountRoot: work + "/p-root",
            project: work + "/elsewhere")
        // Outside the project: a mount root (or a directory above it) of another account is refused, as a shared
        // /tmp/muslrust made by someone else would be.
        #expect(chown(root, 4242, 4242) == 0)
        #expect(throws: MountCheck.Failure.self) { try MountCheck.verify(sources, mountRoot: root, project: work + "/p") }
        _ = chown(root, getuid(), getgid())
        #expect(chown(work, 4242, 4242) == 0)
        do {
            try MountCheck.verify(sources, mountRoot: root, project: work + "/p")
            Issue.record("a mount root below a directory of uid 4242 was accepted")
        } catch {
            #expect(error.description.contains("\(work) belongs to uid 4242"), "\(error)")
        }
        try MountCheck.verify(sources, mountRoot: root, project: work + "/p", owners: [getuid(), 0, 4242])
        _ = chown(work, getuid(), getgid())
    }
}
