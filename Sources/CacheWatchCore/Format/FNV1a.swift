/// FNV-1a, 64 bits, written as 16 hex digits: tells a change apart, not an attack.
public struct FNV1a: Sendable {
    /// The hash of the bytes added so far (settable, so the inlinable `add` can be specialized in other modules).
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Inlinable, so a caller in another module hashes its bytes specialized (generic, a byte took ~50 ns); stored
    /// bytes (an array, a file read whole) in one loop over their storage.
    @inlinable
    public mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var hash = value
        let stored: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        if stored == nil {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        value = hash
    }

    public var hex: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The digest of `bytes`.
    @inlinable
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.hex
    }
}
