import CacheWatchRunner
import Foundation
import Testing

/// Small real things the hardening tests build on: a tiny Rust project, a size-limited tmpfs.
enum Scratch {
    /// A one-file library crate (compiles in a second), at `directory`.
    static func tinyProject(at directory: String, name: String = "tiny") throws -> String {
        try FileManager.default.createDirectory(atPath: directory + "/src", withIntermediateDirectories: true)
        try "[package]\nname = \"\(name)\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".write(
            toFile: directory + "/Cargo.toml", atomically: true, encoding: .utf8)
        try "pub fn answer() -> u32 { 42 }\n".write(toFile: directory + "/src/lib.rs", atomically: true, encoding: .utf8)
        return directory
    }

    /// A tmpfs of `megabytes` mounted at a new directory (a real full disk); unmounted by `unmount`.
    /// Needs root, as CI has: elsewhere the test fails with a clear message rather than passing.
    static func tmpfs(_ name: String, megabytes: Int) throws -> String {
        let path = try Harness.temporaryDirectory(name)
        let result = try CommandRunner.run(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        guard result.succeeded else {
            throw ScratchError(message: "cannot mount a tmpfs at \(path) (the full-disk tests need root): \(result.stderr)")
        }
        return path
    }

    /// A tmpfs of `megabytes` mounted at `path` (created): a cache directory on a disk of its own.
    static func mountTmpfs(at path: String, megabytes: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try CommandRunner.run(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        guard result.succeeded else {
            throw ScratchError(message: "cannot mount a tmpfs at \(path) (the full-disk tests need root): \(result.stderr)")
        }
    }

    /// `count` empty files in `directory` (created): enough that a chown of it takes a while.
    static func manyFiles(in directory: String, count: Int) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for index in 0..<count { close(open(directory + "/f\(index)", O_CREAT | O_WRONLY, 0o644)) }
    }

    static func unmount(_ path: String) {
        for _ in 0..<20 {
            if (try? CommandRunner.run(["umount", path]))?.succeeded == true { return }
            Thread.sleep(forTimeInterval: 0.25)  // a process that just exited may still hold it
        }
        _ = try? CommandRunner.run(["umount", "-l", path])
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Every regular file's text under `directory` (logs, reports, run directories), for secret checks.
    static func allText(under directory: String) -> String {
        var text = ""
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            let path = directory + "/" + relative
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 64 << 20 {
                text += read(path)
            }
        }
        return text
    }
}

struct ScratchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
