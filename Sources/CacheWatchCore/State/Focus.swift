/// Which pane the scrolling keys act on.
public enum Focus: Hashable, Sendable {
    case log
    case crates
}
