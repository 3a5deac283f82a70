/// Turns a program's raw terminal output into finished, styled log lines.
///
/// It emulates one terminal line: `\r` moves the cursor to column 0 and later text
/// overwrites (so progress-bar redraws collapse into one line), `ESC[K` erases to the
/// end, SGR escapes set styles, other escapes are dropped. Invalid UTF-8 becomes U+FFFD
/// and control bytes are shown as control pictures, so no input can break the screen.
///
/// Speed matters (a build log can be hundreds of MB): cells are scalar values with a small
/// style index, and runs of printable ASCII appended at the end of the line skip the state machine.
public struct LineAssembler: Sendable {
    /// Longest line kept; the rest of a longer line is counted and summarised.
    public let maxColumns: Int

    /// The line's cells: Unicode scalar values, and an index into `lineStyles` for each.
    private var cells: [UInt32] = []
    private var cellStyles: [UInt16] = []
    /// The distinct styles used on the current line.
    private var lineStyles: [TextStyle] = [.plain]
    private var cursor = 0
    private var dropped = 0
    private var style = TextStyle.plain
    /// `style`'s index in `lineStyles`, once a cell used it.
    private var styleIndex: UInt16? = 0
    private var state = State.ground
    private var sequence: [UInt8] = []
    /// The parameters of the last CSI sequence (reused: no allocation per escape).
    private var parameters: [Int] = []
    private var utf8Pending: UInt32 = 0
    private var utf8Needed = 0

    private enum State: Sendable {
        case ground, escape, csi, osc, oscEscape, ignoreOne
    }

    public init(maxColumns: Int = 8192) {
        self.maxColumns = max(16, maxColumns)
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
            if state == .ground && utf8Needed == 0 && byte >= 0x20 && byte < 0x7F && cursor == cells.count {
                var end = i + 1
                while end < count, buffer[end] >= 0x20, buffer[end] < 0x7F { end += 1 }
                let room = max(0, maxColumns - cursor)
                let taken = min(room, end - i)
                if taken > 0 {
                    let index = currentStyleIndex()
                    let old = cells.count
                    cells.append(contentsOf: repeatElement(0, count: taken))
                    cells.withUnsafeMutableBufferPointer { target in
                        for k in 0..<taken { target[old + k] = UInt32(buffer[i + k]) }
                    }
                    cellStyles.append(contentsOf: repeatElement(index, count: taken))
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
        cells.isEmpty ? nil : makeLine()
    }

    /// Ends the stream: returns the unfinished last line, if any, and resets.
    public mutating func finish() -> LogLine? {
        if utf8Needed > 0 {
            utf8Needed = 0
            write(0xFFFD)
        }
        state = .ground
        guard !cells.isEmpty else { return nil }
        let line = makeLine()
        clearLine()
        return line
    }

    private mutating func ground(_ byte: UInt8, _ finished: inout [LogLine]) {
        switch byte {
        case 0x0A:
            finished.append(makeLine())
            clearLine()
        case 0x0D:
            cursor = 0
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
            SGR.apply(parameters, to: &style)
            if style != before { styleIndex = nil }
        case 0x4B:  // K
            let mode = parameters.first ?? 0
            if mode == 0 {
                truncate(at: cursor)
            } else if mode == 1 {
                for i in 0..<min(cursor + 1, cells.count) {
                    cells[i] = 0x20
                    cellStyles[i] = 0
                }
            } else {
                clearLine(keepCursor: true)
            }
        case 0x47:  // G: cursor to column
            cursor = min(maxColumns, max(0, (parameters.first ?? 1) - 1))
        case 0x43:  // C: forward
            cursor = min(maxColumns, cursor + max(1, parameters.first ?? 1))
        case 0x44:  // D: back
            cursor = max(0, cursor - max(1, parameters.first ?? 1))
        default:
            break
        }
    }

    private mutating func parseParameters(_ bytes: UnsafeBufferPointer<UInt8>) {
        parameters.removeAll(keepingCapacity: true)
        guard !bytes.isEmpty else { return }
        var current = 0
        var hasDigits = false
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                current = min(current * 10 + Int(byte - 0x30), 1_000_000)
                hasDigits = true
            } else if byte == 0x3B || byte == 0x3A {
                parameters.append(hasDigits ? current : 0)
                current = 0
                hasDigits = false
            }
        }
        parameters.append(hasDigits ? current : 0)
    }

    /// The index of the current style on this line, adding it when first used.
    private mutating func currentStyleIndex() -> UInt16 {
        if let styleIndex { return styleIndex }
        let index: UInt16
        if let found = lineStyles.firstIndex(of: style) {
            index = UInt16(found)
        } else if lineStyles.count < Int(UInt16.max) {
            index = UInt16(lineStyles.count)
            lineStyles.append(style)
        } else {
            index = 0
        }
        styleIndex = index
        return index
    }

    private mutating func write(_ scalar: UInt32) {
        if cursor >= maxColumns {
            dropped += 1
            return
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

    private mutating func truncate(at column: Int) {
        if column < cells.count {
            cells.removeSubrange(column...)
            cellStyles.removeSubrange(column...)
        }
        if column < maxColumns { dropped = 0 }
    }

    private mutating func clearLine(keepCursor: Bool = false) {
        cells.removeAll(keepingCapacity: true)
        cellStyles.removeAll(keepingCapacity: true)
        lineStyles.removeAll(keepingCapacity: true)
        lineStyles.append(.plain)
        styleIndex = style == .plain ? 0 : nil
        dropped = 0
        if !keepCursor { cursor = 0 }
    }

    private func makeLine() -> LogLine {
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
        var text = cells.withUnsafeBufferPointer { cells in
            String(unsafeUninitializedCapacity: length) { buffer in
                Self.encode(cells, into: buffer)
            }
        }
        if dropped > 0 {
            changes.append(StyleChange(offset: text.utf8.count, style: TextStyle(dim: true)))
            text += " … [\(dropped) more characters]"
        }
        return LogLine(text: text, styles: changes)
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
