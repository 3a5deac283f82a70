/// A value read from a config file (TOML's types, as the file wrote them), or given by a flag or a variable.
public indirect enum ConfigValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([ConfigValue])
    /// A TOML type no setting takes (a date, a time, a table where a value belongs): its type's name.
    case other(String)

    /// The value's type as an error message names it: "a string", "an integer".
    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .bool: return "true or false"
        case .array: return "an array"
        case .other(let name): return name
        }
    }

    /// The value written as TOML writes it: `"text"`, `12`, `true`, `["a", "b"]`.
    public var toml: String {
        switch self {
        case .string(let text): return JSONText.string(text)
        case .integer(let n): return String(n)
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) + ".0" : String(x)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map(\.toml).joined(separator: ", ") + "]"
        case .other(let name): return "<\(name)>"
        }
    }

    /// The strings of an array of strings; nil for anything else.
    public var strings: [String]? {
        guard case .array(let items) = self else { return nil }
        var out: [String] = []
        for item in items {
            guard case .string(let text) = item else { return nil }
            out.append(text)
        }
        return out
    }
}
