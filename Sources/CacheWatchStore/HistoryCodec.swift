import CacheWatchCore
import Foundation

/// How values of Core become columns and back: the command as a JSON array, a compile's result as a word and a
/// reason, the hash key as 32 bytes.
enum HistoryCodec {
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func command(_ text: String?) -> [String] { decode([String].self, text) ?? [] }

    /// 64 hex digits as 32 bytes (half the space); anything else is kept as its UTF-8 bytes.
    static func keyBytes(_ hex: String?) -> Data? {
        guard let hex else { return nil }
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return Data(hex.utf8) }
        var bytes = Data(capacity: 32)
        var index = 0
        while index < 64 {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return Data(hex.utf8) }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func keyHex(_ bytes: Data?) -> String? {
        guard let bytes else { return nil }
        guard bytes.count == 32 else { return String(decoding: bytes, as: UTF8.self) }
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
