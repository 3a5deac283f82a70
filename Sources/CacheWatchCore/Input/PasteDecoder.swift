/// Bracketed paste: with `ESC[?2004h` on, the terminal wraps pasted text in `ESC[200~` … `ESC[201~`. This
/// turns the keys the adapter decoded back into that text, so a pasted line break or `q` never acts as a key.
public struct PasteDecoder: Sendable {
    /// What the keys were: a key press, or pasted text.
    public enum Output: Hashable, Sendable {
        case key(Key)
        case paste(String)
    }

    static let startMarker: [Key] = [.escape] + "[200~".map { .character($0) }
    static let endMarker: [Key] = [.escape] + "[201~".map { .character($0) }
    /// A paste longer than this keeps only its start (a search needs no more).
    static let maxPaste = 64 << 10

    /// Keys that may be the start of a marker.
    private var pending: [Key] = []
    /// The text of the paste under way, if any.
    private var pasting: String?

    public init() {}

    /// True while a paste has started and not yet ended.
    public var isPasting: Bool { pasting != nil }

    public mutating func feed(_ keys: [Key]) -> [Output] {
        var out: [Output] = []
        for key in keys {
            pending.append(key)
            let marker = pasting == nil ? Self.startMarker : Self.endMarker
            if pending == marker {
                if let text = pasting {
                    out.append(.paste(text))
                    pasting = nil
                } else {
                    pasting = ""
                }
                pending.removeAll()
            } else if !marker.starts(with: pending) {
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
            let marker = pasting == nil ? Self.startMarker : Self.endMarker
            if marker.starts(with: pending) { return }
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
