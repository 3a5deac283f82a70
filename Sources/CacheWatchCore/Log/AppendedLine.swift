/// A line that is only appended to: the UTF-8 bytes of its text and the offsets where styles change.
///
/// Cargo redraws its progress bar with a bare `\r` and the new bar, so after a `\r` the old text becomes a
/// shadow that new text covers from column 0; `settle()` joins the two when something of the old one
/// still shows. Columns are Unicode scalars.
struct AppendedLine: Sendable {
    private var text: [UInt8] = []
    private var changes: [StyleChange] = []
    /// Columns written since the last `\r`.
    private(set) var columns = 0
    /// The style of the text's last byte.
    private var markedStyle = TextStyle.plain

    private(set) var hasShadow = false
    private var shadowText: [UInt8] = []
    private var shadowChanges: [StyleChange] = []
    private var shadowColumns = 0

    /// Columns the line shows, the shadow included.
    var visibleColumns: Int { hasShadow ? max(columns, shadowColumns) : columns }

    /// Appends printable ASCII.
    mutating func append(_ run: UnsafeBufferPointer<UInt8>, style: TextStyle) {
        mark(style)
        text.append(contentsOf: run)
        columns += run.count
    }

    mutating func append(scalar: UInt32, style: TextStyle) {
        mark(style)
        if scalar < 0x80 {
            text.append(UInt8(truncatingIfNeeded: scalar))
        } else {
            text.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
        }
        columns += 1
    }

    /// Spaces in the plain style up to `column` (the cursor moved past the end).
    mutating func pad(to column: Int) {
        guard column > columns else { return }
        mark(.plain)
        text.append(contentsOf: repeatElement(0x20, count: column - columns))
        columns = column
    }

    /// Back to column 0: what is written next covers the line as it is now.
    mutating func carriageReturn() {
        settle()
        swap(&text, &shadowText)
        text.removeAll(keepingCapacity: true)
        shadowChanges = changes
        changes = []
        markedStyle = .plain
        shadowColumns = columns
        columns = 0
        hasShadow = true
    }

    /// Joins the text written since the last `\r` and what still shows of the line under it.
    mutating func settle() {
        guard hasShadow else { return }
        defer { dropShadow() }
        guard shadowColumns > columns else { return }
        var position = Self.byteOffset(ofColumn: columns, in: shadowText, columns: shadowColumns)
        var next = 0
        var segmentStyle = TextStyle.plain
        while next < shadowChanges.count && shadowChanges[next].offset <= position {
            segmentStyle = shadowChanges[next].style
            next += 1
        }
        while position < shadowText.count {
            let end = next < shadowChanges.count ? shadowChanges[next].offset : shadowText.count
            if end > position {
                mark(segmentStyle)
                text.append(contentsOf: shadowText[position..<end])
                position = end
            }
            if next < shadowChanges.count {
                segmentStyle = shadowChanges[next].style
                next += 1
            }
        }
        columns = shadowColumns
    }

    /// Forgets the line under the text written since the last `\r` (it was erased).
    mutating func dropShadow() {
        guard hasShadow else { return }
        hasShadow = false
        shadowText.removeAll(keepingCapacity: true)
        shadowChanges = []
    }

    mutating func clear() {
        text.removeAll(keepingCapacity: true)
        changes = []  // a finished line keeps the old array, sized as it grew
        markedStyle = .plain
        columns = 0
        dropShadow()
    }

    /// Each scalar value of the (settled) line with its style, in order.
    func forEachScalar(_ body: (UInt32, TextStyle) -> Void) {
        var change = 0
        var offset = 0
        var style = TextStyle.plain
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            while change < changes.count && changes[change].offset <= offset {
                style = changes[change].style
                change += 1
            }
            body(scalar.value, style)
            offset += UTF8.width(scalar)
        }
    }

    /// The (settled) line's text and style changes.
    func finished() -> (text: String, changes: [StyleChange]) {
        (String(decoding: text, as: UTF8.self), changes)
    }

    /// Notes that text in `style` follows.
    private mutating func mark(_ style: TextStyle) {
        guard style != markedStyle else { return }
        if changes.isEmpty {
            changes.reserveCapacity(4)  // one allocation for a typical coloured line
            if !text.isEmpty { changes.append(StyleChange(offset: 0, style: .plain)) }
        }
        changes.append(StyleChange(offset: text.count, style: style))
        markedStyle = style
    }

    /// Where column `column` starts in UTF-8 `text` of `columns` scalars.
    private static func byteOffset(ofColumn column: Int, in text: [UInt8], columns: Int) -> Int {
        if text.count == columns { return column }  // ASCII
        var seen = 0
        for (offset, byte) in text.enumerated() where byte & 0xC0 != 0x80 {
            if seen == column { return offset }
            seen += 1
        }
        return text.count
    }
}
