/// A file a build script wrote into its `OUT_DIR` (`target/release/build/<package>-<hash>/out/tables.rs`), as a
/// dep-info names it: sccache hashes it like any source, so a build script that writes different bytes changes
/// the key of the crate that includes them, and of every crate downstream.
public struct BuildScriptOutput: Hashable, Sendable {
    /// The package whose build script wrote it ("unicode-linebreak").
    public var package: String
    /// Its path inside `OUT_DIR` ("tables.rs").
    public var file: String

    /// Nil for a path that is not inside a build script's `OUT_DIR`.
    public init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let build = parts.indices.dropLast(3).last(where: { parts[$0] == "build" && parts[$0 + 2] == "out" }),
            let package = Self.package(ofDirectory: parts[build + 1])
        else { return nil }
        self.package = package
        file = parts[(build + 3)...].joined(separator: "/")
    }

    /// The package a build directory is named for: "unicode-linebreak-0a1b2c3d" → "unicode-linebreak".
    public static func package(ofDirectory name: Substring) -> String? {
        guard let dash = name.lastIndex(of: "-"), dash > name.startIndex, name.index(after: dash) < name.endIndex else {
            return nil
        }
        return String(name[..<dash])
    }

    /// Whether two digests of a source differ: a build script's output stored without one (a history kept before
    /// they were read) is unknown, not a change.
    public static func differs(_ path: String, _ old: String?, _ new: String?) -> Bool {
        guard old != new else { return false }
        if old == "" || new == "", BuildScriptOutput(path: path) != nil { return false }
        return true
    }
}
