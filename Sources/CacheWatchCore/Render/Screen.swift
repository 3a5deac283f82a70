/// An in-memory grid of styled cells that views draw into; the terminal adapter presents it.
public struct Screen: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills `rect` (clipped to the screen) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let x0 = max(0, rect.x)
        let x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y)
        let y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { cells[y * width + x] = cell }
        }
    }

    /// Writes `text` from (x, y), never past `limit` (an exclusive column); returns the column after the text.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle, limit: Int? = nil) -> Int {
        let end = min(width, limit ?? width)
        guard y >= 0, y < height else { return x }
        var column = x
        for character in text {
            column = put(character, x: column, y: y, style: style, end: end)
            if column >= end { break }
        }
        return column
    }

    /// Writes one character at (x, y) if it fits before `end`; returns the next column.
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: CellStyle, end: Int) -> Int {
        let columns = CharacterWidth.of(character)
        guard columns > 0 else { return x }
        guard x >= 0, x + columns <= end, y >= 0, y < height else { return x + columns }
        cells[y * width + x] = Cell(character, style: style)
        if columns == 2 {
            cells[y * width + x + 1] = Cell(" ", style: style, isContinuation: true)
        }
        return x + columns
    }

    /// Writes `text` with its last columns replaced by "…" when it is wider than `width` columns.
    @discardableResult
    public mutating func putTruncated(_ text: String, x: Int, y: Int, width available: Int, style: CellStyle) -> Int {
        guard available > 0 else { return x }
        if CharacterWidth.of(text) <= available {
            return put(text, x: x, y: y, style: style, limit: x + available)
        }
        let column = put(text, x: x, y: y, style: style, limit: x + available - 1)
        return put("…", x: column, y: y, style: style, limit: x + available)
    }

    /// The screen as plain text, one line per row, each between `|` marks (for snapshots).
    public var textDump: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = "|"
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line.append(cell.character) }
            }
            lines.append(line + "|")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text of row `y` without the marks.
    public func row(_ y: Int) -> String {
        var line = ""
        for x in 0..<width where !cells[y * width + x].isContinuation {
            line.append(cells[y * width + x].character)
        }
        return line
    }
}
