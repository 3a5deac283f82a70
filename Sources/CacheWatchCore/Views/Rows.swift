/// Helpers for panels made of labelled rows.
enum Rows {
    /// "Label ······ value" with the value right-aligned at `width`.
    static func pair(
        _ label: String, _ value: String, width: Int, label labelRole: StyleRole = .label, value valueRole: StyleRole = .value
    ) -> [Segment] {
        let gap = max(1, width - CharacterWidth.of(label) - CharacterWidth.of(value))
        return [Segment(label, labelRole), Segment(String(repeating: " ", count: gap), .text), Segment(value, valueRole)]
    }

    static func draw(_ rows: [[Segment]], in content: Rect, into screen: inout Screen) {
        for (i, row) in rows.enumerated() where i < content.height {
            screen.put(row, x: content.x, y: content.y + i, width: content.width)
        }
    }

    static func count(_ value: Int?) -> String { value.map(String.init) ?? "–" }

    /// `text` broken at spaces into rows of at most `width` columns, each after `indent` spaces.
    static func wrapped(_ text: String, width: Int, indent: Int = 0, role: StyleRole) -> [[Segment]] {
        let room = max(8, width - indent)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if CharacterWidth.of(candidate) <= room || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        let pad = String(repeating: " ", count: indent)
        return lines.map { [Segment(pad + $0, role)] }
    }
}
