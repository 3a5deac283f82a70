/// Turns a program's raw terminal output into finished, styled log lines.
///
/// It emulates one terminal line: `\r` moves the cursor to column 0 and later text
/// overwrites (so progress-bar redraws collapse into one line), `ESC[K` erases to the
/// end, SGR escapes set styles, other escapes are dropped. Invalid UTF-8 becomes U+FFFD
/// and control bytes are shown as control pictures, so no input can break the screen.
///
/// Speed matters (a build log can be hundreds of MB): almost every line is only appended to and is kept
/// as an `AppendedLine` (its UTF-8 bytes and style offsets; runs of printable ASCII are copied whole).
/// Other edits in the middle of a line (cursor movement, an erase of its start) switch the line to a
/// `CellLine` grid until it ends.
public struct LineAssembler: Sendable {
    /// Longest line kept; the rest of a longer line is counted and summarised.
    public let maxColumns: Int
    private let cellsOnly: Bool
    private var appended = AppendedLine()
    private var grid = CellLine()
    private var inCells = false

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
        /// A device control string (DCS), or an SOS, PM or APC string: consumed up to the string terminator.
        case string, stringEscape
    }

    /// A control string longer than this is taken as unterminated: what follows shows as text again.
    private static let maxControlString = 1 << 20
    private var controlStringLength = 0

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
    private var lineColumns: Int { inCells ? grid.count : appended.visibleColumns }

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
            if state == .ground && utf8Needed == 0 && byte >= 0x20 && byte < 0x7F
                && cursor == (inCells ? grid.count : appended.columns)
            {
                let end = Self.printableEnd(buffer, from: i + 1)
                let taken = min(max(0, maxColumns - cursor), end - i)
                if taken > 0 {
                    let run = UnsafeBufferPointer(rebasing: buffer[i..<(i + taken)])
                    if inCells { grid.append(run, style: style) } else { appended.append(run, style: style) }
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
                        let scalar = Unicode.Scalar(utf8Pending).map { $0.value } ?? 0xFFFD
                        if scalar >= 0x80 && scalar <= 0x9F { control(scalar) } else { write(scalar) }
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
            case .osc, .string:
                if byte == 0x9C || (byte == 0x07 && state == .osc) {
                    state = .ground
                } else if byte == 0x1B {
                    state = state == .osc ? .oscEscape : .stringEscape
                } else {
                    controlStringLength += 1
                    if controlStringLength > Self.maxControlString { state = .ground }
                }
            case .oscEscape:
                state = byte == 0x5C ? .ground : .osc
            case .stringEscape:
                state = byte == 0x5C ? .ground : .string
            case .ignoreOne:
                state = .ground
            }
        }
        return finished
    }

    /// The unfinished last line (e.g. a progress bar), if it has any text.
    public var pending: LogLine? {
        guard lineColumns > 0 else { return nil }
        guard appended.hasShadow else { return makeLine() }
        var settled = self
        settled.appended.settle()
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
        appended.settle()
        let line = makeLine()
        clearLine()
        return line
    }

    private mutating func ground(_ byte: UInt8, _ finished: inout [LogLine]) {
        switch byte {
        case 0x0A:
            appended.settle()
            finished.append(makeLine())
            clearLine()
        case 0x0D:
            cursor = 0
            if !inCells && appended.visibleColumns > 0 { appended.carriageReturn() }
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
        controlStringLength = 0
        switch byte {
        case 0x5B: state = .csi
        case 0x5D: state = .osc
        case 0x50, 0x58, 0x5E, 0x5F: state = .string  // DCS, SOS, PM, APC
        case 0x28, 0x29, 0x2A, 0x2B, 0x23, 0x25: state = .ignoreOne
        default: state = .ground
        }
    }

    /// A C1 control sent as UTF-8 (U+0080–U+009F): the 8-bit forms of CSI, OSC and the control strings act as
    /// their `ESC` forms do; the others are dropped. Shown as text, a terminal would obey them.
    private mutating func control(_ scalar: UInt32) {
        switch scalar {
        case 0x9B: escape(0x5B)
        case 0x9D: escape(0x5D)
        case 0x90, 0x98, 0x9E, 0x9F: escape(UInt8(scalar - 0x40))
        default: break
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
            SGR.apply(parameters[..<parameterCount], to: &style)
        case 0x4B:  // K
            let mode = firstParameter ?? 0
            if mode == 0 {
                truncate(at: cursor)
            } else if mode == 1 {
                enterCells()
                grid.blank(through: cursor)
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
            if appended.hasShadow && cursor > appended.columns { appended.settle() }
            if cursor >= appended.columns {
                appended.pad(to: cursor)
                appended.append(scalar: scalar, style: style)
                cursor += 1
                return
            }
            enterCells()
        }
        grid.write(scalar, at: cursor, style: style)
        cursor += 1
    }

    /// Something overwrites the middle of the line: from here on the line is a grid of cells.
    private mutating func enterCells() {
        guard !inCells else { return }
        inCells = true
        appended.settle()
        appended.forEachScalar { scalar, style in grid.write(scalar, at: grid.count, style: style) }
        appended.clear()
    }

    private mutating func truncate(at column: Int) {
        if column == 0 {
            clearLine(keepCursor: true)
            return
        }
        if !inCells && appended.hasShadow {
            if column == appended.columns { appended.dropShadow() } else { appended.settle() }
        }
        if column < lineColumns {
            enterCells()
            grid.truncate(at: column)
        }
        if column < maxColumns { dropped = 0 }
    }

    private mutating func clearLine(keepCursor: Bool = false) {
        appended.clear()
        grid.clear()
        inCells = cellsOnly
        dropped = 0
        if !keepCursor { cursor = 0 }
    }

    /// The current line, settled (no shadow left).
    private func makeLine() -> LogLine {
        var (text, changes) = inCells ? grid.finished() : appended.finished()
        if dropped > 0 {
            if changes.isEmpty && !text.isEmpty { changes.append(StyleChange(offset: 0, style: .plain)) }
            changes.append(StyleChange(offset: text.utf8.count, style: TextStyle(dim: true)))
            text += " … [\(dropped) more characters]"
        }
        return LogLine(text: text, styles: changes)
    }
}
