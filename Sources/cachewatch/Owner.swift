import CacheWatchCore
import Foundation

/// Whose files the outputs should be: `--owner UID:GID`, else the invoking user (through sudo too).
enum Owner {
    static func parse(_ text: String) -> (uid: uid_t, gid: gid_t)? { OwnerID.parse(text) }

    static func invoking(environment: [String: String]) -> (uid: uid_t, gid: gid_t) {
        if getuid() == 0, let uid = environment["SUDO_UID"].flatMap(UInt32.init),
            let gid = environment["SUDO_GID"].flatMap(UInt32.init)
        {
            return (uid, gid)
        }
        return (getuid(), getgid())
    }
}
