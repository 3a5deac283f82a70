import Foundation

/// How cachewatch writes JSON for other programs: an `Encodable` document, keys sorted (the same run gives the same
/// bytes), indented, slashes as they are, a newline at the end. Each document's shape is a versioned schema in
/// docs/schemas/.
public enum JSONOutput {
    public static func text(_ document: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Documents hold finite numbers only (`seconds` makes them so); a failure here is a bug, said in the text.
        guard let data = try? encoder.encode(document), let text = String(data: data, encoding: .utf8) else {
            return "{\"error\": \"cachewatch could not encode this document\"}\n"
        }
        return text + "\n"
    }

    /// Seconds to the millisecond, as the documents give them; nil for what is not a finite number.
    public static func seconds(_ value: Double?) -> Double? { rounded(value, places: 3) }

    /// `value` to `places` decimals; nil for what is not a finite number (JSON has none).
    public static func rounded(_ value: Double?, places: Int) -> Double? {
        guard let value, value.isFinite else { return nil }
        let scale = (0..<places).reduce(1.0) { result, _ in result * 10 }
        return (value * scale).rounded() / scale
    }
}

/// A key named at run time: the documents' fields are written in their schema's spelling, with explicit nulls
/// where the schema has them.
struct JSONKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where K == JSONKey {
    /// `value`, or null when it is nil.
    mutating func put(_ name: String, _ value: (some Encodable)?) throws {
        try encode(value, forKey: JSONKey(name))
    }

    /// `value`, or nothing when it is nil.
    mutating func putIfPresent(_ name: String, _ value: (some Encodable)?) throws {
        try encodeIfPresent(value, forKey: JSONKey(name))
    }
}
