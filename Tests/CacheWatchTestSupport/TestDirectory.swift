import Foundation

/// Scratch directories for tests.
public enum TestDirectory {
    /// A fresh directory under the system temporary directory, with a space in its path (paths with spaces must
    /// work everywhere), emptied if it existed.
    public static func make(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "cachewatch tests/\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
