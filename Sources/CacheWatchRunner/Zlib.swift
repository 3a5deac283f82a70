import CZlib
import Foundation

/// zlib's `uncompress`: the bundled demo session travels compressed inside the binary.
public enum Zlib {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// The `size` bytes that `compressed` (a zlib stream) holds.
    public static func inflate(_ compressed: Data, size: Int) throws -> Data {
        guard size > 0, size < 1 << 30 else { throw Failure(description: "an implausible size: \(size)") }
        var output = Data(count: size)
        var length = uLongf(size)
        let status = output.withUnsafeMutableBytes { out in
            compressed.withUnsafeBytes { input in
                uncompress(
                    out.bindMemory(to: Bytef.self).baseAddress, &length, input.bindMemory(to: Bytef.self).baseAddress,
                    uLong(compressed.count))
            }
        }
        guard status == Z_OK, Int(length) == size else {
            throw Failure(description: "the data does not inflate (zlib status \(status), \(length) of \(size) bytes)")
        }
        return output
    }
}
