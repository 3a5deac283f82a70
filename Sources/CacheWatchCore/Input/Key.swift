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

    /// How the key is written in help text and the README ("r", "PgUp", "End").
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
}
