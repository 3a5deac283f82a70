import Foundation

/// Gives files back to a user: `chown -R` without following symlinks (links are chowned themselves; a
/// directory swapped for a link meanwhile is not entered).
public enum Chowner {
    public struct Result: Sendable, Equatable {
        public var changed = 0
        public var failed = 0
        public var firstError: String?
    }

    public static func chown(_ roots: [String], uid: uid_t, gid: gid_t) -> Result {
        var result = Result()
        /// Chowns `path` (whose lstat is `info`) unless it already belongs to uid:gid.
        func fix(_ path: String, _ info: stat) {
            guard info.st_uid != uid || info.st_gid != gid else { return }
            if lchown(path, uid, gid) == 0 {
                result.changed += 1
            } else {
                result.failed += 1
                if result.firstError == nil { result.firstError = "\(path): \(String(cString: strerror(errno)))" }
            }
        }
        for root in roots {
            var info = stat()
            guard lstat(root, &info) == 0 else { continue }
            fix(root, info)
            guard info.st_mode & S_IFMT == S_IFDIR else { continue }
            var pending = [root]
            while let directory = pending.popLast() {
                guard let handle = SafeFile.openDirectory(directory) else { continue }
                while let entry = readdir(handle) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                    }
                    if name == "." || name == ".." { continue }
                    let path = directory + "/" + name
                    var child = stat()
                    guard lstat(path, &child) == 0 else { continue }
                    fix(path, child)
                    if child.st_mode & S_IFMT == S_IFDIR { pending.append(path) }
                }
                closedir(handle)
            }
        }
        return result
    }
}
