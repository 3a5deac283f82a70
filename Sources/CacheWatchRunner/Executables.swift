import Foundation

/// Finding programs on PATH.
public enum Executables {
    /// The absolute path of `program`: itself if it has a slash, else the first executable match on `path`.
    public static func find(_ program: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if program.contains("/") {
            return access(program, X_OK) == 0 ? program : nil
        }
        for directory in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}
