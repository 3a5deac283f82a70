/// An owner written as `UID:GID` (`--owner`, a config file's `owner`).
public enum OwnerID {
    /// Decimal digits only; 4294967295 is -1, which lchown reads as "leave unchanged", so it is refused.
    public static func parse(_ text: String) -> (uid: UInt32, gid: UInt32)? {
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
}
