import Foundation

/// Whose files the outputs should be: `--owner UID:GID`, else the invoking user (through sudo too).
enum Owner {
    /// "UID:GID" with decimal digits only; 4294967295 is -1, which lchown reads as "leave unchanged".
    static func parse(_ text: String) -> (uid: uid_t, gid: gid_t)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let uid = id(parts[0]), let gid = id(parts[1]) else { return nil }
        return (uid, gid)
    }

    private static func id(_ text: Substring) -> UInt32? {
        guard !text.isEmpty, text.count <= 10, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = UInt32(text),
            value != UInt32.max
        else { return nil }
        return value
    }

    static func invoking(environment: [String: String]) -> (uid: uid_t, gid: gid_t) {
        if getuid() == 0, let uid = environment["SUDO_UID"].flatMap(UInt32.init),
            let gid = environment["SUDO_GID"].flatMap(UInt32.init)
        {
            return (uid, gid)
        }
        return (getuid(), getgid())
    }
}
