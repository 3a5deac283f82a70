/// Terminal column widths of characters (a compact East Asian Width table).
public enum CharacterWidth {
    /// Columns that `character` takes in a terminal: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let value = first.value
        if value < 0x300 { return value < 0x20 || (value >= 0x7F && value < 0xA0) ? 0 : 1 }
        if first.properties.generalCategory == .nonspacingMark
            || first.properties.generalCategory == .enclosingMark
            || value == 0x200B
        {
            return 0
        }
        return isWide(value) ? 2 : 1
    }

    /// Columns that `text` takes in a terminal.
    public static func of(_ text: String) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest start of `text` that takes at most `width` columns.
    public static func prefix(_ text: String, width: Int) -> String {
        var total = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if total + w > width { break }
            total += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
