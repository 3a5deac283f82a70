/// Turns a program's raw terminal output into finished, styled log lines.
///
/// It emulates one terminal line: `\r` moves the cursor to column 0 and later text
/// overwrites (so progress-bar redraws collapse into one line), `ESC[K` erases to the
/// end, SGR escapes set styles, other escapes are dropped. Invalid UTF-8 becomes U+FFFD
/// and control bytes are shown as control pictures, so no input can break the screen.
public struct LineAssembler: Sendable {
    /// Longest line kept; the rest of a longer line is counted and summarised.
    public let maxColumns: Int

    private var scalars: [Unicode.Scalar] = []
    private var styles: [TextStyle] = []
    private var cursor = 0
    private var dropped = 0
    private var style = TextStyle.plain
    private var state = State.ground
    private var sequence: [UInt8] = []
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
        var finished: [LogLine] = []
        for byte in bytes {
            if utf8Needed > 0 {
                if byte & 0xC0 == 0x80 {
                    utf8Pending = utf8Pending << 6 | UInt32(byte & 0x3F)
                    utf8Needed -= 1
                    if utf8Needed == 0 {
                        write(Unicode.Scalar(utf8Pending) ?? "\u{FFFD}")
                    }
                    continue
                }
                utf8Needed = 0
                write("\u{FFFD}")
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
        scalars.isEmpty ? nil : makeLine()
    }

    /// Ends the stream: returns the unfinished last line, if any, and resets.
    public mutating func finish() -> LogLine? {
        if utf8Needed > 0 {
            utf8Needed = 0
            write("\u{FFFD}")
        }
        state = .ground
        guard !scalars.isEmpty else { return nil }
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
            while cursor < target { write(" ") }
        case 0x00..<0x20, 0x7F:
            write(Unicode.Scalar(byte == 0x7F ? 0x2421 : 0x2400 + UInt32(byte)) ?? "?")
        case 0x20..<0x80:
            write(Unicode.Scalar(byte))
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
            write("\u{FFFD}")
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
            perform(final: byte)
        } else if byte >= 0x20 && byte < 0x40 && sequence.count < 64 {
            sequence.append(byte)
        } else {
            state = .ground
        }
    }

    private mutating func perform(final: UInt8) {
        let isPrivate = sequence.first.map { $0 >= 0x3C && $0 <= 0x3F } ?? false
        guard !isPrivate else { return }
        let parameters = parseParameters()
        switch final {
        case 0x6D:  // m
            SGR.apply(parameters, to: &style)
        case 0x4B:  // K
            let mode = parameters.first ?? 0
            if mode == 0 {
                truncate(at: cursor)
            } else if mode == 1 {
                for i in 0..<min(cursor + 1, scalars.count) {
                    scalars[i] = " "
                    styles[i] = .plain
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

    private func parseParameters() -> [Int] {
        guard !sequence.isEmpty else { return [] }
        var result: [Int] = []
        var current = 0
        var hasDigits = false
        for byte in sequence {
            if byte >= 0x30 && byte <= 0x39 {
                current = min(current * 10 + Int(byte - 0x30), 1_000_000)
                hasDigits = true
            } else if byte == 0x3B || byte == 0x3A {
                result.append(hasDigits ? current : 0)
                current = 0
                hasDigits = false
            }
        }
        result.append(hasDigits ? current : 0)
        return result
    }

    private mutating func write(_ scalar: Unicode.Scalar) {
        if cursor >= maxColumns {
            dropped += 1
            return
        }
        if cursor < scalars.count {
            scalars[cursor] = scalar
            styles[cursor] = style
        } else {
            while scalars.count < cursor {
                scalars.append(" ")
                styles.append(.plain)
            }
            scalars.append(scalar)
            styles.append(style)
        }
        cursor += 1
    }

    private mutating func truncate(at column: Int) {
        if column < scalars.count {
            scalars.removeSubrange(column...)
            styles.removeSubrange(column...)
        }
        if column < maxColumns { dropped = 0 }
    }

    private mutating func clearLine(keepCursor: Bool = false) {
        scalars.removeAll(keepingCapacity: true)
        styles.removeAll(keepingCapacity: true)
        dropped = 0
        if !keepCursor { cursor = 0 }
    }

    private func makeLine() -> LogLine {
        var runs: [StyledRun] = []
        var text = String.UnicodeScalarView()
        var runStyle = styles.first ?? .plain
        for (index, scalar) in scalars.enumerated() {
            if styles[index] != runStyle {
                runs.append(StyledRun(String(text), style: runStyle))
                text = String.UnicodeScalarView()
                runStyle = styles[index]
            }
            text.append(scalar)
        }
        if !text.isEmpty { runs.append(StyledRun(String(text), style: runStyle)) }
        if dropped > 0 {
            runs.append(StyledRun(" … [\(dropped) more characters]", style: TextStyle(dim: true)))
        }
        return LogLine(runs: runs)
    }
}
