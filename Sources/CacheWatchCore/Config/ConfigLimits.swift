/// What no valid config file needs, refused by a cheap scan before the TOML parser sees the text: the parser's memory
/// grows with the square of a dotted key's depth (10 KB of `a.a.a…` took 437 MB) and its recursion overflows the stack
/// on deep nesting or asserts on a non-ASCII key, and every command reads the project's file, which comes with its code.
public enum ConfigLimits {
    /// Bytes; cachewatch's longest valid file (`config --init`) is under 10 KB.
    public static let maximumSize = 256 << 10
    /// Dots outside strings and comments on one line: a key or table header `a.b.c` this deep (a valid one has 1).
    public static let maximumDots = 16
    /// Open `[` and `{` at once (a valid file nests 2 deep).
    public static let maximumNesting = 8
    /// `=` signs outside strings and comments: keys (a valid file has about 60).
    public static let maximumKeys = 5000

    /// Why `text` is refused, with its 1-based line; nil when it may be parsed.
    public static func problem(in text: String) -> (line: Int, message: String)? {
        let bytes = Array(text.utf8)
        if bytes.count > maximumSize {
            return (1, "is larger than \(maximumSize >> 10) KiB: not a config file")
        }
        var line = 1
        var dots = 0
        var open: [UInt8] = []  // the `[` and `{` not closed yet
        var lineStart = true  // nothing but blanks on this line so far
        var keys = 0
        var index = 0
        func at(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        while index < bytes.count {
            let byte = bytes[index]
            defer {
                if byte != UInt8(ascii: "\n") && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { lineStart = false }
            }
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                dots = 0
                lineStart = true
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "#"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let triple = at(1) == byte && at(2) == byte
                index += triple ? 3 : 1
                while index < bytes.count {
                    let c = bytes[index]
                    if c == UInt8(ascii: "\\") && byte == UInt8(ascii: "\"") {
                        index += 2
                        continue
                    }
                    if c == UInt8(ascii: "\n") {
                        if !triple { break }  // an unclosed one-line string: the parser says so
                        line += 1
                    }
                    if c == byte && (!triple || (at(1) == byte && at(2) == byte)) {
                        index += triple ? 3 : 1
                        break
                    }
                    index += 1
                }
            case UInt8(ascii: "."):
                dots += 1
                if dots > maximumDots {
                    return (line, "has a key deeper than \(maximumDots + 1) parts: not a config file (refused unparsed)")
                }
                index += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if byte == UInt8(ascii: "[") && lineStart && open.isEmpty {
                    // A table header's first key starts with a key character or a quote (the parser asserts otherwise).
                    var next = index + (at(1) == UInt8(ascii: "[") ? 2 : 1)
                    while next < bytes.count && (bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t")) {
                        next += 1
                    }
                    guard next < bytes.count, isKeyStart(bytes[next]) else {
                        return (line, "has a table header that does not start with a key: not valid TOML")
                    }
                }
                open.append(byte)
                if open.count > maximumNesting {
                    return (line, "nests arrays or tables more than \(maximumNesting) deep: not a config file (refused unparsed)")
                }
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if let last = open.last {
                    guard (last == UInt8(ascii: "[")) == (byte == UInt8(ascii: "]")) else {
                        return (
                            line,
                            "closes a \(last == UInt8(ascii: "[") ? "[" : "{") with \(byte == UInt8(ascii: "]") ? "]" : "}"): not valid TOML"
                        )
                    }
                    open.removeLast()
                }
                index += 1
            case UInt8(ascii: "="):
                keys += 1
                if keys > maximumKeys {
                    return (line, "has more than \(maximumKeys) keys: not a config file (refused unparsed)")
                }
                index += 1
            case 0x80...:
                // TOML's bare keys are ASCII: nothing else is valid outside a string or a comment (and the parser asserts
                // on a non-ASCII character where it expects a key).
                return (line, "has a non-ASCII character outside a string: not valid TOML (a bare key is A-Z, a-z, 0-9, _ and -)")
            default:
                index += 1
            }
        }
        return nil
    }

    /// A bare key's characters (A-Z, a-z, 0-9, _ and -) or a quote.
    private static func isKeyStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }
}
