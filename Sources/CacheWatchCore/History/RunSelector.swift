/// How a command line names a run: its id, a unique prefix of it, `last`, or `last~N` (N runs before the last).
public enum RunSelector: Hashable, Sendable {
    case last(back: Int)
    case prefix(String)

    public init?(_ text: String) {
        if text == "last" {
            self = .last(back: 0)
        } else if text.hasPrefix("last~") {
            guard let n = Int(text.dropFirst(5)), n >= 0 else { return nil }
            self = .last(back: n)
        } else {
            guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                return nil
            }
            self = .prefix(text)
        }
    }
}
