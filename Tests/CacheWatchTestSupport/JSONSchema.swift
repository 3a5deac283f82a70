import CacheWatchCore
import Foundation

/// A JSON Schema validator for the part of draft 2020-12 that docs/schemas/ uses: `type` (one or a list),
/// `properties`, `required`, `additionalProperties`, `items`, `enum`, `const`, `minimum`, `minLength`, `pattern`,
/// `oneOf`, `anyOf`, `$ref` to `#/$defs/…`. A keyword it does not know is a failure, so a schema never claims more
/// than is checked.
public struct JSONSchema {
    public let root: JSONValue

    public init(_ text: String) throws { root = try JSONValue.parse(text) }

    public init(contentsOf path: String) throws { try self.init(String(contentsOfFile: path, encoding: .utf8)) }

    static let known: Set<String> = [
        "$schema", "$id", "$defs", "title", "description", "type", "properties", "required", "additionalProperties",
        "items", "enum", "const", "minimum", "minLength", "pattern", "oneOf", "anyOf", "$ref",
    ]

    /// Every way `document` breaks the schema, each with its JSON path; empty when it holds.
    public func problems(_ document: JSONValue) -> [String] {
        var found: [String] = []
        check(document, against: root, at: "$", into: &found)
        return found
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into found: inout [String]) {
        guard case .object(let rules) = schema else {
            if schema == .bool(false) { found.append("\(path): not allowed") }
            return
        }
        for key in rules.keys where !Self.known.contains(key) { found.append("\(path): the schema uses \(key), not checked") }
        if case .string(let reference)? = rules["$ref"] {
            let name = reference.replacingOccurrences(of: "#/$defs/", with: "")
            guard let target = root["$defs"]?[name] else {
                found.append("\(path): no definition \(reference)")
                return
            }
            check(value, against: target, at: path, into: &found)
        }
        if let type = rules["type"] {
            let allowed: [String]
            switch type {
            case .string(let one): allowed = [one]
            case .array(let many): allowed = many.compactMap { if case .string(let s) = $0 { s } else { nil } }
            default: allowed = []
            }
            guard allowed.contains(where: { Self.matches(value, type: $0) }) else {
                found.append("\(path): \(Self.kind(of: value)) where \(allowed.joined(separator: " or ")) is expected")
                return
            }
        }
        if case .array(let choices)? = rules["enum"], !choices.contains(value) {
            found.append("\(path): \(Self.shown(value)) is not one of the values allowed")
        }
        if let constant = rules["const"], constant != value {
            found.append("\(path): \(Self.shown(value)) where \(Self.shown(constant)) is expected")
        }
        if let minimum = rules["minimum"].flatMap(Self.number), let number = Self.number(value), number < minimum {
            found.append("\(path): \(number) is below \(minimum)")
        }
        if case .string(let text) = value {
            if case .integer(let least)? = rules["minLength"], text.count < least {
                found.append("\(path): shorter than \(least)")
            }
            if case .string(let pattern)? = rules["pattern"], text.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(path): \(Self.shown(value)) does not match \(pattern)")
            }
        }
        if case .object(let fields) = value {
            let properties: [String: JSONValue]
            if case .object(let declared)? = rules["properties"] { properties = declared } else { properties = [:] }
            if case .array(let required)? = rules["required"] {
                for case .string(let name) in required where fields[name] == nil {
                    found.append("\(path): \(name) is missing")
                }
            }
            for (name, field) in fields.sorted(by: { $0.key < $1.key }) {
                if let rule = properties[name] {
                    check(field, against: rule, at: "\(path).\(name)", into: &found)
                } else if let extra = rules["additionalProperties"] {
                    check(field, against: extra, at: "\(path).\(name)", into: &found)
                }
            }
        }
        if case .array(let items) = value, let rule = rules["items"] {
            for (index, item) in items.enumerated() { check(item, against: rule, at: "\(path)[\(index)]", into: &found) }
        }
        for (keyword, exactlyOne) in [("oneOf", true), ("anyOf", false)] {
            guard case .array(let choices)? = rules[keyword] else { continue }
            let holding = choices.filter { choice in
                var inner: [String] = []
                check(value, against: choice, at: path, into: &inner)
                return inner.isEmpty
            }.count
            if exactlyOne ? holding != 1 : holding == 0 {
                found.append("\(path): \(holding) of the \(keyword) choices hold")
            }
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("integer", .integer), ("number", .integer), ("number", .number),
            ("string", .string), ("array", .array), ("object", .object):
            return true
        default:
            return false
        }
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer: return "an integer"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let n): return Double(n)
        case .number(let x): return x
        default: return nil
        }
    }

    private static func shown(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "\"\(text)\""
        case .integer(let n): return "\(n)"
        case .number(let x): return "\(x)"
        case .bool(let b): return "\(b)"
        case .null: return "null"
        default: return kind(of: value)
        }
    }
}
