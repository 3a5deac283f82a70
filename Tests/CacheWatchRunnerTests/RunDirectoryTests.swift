import CacheWatchCore
import CacheWatchRunner
import CacheWatchTestSupport
import Foundation
import Testing

@Suite("Run directories: this dashboard's old ones pruned as runs go, what a container left removed")
struct RunDirectoryTests {
    @Test("30 runs of one dashboard leave the newest 20 (the current one always); another live dashboard's stay")
    func prune() throws {
        let mount = try TestDirectory.make("run prune")
        var runs: [RunDirectory] = []
        for n in 1...30 {
            let run = try RunDirectory(mountRoot: mount, engine: .native, run: n)
            #expect(
                FileManager.default.createFile(
                    atPath: run.statsPath, contents: Data("{\"cache_location\":\"redis://:pw@h\"}".utf8)))
            runs.append(run)
        }
        // A directory of another dashboard still running (pid 1 is always alive), older than all of ours.
        let root = RunDirectory.root(mountRoot: mount)
        let other = "19990101-000000-native-run1-1-zzzz"
        try FileManager.default.createDirectory(atPath: root + "/" + other, withIntermediateDirectories: true)
        let current = runs[0]
        RunDirectory.prune(mountRoot: mount, current: current.name)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: root))
        #expect(left.contains(current.name) && left.contains(other))
        #expect(left.count <= RunDirectory.kept + 2, "\(left.count)")
        // What a container wrote in the kept ones is gone, except in the current run's.
        for name in left where name != current.name && name != other {
            #expect(!FileManager.default.fileExists(atPath: root + "/" + name + "/stats.json"))
        }
        #expect(FileManager.default.fileExists(atPath: current.statsPath))
        current.removeContainerFiles()
        #expect(!FileManager.default.fileExists(atPath: current.statsPath))
    }
}

@Suite("The container's live numbers, read as Core's sampling rules say")
struct DockerSamplingTests {
    private func prepared(_ name: String, preparedAt: Double) throws -> (DockerEngine, PreparedRun) {
        let root = try TestDirectory.make(name)
        let engine = DockerEngine(
            command: ["true"], image: "none", project: root + "/project", mountRoot: root + "/mount", cacheSize: "1G",
            dockerArguments: [], fresh: false, chownAfter: nil)
        let directory = try RunDirectory(mountRoot: root + "/mount", engine: .docker, run: 1)
        let run = PreparedRun(
            plan: BuildPlan(arguments: ["true"], workingDirectory: root), directory: directory, preparedAt: preparedAt,
            facts: RunFacts(container: "cachewatch-none"))
        return (engine, run)
    }

    @Test("No file yet is pending; a fresh file is the sample; a file older than staleAfter is stale, with its age")
    func staleness() throws {
        let (engine, run) = try prepared("docker sampling", preparedAt: Date().timeIntervalSince1970)
        let rules = RunSchedule.Sampling(staleAfter: 10, askServerAfter: 3600)
        #expect(throws: StatsPending.self) { try engine.sampleStats(run, sampling: rules, cancel: CancelFlag()) }
        try Data(" {\"stats\":{}}\n".utf8).write(to: URL(fileURLWithPath: run.directory.statsPath))
        #expect(try engine.sampleStats(run, sampling: rules, cancel: CancelFlag()) == "{\"stats\":{}}")
        // Written 30 s ago: the container's poller stopped.
        var times = [timeval(tv_sec: time(nil) - 30, tv_usec: 0), timeval(tv_sec: time(nil) - 30, tv_usec: 0)]
        #expect(utimes(run.directory.statsPath, &times) == 0)
        do {
            _ = try engine.sampleStats(run, sampling: rules, cancel: CancelFlag())
            Issue.record("a 30 s old file is a sample")
        } catch let stale as StatsStale {
            #expect((29...40).contains(stale.seconds), "\(stale.seconds)")
        }
        #expect(throws: Never.self) {
            _ = try engine.sampleStats(run, sampling: RunSchedule.Sampling(staleAfter: 60), cancel: CancelFlag())
        }
    }
}
