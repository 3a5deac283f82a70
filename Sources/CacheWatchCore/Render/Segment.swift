/// A piece of text with one role; views build rows from segments.
public struct Segment: Hashable, Sendable {
    public var text: String
    public var role: StyleRole

    public init(_ text: String, _ role: StyleRole = .text) {
        self.text = text
        self.role = role
    }
}

extension Screen {
    /// Draws `segments` left to right from (x, y), clipped at `x + width`.
    @discardableResult
    public mutating func put(_ segments: [Segment], x: Int, y: Int, width: Int) -> Int {
        var column = x
        for segment in segments {
            let remaining = x + width - column
            guard remaining > 0 else { break }
            column = putTruncated(segment.text, x: column, y: y, width: remaining, style: .role(segment.role))
        }
        return column
    }

    /// Draws a bordered box with a title; returns the content area.
    @discardableResult
    public mutating func box(_ rect: Rect, title: [Segment], focused: Bool, glyphs: Glyphs) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let border = CellStyle.role(.border(focused: focused))
        fill(rect)
        for x in rect.x + 1..<rect.maxX - 1 {
            self[x, rect.y] = Cell(glyphs.horizontal, style: border)
            self[x, rect.maxY - 1] = Cell(glyphs.horizontal, style: border)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            self[rect.x, y] = Cell(glyphs.vertical, style: border)
            self[rect.maxX - 1, y] = Cell(glyphs.vertical, style: border)
        }
        self[rect.x, rect.y] = Cell(glyphs.topLeft, style: border)
        self[rect.maxX - 1, rect.y] = Cell(glyphs.topRight, style: border)
        self[rect.x, rect.maxY - 1] = Cell(glyphs.bottomLeft, style: border)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(glyphs.bottomRight, style: border)
        if !title.isEmpty, rect.width > 4 {
            let titled = [Segment(" ", .paneTitle(focused: focused))] + title + [Segment(" ", .paneTitle(focused: focused))]
            put(titled, x: rect.x + 1, y: rect.y, width: rect.width - 2)
        }
        return rect.inset(1)
    }

    /// A horizontal gauge of `width` cells filled to `fraction`.
    public mutating func gauge(x: Int, y: Int, width: Int, fraction: Double, fill: StyleRole, glyphs: Glyphs) {
        guard width > 0 else { return }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        var filled = Int((clamped * Double(width)).rounded())
        if clamped > 0 && filled == 0 { filled = 1 }
        for i in 0..<width {
            let full = i < filled
            self[x + i, y] = Cell(full ? glyphs.gaugeFull : glyphs.gaugeEmpty, style: .role(full ? fill : .gaugeEmpty))
        }
    }
}
