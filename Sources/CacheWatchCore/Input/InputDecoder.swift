/// Turns the keys the adapter decoded into input, where the terminal sent more than keys:
/// - bracketed paste: with `ESC[?2004h` on, the terminal wraps pasted text in `ESC[200~` … `ESC[201~`; the text
///   comes back as text, so a pasted line break or `q` never acts as a key;
/// - focus reports: with `ESC[?1004h` on, the terminal says `ESC[I` when it gains the focus, `ESC[O` when it
///   loses it (the finished-build notice rings only for a terminal not looked at).
public struct InputDecoder: Sendable {
    /// What the keys were: a key press, pasted text, or the terminal's focus.
    public enum Output: Hashable, Sendable {
        case key(Key)
        case paste(String)
        case focus(Bool)
    }

    static let startMarker: [Key] = [.escape] + "[200~".map { .character($0) }
    static let endMarker: [Key] = [.escape] + "[201~".map { .character($0) }
    static let focusIn: [Key] = [.escape, .character("["), .character("I")]
    static let focusOut: [Key] = [.escape, .character("["), .character("O")]
    /// A paste longer than this keeps only its start (a search needs no more).
    static let maxPaste = 64 << 10

    /// Keys that may be the start of a marker.
    private var pending: [Key] = []
    /// The text of the paste under way, if any.
    private var pasting: String?

    public init() {}

    /// True while a paste has started and not yet ended.
    public var isPasting: Bool { pasting != nil }

    /// The sequences that mean something now: outside a paste, its start and the focus reports; inside, its end.
    private var markers: [[Key]] { pasting == nil ? [Self.startMarker, Self.focusIn, Self.focusOut] : [Self.endMarker] }

    private func isPrefixOfMarker(_ keys: [Key]) -> Bool { markers.contains { $0.starts(with: keys) } }

    public mutating func feed(_ keys: [Key]) -> [Output] {
        var out: [Output] = []
        for key in keys {
            pending.append(key)
            if pasting == nil && pending == Self.focusIn {
                out.append(.focus(true))
                pending.removeAll()
            } else if pasting == nil && pending == Self.focusOut {
                out.append(.focus(false))
                pending.removeAll()
            } else if pending == (pasting == nil ? Self.startMarker : Self.endMarker) {
                if let text = pasting {
                    out.append(.paste(text))
                    pasting = nil
                } else {
                    pasting = ""
                }
                pending.removeAll()
            } else if !isPrefixOfMarker(pending) {
                release(&out)
            }
        }
        return out
    }

    /// The end of a batch of input: keys held as a possible start marker were key presses after all (Esc,
    /// then `[`). Inside a paste they stay held: the rest of the paste comes with the next batch.
    public mutating func flush() -> [Output] {
        var out: [Output] = []
        if pasting == nil {
            out += pending.map { .key($0) }
            pending.removeAll()
        }
        return out
    }

    /// Gives up on the held keys: all but the last are not a marker; the last may start a new one.
    private mutating func release(_ out: inout [Output]) {
        while !pending.isEmpty {
            if isPrefixOfMarker(pending) { return }
            let key = pending.removeFirst()
            if pasting != nil { append(key) } else { out.append(.key(key)) }
        }
    }

    private mutating func append(_ key: Key) {
        guard var text = pasting, text.utf8.count < Self.maxPaste else { return }
        switch key {
        case .character(let c): text.append(c)
        case .enter: text.append("\n")
        case .tab: text.append("\t")
        default: break  // control keys and function keys inside a paste are not text
        }
        pasting = text
    }
}
