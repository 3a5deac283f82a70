import CTestSupport
import CacheWatchCore
import CacheWatchTestSupport
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

    @Test("Counts, bytes and owners are exact on every exact scan; a live one takes unchanged directories' files as they were")
    func rescan() throws {
        let root = try TestDirectory.make("disk-scan") + "/cache"
        var bytes = try fill(root + "/a/0", count: 40, size: 100)
        bytes += try fill(root + "/a/1", count: 30, size: 1000)
        bytes += try fill(root + "/b", count: 5, size: 7)
        try FileManager.default.createSymbolicLink(atPath: root + "/b/link", withDestinationPath: "/usr")
        let linkSize = Int64(lstatSize(root + "/b/link"))
        let scanner = DiskScanner(settleSeconds: 1)
        let directories = [(name: "sccache", path: root)]

        let first = counted(scanner.scan(directories, owner: getuid()).directories[0])
        #expect(first.exists && first.files == 76 && first.bytes == bytes + linkSize && first.foreignOwned == 0)
        // Just written: nothing is trusted yet.
        #expect(scanner.rememberedDirectories == 0)

        Thread.sleep(forTimeInterval: 2.2)
        #expect(counted(scanner.scan(directories, owner: getuid()).directories[0]) == first)
        #expect(scanner.rememberedDirectories == 5)
        #expect(counted(scanner.scan(directories, owner: getuid()).directories[0]) == first)

        // A file growing in place does not change its directory: still counted, because every file is stat'ed.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/a/0/entry 0 'q'"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(count: 900))
        try handle.close()
        // A new file in a remembered directory, a removed directory; a file growing in a directory that changed.
        bytes += try fill(root + "/a/1/new", count: 1, size: 11) + 900
        let grown = try FileHandle(forWritingTo: URL(fileURLWithPath: root + "/a/1/entry 3 'q'"))
        try grown.seekToEnd()
        try grown.write(contentsOf: Data(count: 500))
        try grown.close()
        bytes += 500
        try FileManager.default.removeItem(atPath: root + "/b")
        // During a build, files seen before are taken as they were (in a/0, unchanged, and in a/1, which changed):
        // the growths are not seen yet; the new file and the removed directory are.
        let live = counted(scanner.scan(directories, owner: getuid(), exact: false).directories[0])
        #expect(live.files == 71 && live.bytes == bytes - 35 - 900 - 500)
        let after = counted(scanner.scan(directories, owner: getuid()).directories[0])
        #expect(after.files == 71 && after.bytes == bytes - 35)
        #expect(scanner.rememberedDirectories == 2)  // a and a/0: the root and a/1 just changed, b is gone
        // The exact scan refreshed what is remembered: the next live one agrees with it.
        #expect(counted(scanner.scan(directories, owner: getuid(), exact: false).directories[0]) == after)
    }

    @Test("Directories this user may not read (root's, from the container) are counted, not silently left out")
    func unreadable() throws {
        let root = try TestDirectory.make("disk-unreadable") + "/sccache"
        _ = try fill(root + "/open", count: 3, size: 10)
        _ = try fill(root + "/closed", count: 4, size: 10)
        chmod(root + "/closed", 0o700)
        let directories = [(name: "sccache", path: root)]
        // As user 1000 (on a thread of its own: the filesystem uid is per thread).
        let seen = LockedValue<DirectoryUsage?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let previous = cw_test_set_fsuid(1000)
            seen.set(DiskScanner().scan(directories, owner: 1000).directories.first)
            _ = cw_test_set_fsuid(uid_t(previous))
            done.signal()
        }.start()
        done.wait()
        let asOther = try #require(seen.get())
        #expect(asOther.unreadable == 1 && asOther.files == 3, "\(asOther)")
        let asOwner = DiskScanner().scan(directories, owner: getuid()).directories[0]
        #expect(asOwner.unreadable == 0 && asOwner.files == 7)
    }

    @Test("Owners are counted only where c chowns: the native build's registry (the user's cargo home) is not")
    func ownersCountedWhereChowned() throws {
        let root = try TestDirectory.make("disk-owners")
        _ = try fill(root + "/registry", count: 3, size: 10)
        _ = try fill(root + "/sccache", count: 2, size: 10)
        let directories = [(name: "registry", path: root + "/registry"), (name: "sccache", path: root + "/sccache")]
        // Owned by someone else: files here belong to this uid, so any other uid sees them all as foreign.
        let other = getuid() + 1
        let all = DiskScanner().scan(directories, owner: other)
        #expect(all.directories.map(\.foreignOwned) == [4, 3])
        let chowned = DiskScanner().scan(directories, owner: other, countingOwnersOf: ["sccache"])
        #expect(chowned.directories.map(\.foreignOwned) == [0, 3] && chowned.foreignOwned == 3)
        #expect(chowned.directories[0].files == 3, "the registry is still measured")
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

    /// What a scan counts, without the free space (which other tests change meanwhile).
    private func counted(_ usage: DirectoryUsage) -> DirectoryUsage {
        var usage = usage
        usage.free = nil
        return usage
    }
}
