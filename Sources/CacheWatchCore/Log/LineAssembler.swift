/// Turns a program's raw terminal output into finished, styled log lines.
///
/// It emulates one terminal line: `\r` moves the cursor to column 0 and later text
/// overwrites (so progress-bar redraws collapse into one line), `ESC[K` erases to the
/// end, SGR escapes set styles, other escapes are dropped. Invalid UTF-8 becomes U+FFFD
/// and control bytes are shown as control pictures, so no input can break the screen.
///
/// Speed matters (a build log can be hundreds of MB). Almost every line is only appended to, so the
/// line is kept as the UTF-8 bytes of its text plus the offsets where styles change, and runs of
/// printable ASCII are copied in whole. Cargo redraws its progress bar with a bare `\r` and the new
/// bar: after a `\r` the old text becomes a shadow that the new text covers from column 0, and the
/// two are joined only if something still shows of the old one. Only other edits in the middle of a
/// line (cursor movement, an erase of the start) switch the line to a grid of cells.
public struct LineAssembler: Sendable {
    /// Longest line kept; the rest of a longer line is counted and summarised.
    public let maxColumns: Int
    private let cellsOnly: Bool

    // The line while it is only appended to.
    private var text: [UInt8] = []
    private var changes: [StyleChange] = []
    private var columns = 0
    /// The style of the text's last byte.
    private var markedStyle = TextStyle.plain
    /// The line as it was at the last `\r`, under the text written since.
    private var hasShadow = false
    private var shadowText: [UInt8] = []
    private var shadowChanges: [StyleChange] = []
    private var shadowColumns = 0

    // The line once something overwrote part of it: scalar values and an index into `lineStyles` each.
    private var inCells = false
    private var cells: [UInt32] = []
    private var cellStyles: [UInt16] = []
    private var lineStyles: [TextStyle] = [.plain]
    /// `style`'s index in `lineStyles`, once a cell used it.
    private var styleIndex: UInt16? = 0

    private var cursor = 0
    private var dropped = 0
    private var style = TextStyle.plain
    private var state = State.ground
    private var sequence: [UInt8] = []
    /// The parameters of the last CSI sequence: the first `parameterCount` (no allocation per escape).
    private var parameters = [Int](repeating: 0, count: 32)
    private var parameterCount = 0
    private var utf8Pending: UInt32 = 0
    private var utf8Needed = 0

    private enum State: Sendable {
        case ground, escape, csi, osc, oscEscape, ignoreOne
    }

    public init(maxColumns: Int = 8192) {
        self.init(maxColumns: maxColumns, cellsOnly: false)
    }

    /// `cellsOnly` keeps every line as cells (the slow path), for tests that compare the two.
    init(maxColumns: Int, cellsOnly: Bool) {
        self.maxColumns = max(16, maxColumns)
        self.cellsOnly = cellsOnly
        inCells = cellsOnly
    }

    /// Columns the current line holds.
    private var lineColumns: Int {
        inCells ? cells.count : hasShadow ? max(columns, shadowColumns) : columns
    }

    /// Feeds bytes; returns the lines that a newline finished.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [LogLine] where Bytes.Element == UInt8 {
        let array = bytes as? [UInt8] ?? Array(bytes)
        return array.withUnsafeBufferPointer { feed(buffer: $0) }
    }

    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>) -> [LogLine] {
        var finished: [LogLine] = []
        var i = 0
        let count = buffer.count
        while i < count {
            let byte = buffer[i]
            // Fast path: printable ASCII appended at the end of the line.
            if state == .ground && utf8Needed == 0 && byte >= 0x20 && byte < 0x7F && cursor == (inCells ? cells.count : columns) {
                let end = Self.printableEnd(buffer, from: i + 1)
                let taken = min(max(0, maxColumns - cursor), end - i)
                if taken > 0 {
                    let run = UnsafeBufferPointer(rebasing: buffer[i..<(i + taken)])
                    if inCells { appendCells(run) } else { appendText(run) }
                    cursor += taken
                }
                dropped += (end - i) - taken
                i = end
                continue
            }
            // Fast path: a whole CSI sequence (colours, erase) inside this buffer.
            if byte == 0x1B && state == .ground && utf8Needed == 0 && i + 2 < count && buffer[i + 1] == 0x5B {
                var end = i + 2
                while end < count && end - i < 66 && buffer[end] >= 0x20 && buffer[end] < 0x40 { end += 1 }
                if end < count && buffer[end] >= 0x40 && buffer[end] <= 0x7E {
                    let body = UnsafeBufferPointer(rebasing: buffer[(i + 2)..<end])
                    if body.first.map({ $0 < 0x3C || $0 > 0x3F }) ?? true {
                        parseParameters(body)
                        perform(final: buffer[end])
                    }
                    i = end + 1
                    continue
                }
            }
            i += 1
            if utf8Needed > 0 {
                if byte & 0xC0 == 0x80 {
                    utf8Pending = utf8Pending << 6 | UInt32(byte & 0x3F)
                    utf8Needed -= 1
                    if utf8Needed == 0 {
                        write(Unicode.Scalar(utf8Pending).map { $0.value } ?? 0xFFFD)
                    }
                    continue
                }
                utf8Needed = 0
                write(0xFFFD)
            }
            switch state {
            case .ground:
                ground(byte, &finished)
            case .escape:
                escape(byte)
            case .csi:
                csi(byte)
            case .osc:
                if byte == 0x07 {
                    state = .ground
                } else if byte == 0x1B {
                    state = .oscEscape
                } else if sequence.count < 4096 {
                    sequence.append(byte)
                } else {
                    state = .ground
                }
            case .oscEscape:
                state = byte == 0x5C ? .ground : .osc
            case .ignoreOne:
                state = .ground
            }
        }
        return finished
    }

    /// The unfinished last line (e.g. a progress bar), if it has any text.
    public var pending: LogLine? {
        guard lineColumns > 0 else { return nil }
        guard hasShadow else { return makeLine() }
        var settled = self
        settled.settle()
        return settled.makeLine()
    }

    /// Ends the stream: returns the unfinished last line, if any, and resets.
    public mutating func finish() -> LogLine? {
        if utf8Needed > 0 {
            utf8Needed = 0
            write(0xFFFD)
        }
        state = .ground
        guard lineColumns > 0 else { return nil }
        settle()
        let line = makeLine()
        clearLine()
        return line
    }

    private mutating func ground(_ byte: UInt8, _ finished: inout [LogLine]) {
        switch byte {
        case 0x0A:
            settle()
            finished.append(makeLine())
            clearLine()
        case 0x0D:
            carriageReturn()
        case 0x1B:
            state = .escape
        case 0x08:
            cursor = max(0, cursor - 1)
        case 0x09:
            let target = min(maxColumns, (cursor / 8 + 1) * 8)
            while cursor < target { write(0x20) }
        case 0x00..<0x20:
            write(0x2400 + UInt32(byte))  // control pictures: ␀ ␁ …
        case 0x7F:
            write(0x2421)
        case 0x20..<0x7F:
            write(UInt32(byte))
        case 0xC2...0xDF:
            utf8Pending = UInt32(byte & 0x1F)
            utf8Needed = 1
        case 0xE0...0xEF:
            utf8Pending = UInt32(byte & 0x0F)
            utf8Needed = 2
        case 0xF0...0xF4:
            utf8Pending = UInt32(byte & 0x07)
            utf8Needed = 3
        default:
            write(0xFFFD)
        }
    }

    private mutating func escape(_ byte: UInt8) {
        sequence.removeAll(keepingCapacity: true)
        switch byte {
        case 0x5B: state = .csi
        case 0x5D: state = .osc
        case 0x28, 0x29, 0x2A, 0x2B, 0x23, 0x25: state = .ignoreOne
        default: state = .ground
        }
    }

    private mutating func csi(_ byte: UInt8) {
        if byte >= 0x40 && byte <= 0x7E {
            state = .ground
            let isPrivate = sequence.first.map { $0 >= 0x3C && $0 <= 0x3F } ?? false
            guard !isPrivate else { return }
            sequence.withUnsafeBufferPointer { parseParameters($0) }
            perform(final: byte)
        } else if byte >= 0x20 && byte < 0x40 && sequence.count < 64 {
            sequence.append(byte)
        } else {
            state = .ground
        }
    }

    /// Carries out a CSI sequence whose parameters are in `parameters`.
    private mutating func perform(final: UInt8) {
        switch final {
        case 0x6D:  // m
            let before = style
            SGR.apply(parameters[..<parameterCount], to: &style)
            if style != before { styleIndex = nil }
        case 0x4B:  // K
            let mode = firstParameter ?? 0
            if mode == 0 {
                truncate(at: cursor)
            } else if mode == 1 {
                enterCells()
                for i in 0..<min(cursor + 1, cells.count) {
                    cells[i] = 0x20
                    cellStyles[i] = 0
                }
            } else {
                clearLine(keepCursor: true)
            }
        case 0x47:  // G: cursor to column
            cursor = min(maxColumns, max(0, (firstParameter ?? 1) - 1))
        case 0x43:  // C: forward
            cursor = min(maxColumns, cursor + max(1, firstParameter ?? 1))
        case 0x44:  // D: back
            cursor = max(0, cursor - max(1, firstParameter ?? 1))
        default:
            break
        }
    }

    private mutating func parseParameters(_ bytes: UnsafeBufferPointer<UInt8>) {
        parameterCount = 0
        guard !bytes.isEmpty else { return }
        var current = 0
        var hasDigits = false
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                current = min(current * 10 + Int(byte - 0x30), 1_000_000)
                hasDigits = true
            } else if byte == 0x3B || byte == 0x3A {
                addParameter(hasDigits ? current : 0)
                current = 0
                hasDigits = false
            }
        }
        addParameter(hasDigits ? current : 0)
    }

    private var firstParameter: Int? { parameterCount > 0 ? parameters[0] : nil }

    private mutating func addParameter(_ value: Int) {
        guard parameterCount < parameters.count else { return }
        parameters[parameterCount] = value
        parameterCount += 1
    }

    /// The index of the current style on this line, adding it when first used.
    private mutating func currentStyleIndex() -> UInt16 {
        if let styleIndex { return styleIndex }
        let index = styleIndex(of: style)
        styleIndex = index
        return index
    }

    /// The index of `style` in `lineStyles`, adding it when new.
    private mutating func styleIndex(of style: TextStyle) -> UInt16 {
        if let found = lineStyles.firstIndex(of: style) { return UInt16(found) }
        guard lineStyles.count < Int(UInt16.max) else { return 0 }
        lineStyles.append(style)
        return UInt16(lineStyles.count - 1)
    }

    /// The end of the run of printable ASCII that starts before `start`: eight bytes at a time.
    private static func printableEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while end + 8 <= count {
                let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
                // Any byte below 0x20 borrows into its high bit; 0x7F + 1 reaches it; bytes from 0x80 have it.
                let below = (word &- ones &* 0x20) & ~word & highs
                let above = ((word &+ ones) | word) & highs
                if below | above != 0 { break }
                end += 8
            }
        }
        while end < count, buffer[end] >= 0x20, buffer[end] < 0x7F { end += 1 }
        return end
    }

    private mutating func write(_ scalar: UInt32) {
        if cursor >= maxColumns {
            dropped += 1
            return
        }
        if !inCells {
            if hasShadow && cursor > columns { settle() }
            if cursor > columns {
                mark(.plain)
                text.append(contentsOf: repeatElement(0x20, count: cursor - columns))
                columns = cursor
            }
            if cursor == columns {
                mark(style)
                if scalar < 0x80 {
                    text.append(UInt8(truncatingIfNeeded: scalar))
                } else {
                    text.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
                }
                columns += 1
                cursor += 1
                return
            }
            enterCells()
        }
        let index = currentStyleIndex()
        if cursor < cells.count {
            cells[cursor] = scalar
            cellStyles[cursor] = index
        } else {
            while cells.count < cursor {
                cells.append(0x20)
                cellStyles.append(0)
            }
            cells.append(scalar)
            cellStyles.append(index)
        }
        cursor += 1
    }

    /// Appends printable ASCII to the text of a line that is only appended to.
    private mutating func appendText(_ run: UnsafeBufferPointer<UInt8>) {
        mark(style)
        text.append(contentsOf: run)
        columns += run.count
    }

    /// Appends printable ASCII to a line kept as cells.
    private mutating func appendCells(_ run: UnsafeBufferPointer<UInt8>) {
        let index = currentStyleIndex()
        let old = cells.count
        cells.append(contentsOf: repeatElement(0, count: run.count))
        cells.withUnsafeMutableBufferPointer { target in
            for k in 0..<run.count { target[old + k] = UInt32(run[k]) }
        }
        cellStyles.append(contentsOf: repeatElement(index, count: run.count))
    }

    /// Notes that text in `newStyle` follows.
    private mutating func mark(_ newStyle: TextStyle) {
        guard newStyle != markedStyle else { return }
        if changes.isEmpty {
            changes.reserveCapacity(4)  // one allocation for a typical coloured line
            if !text.isEmpty { changes.append(StyleChange(offset: 0, style: .plain)) }
        }
        changes.append(StyleChange(offset: text.count, style: newStyle))
        markedStyle = newStyle
    }

    /// Back to column 0: what is written next covers the line as it is now.
    private mutating func carriageReturn() {
        cursor = 0
        guard !inCells && lineColumns > 0 else { return }
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
    private mutating func settle() {
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

    private mutating func dropShadow() {
        guard hasShadow else { return }
        hasShadow = false
        shadowText.removeAll(keepingCapacity: true)
        shadowChanges = []
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

    /// Something overwrites the middle of the line: from here on the line is a grid of cells.
    private mutating func enterCells() {
        guard !inCells else { return }
        settle()
        inCells = true
        var change = 0
        var offset = 0
        var index: UInt16 = 0
        for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
            while change < changes.count && changes[change].offset <= offset {
                index = styleIndex(of: changes[change].style)
                change += 1
            }
            cells.append(scalar.value)
            cellStyles.append(index)
            offset += UTF8.width(scalar)
        }
        styleIndex = nil
        text.removeAll(keepingCapacity: true)
        changes.removeAll(keepingCapacity: true)
        markedStyle = .plain
        columns = 0
    }

    private mutating func truncate(at column: Int) {
        if column == 0 {
            clearLine(keepCursor: true)
            return
        }
        if hasShadow && !inCells {
            if column == columns { dropShadow() } else { settle() }
        }
        if column < lineColumns {
            enterCells()
            cells.removeSubrange(column...)
            cellStyles.removeSubrange(column...)
        }
        if column < maxColumns { dropped = 0 }
    }

    private mutating func clearLine(keepCursor: Bool = false) {
        text.removeAll(keepingCapacity: true)
        changes = []  // the finished line keeps the old array, sized as it grew
        markedStyle = .plain
        columns = 0
        dropShadow()
        if !cells.isEmpty {
            cells.removeAll(keepingCapacity: true)
            cellStyles.removeAll(keepingCapacity: true)
        }
        if lineStyles.count > 1 {
            lineStyles.removeAll(keepingCapacity: true)
            lineStyles.append(.plain)
        }
        inCells = cellsOnly
        styleIndex = style == .plain ? 0 : nil
        dropped = 0
        if !keepCursor { cursor = 0 }
    }

    private func makeLine() -> LogLine {
        var text: String
        var changes: [StyleChange]
        if inCells {
            (text, changes) = cellsText()
        } else {
            text = String(decoding: self.text, as: UTF8.self)
            changes = self.changes
        }
        if dropped > 0 {
            if changes.isEmpty && !text.isEmpty { changes.append(StyleChange(offset: 0, style: .plain)) }
            changes.append(StyleChange(offset: text.utf8.count, style: TextStyle(dim: true)))
            text += " … [\(dropped) more characters]"
        }
        return LogLine(text: text, styles: changes)
    }

    /// The text and style changes of a line kept as cells.
    private func cellsText() -> (String, [StyleChange]) {
        let count = cells.count
        // Style changes first (a cheap pass over 16-bit indices), then the text in one string.
        var changes: [StyleChange] = []
        var length = 0
        cells.withUnsafeBufferPointer { cells in
            cellStyles.withUnsafeBufferPointer { styles in
                var current = UInt16.max
                for index in 0..<count {
                    if styles[index] != current {
                        current = styles[index]
                        changes.append(StyleChange(offset: length, style: lineStyles[Int(current)]))
                    }
                    let value = cells[index]
                    length += value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
                }
            }
        }
        let text = cells.withUnsafeBufferPointer { cells in
            String(unsafeUninitializedCapacity: length) { buffer in
                Self.encode(cells, into: buffer)
            }
        }
        return (text, changes)
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
