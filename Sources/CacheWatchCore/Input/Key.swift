/// A key press, already decoded from the terminal's codes by the terminal adapter.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backspace
    case function(Int)
    case wheelUp, wheelDown
    /// A letter typed with Ctrl held (Ctrl-C, Ctrl-Z): raw mode delivers them as keys, not signals.
    case control(Character)

    /// How the key is written in help text and docs/usage.md ("r", "PgUp", "End").
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backspace: return "Backspace"
        case .function(let n): return "F\(n)"
        case .wheelUp: return "wheel ↑"
        case .wheelDown: return "wheel ↓"
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        }
    }

    private static let named: [(String, Key)] = [
        ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("home", .home), ("end", .end), ("enter", .enter), ("esc", .escape), ("tab", .tab), ("backspace", .backspace),
        ("wheel-up", .wheelUp), ("wheel-down", .wheelDown), ("space", .character(" ")),
    ]

    /// The key's stable name, as recordings and a config file write it: "r", "R", "ctrl-c", "pgup", "f5", "space".
    public var name: String {
        if let entry = Self.named.first(where: { $0.1 == self }) { return entry.0 }
        switch self {
        case .character(let c): return String(c)
        case .control(let c): return "ctrl-" + String(c).lowercased()
        case .function(let n): return "f\(n)"
        default: return label
        }
    }

    /// Reads a name written by `name` (case-insensitive for the named keys); nil for anything else.
    public init?(name: String) {
        if name.count == 1, let c = name.first {
            self = .character(c)
            return
        }
        let lower = name.lowercased()
        if let entry = Self.named.first(where: { $0.0 == lower }) {
            self = entry.1
            return
        }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isASCII, c.isLetter {
            self = .control(c)
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self = .function(n)
            return
        }
        return nil
    }
}

extension Key: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let key = Key(name: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown key \(text)"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
