/// Text made safe to print on a terminal: every control character but tab and newline (C0, DEL, C1) shown in caret
/// notation (`^[`, `^?`) or as `�`, so a crate name, a command or a path that a build or a file chose can never set
/// the terminal's title, clear the screen or swallow the output (OSC 52). By Unicode scalar: `\r\n` is one Swift
/// Character, and a filter by Character misses its `\r`.
public enum TerminalSafe {
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A:
                result.append(scalar)
            case 0x00..<0x20:
                result.append("^")
                result.append(Unicode.Scalar(scalar.value + 0x40)!)
            case 0x7F:
                result.append(contentsOf: "^?".unicodeScalars)
            case 0x80..<0xA0:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Whether `scalar` is a control character that `text` replaces.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || v == 0x7F || (0x80..<0xA0).contains(v)
    }
}
