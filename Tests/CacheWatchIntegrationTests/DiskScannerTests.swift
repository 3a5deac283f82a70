import CacheWatchCore
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("Disk scans on a real directory tree")
struct DiskScannerTests {
    /// Writes `count` files of `size` bytes into `directory`; returns the bytes written.
    private func fill(_ directory: String, count: Int, size: Int) throws -> Int64 {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for i in 0..<count {
            try Data(repeating: 0x41, count: size).write(to: URL(fileURLWithPath: "\(directory)/entry \(i) 'q'"))
        }
        return Int64(count * size)
    }

    @Test("Counts, bytes and owners are exact on every scan; a rescan reuses the listings of unchanged directories")
    func rescan() throws {
        let root = try Harness.temporaryDirectory("disk-scan") + "/cache"
        var bytes = try fill(root + "/a/0", count: 40, size: 100)
        bytes += try fill(root + "/a/1", count: 30, size: 1000)
        bytes += try fill(root + "/b", count: 5, size: 7)
        try FileManager.default.createSymbolicLink(atPath: root + "/b/link", withDestinationPath: "/usr")
        let linkSize = Int64(lstatSize(root + "/b/link"))
        let scanner = DiskScanner(settleSeconds: 1)
        let directories = [(name: "sccache", path: root)]

        let first = scanner.scan(directories, owner: getuid()).directories[0]
        #expect(first.exists && first.files == 76 && first.bytes == bytes + linkSize && first.foreignOwned == 0)
        // Just written: nothing is trusted yet.
        #expect(scanner.rememberedDirectories == 0)

        Thread.sleep(forTimeInterval: 2.2)
        #expect(scanner.scan(directories, owner: getuid()).directories[0] == first)
        #expect(scanner.rememberedDirectories == 5)
        #expect(scanner.scan(directories, owner: getuid()).directories[0] == first)

        // A file growing in place does not change its directory: still counted, because every file is stat'ed.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/a/0/entry 0 'q'"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(count: 900))
        try handle.close()
        // A new file in a remembered directory, a removed directory.
        bytes += try fill(root + "/a/1/new", count: 1, size: 11) + 900
        try FileManager.default.removeItem(atPath: root + "/b")
        let after = scanner.scan(directories, owner: getuid()).directories[0]
        #expect(after.files == 71 && after.bytes == bytes - 35)
        #expect(scanner.rememberedDirectories == 2)  // a and a/0: the root and a/1 just changed, b is gone
    }

    @Test("A missing directory is reported as missing")
    func missing() throws {
        let usage = DiskScanner().scan([(name: "target", path: "/nonexistent/cachewatch")], owner: getuid())
        #expect(usage.directories[0].exists == false && usage.directories[0].files == 0)
    }

    private func lstatSize(_ path: String) -> Int {
        var info = stat()
        return lstat(path, &info) == 0 ? Int(info.st_size) : -1
    }
}
