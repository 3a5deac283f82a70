/// A line as a grid of cells, a scalar value and a style each: for edits in the middle of a line.
struct CellLine: Sendable {
    private var cells: [UInt32] = []
    /// Per cell, an index into `styles`.
    private var cellStyles: [UInt16] = []
    /// The distinct styles used on the line.
    private var styles: [TextStyle] = [.plain]
    private var lastStyle = TextStyle.plain
    private var lastIndex: UInt16 = 0

    var count: Int { cells.count }

    /// Writes at `column`, padding with plain spaces when the cursor is past the end.
    mutating func write(_ scalar: UInt32, at column: Int, style: TextStyle) {
        let index = index(of: style)
        if column < cells.count {
            cells[column] = scalar
            cellStyles[column] = index
            return
        }
        while cells.count < column {
            cells.append(0x20)
            cellStyles.append(0)
        }
        cells.append(scalar)
        cellStyles.append(index)
    }

    /// Appends printable ASCII.
    mutating func append(_ run: UnsafeBufferPointer<UInt8>, style: TextStyle) {
        let index = index(of: style)
        let old = cells.count
        cells.append(contentsOf: repeatElement(0, count: run.count))
        cells.withUnsafeMutableBufferPointer { target in
            for k in 0..<run.count { target[old + k] = UInt32(run[k]) }
        }
        cellStyles.append(contentsOf: repeatElement(index, count: run.count))
    }

    /// Erases from `column` to the end.
    mutating func truncate(at column: Int) {
        guard column < cells.count else { return }
        cells.removeSubrange(column...)
        cellStyles.removeSubrange(column...)
    }

    /// Blanks the cells up to and including `column`.
    mutating func blank(through column: Int) {
        for i in 0..<min(column + 1, cells.count) {
            cells[i] = 0x20
            cellStyles[i] = 0
        }
    }

    mutating func clear() {
        if !cells.isEmpty {
            cells.removeAll(keepingCapacity: true)
            cellStyles.removeAll(keepingCapacity: true)
        }
        if styles.count > 1 {
            styles.removeAll(keepingCapacity: true)
            styles.append(.plain)
        }
        lastStyle = .plain
        lastIndex = 0
    }

    /// The line's text and style changes.
    func finished() -> (text: String, changes: [StyleChange]) {
        let count = cells.count
        // Style changes first (a cheap pass over 16-bit indices), then the text in one string.
        var changes: [StyleChange] = []
        var length = 0
        cells.withUnsafeBufferPointer { cells in
            cellStyles.withUnsafeBufferPointer { indices in
                var current = UInt16.max
                for i in 0..<count {
                    if indices[i] != current {
                        current = indices[i]
                        changes.append(StyleChange(offset: length, style: styles[Int(current)]))
                    }
                    let value = cells[i]
                    length += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
                }
            }
        }
        let text = cells.withUnsafeBufferPointer { cells in
            String(unsafeUninitializedCapacity: length) { buffer in Self.encode(cells, into: buffer) }
        }
        return (text, changes)
    }

    /// The index of `style` in `styles`, adding it when new.
    private mutating func index(of style: TextStyle) -> UInt16 {
        if style == lastStyle { return lastIndex }
        let index: UInt16
        if let found = styles.firstIndex(of: style) {
            index = UInt16(found)
        } else if styles.count < Int(UInt16.max) {
            styles.append(style)
            index = UInt16(styles.count - 1)
        } else {
            index = 0
        }
        lastStyle = style
        lastIndex = index
        return index
    }

    /// UTF-8 encodes scalar values; returns the bytes written.
    private static func encode(_ cells: UnsafeBufferPointer<UInt32>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0
        for value in cells {
            if value < 0x80 {
                buffer[n] = UInt8(truncatingIfNeeded: value)
                n += 1
            } else {
                for byte in UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}")! {
                    buffer[n] = byte
                    n += 1
                }
            }
        }
        return n
    }
}
