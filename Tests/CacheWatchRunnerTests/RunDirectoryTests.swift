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
            let run = try RunDirectory(mountRoot: mount, engine: "native", run: n)
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
