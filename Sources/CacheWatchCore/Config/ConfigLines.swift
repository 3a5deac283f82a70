/// The line of each key of a TOML text (the parser gives values, not where they are): a pure scan that follows
/// `[table]` headers, bare, quoted and dotted keys, and skips multi-line strings and arrays.
public enum ConfigLines {
    /// Key path → 1-based line; a table header's path maps to its own line.
    public static func locate(_ text: String) -> [[String]: Int] {
        var lines: [[String]: Int] = [:]
        var table: [String] = []
        var inString: String?  // the closing delimiter of a multi-line string
        var depth = 0  // open brackets of a multi-line array
        // By scalar: a Character holds `\r\n` whole, and a file with Windows line ends would be one line.
        for (index, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(raw)
            if let close = inString {
                guard let range = line.range(of: close) else { continue }
                line = line[range.upperBound...]
                inString = nil
                depth += brackets(in: line, inString: &inString)
                continue
            }
            if depth > 0 {
                depth = max(0, depth + brackets(in: line, inString: &inString))
                continue
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                let isArray = trimmed.hasPrefix("[[")
                let body = trimmed.dropFirst(isArray ? 2 : 1)
                guard let end = body.firstIndex(of: "]") else { continue }
                table = keyPath(body[..<end]) ?? []
                if lines[table] == nil { lines[table] = number }
                continue
            }
            guard let equals = keyEnd(trimmed), let key = keyPath(trimmed[..<equals]) else { continue }
            let path = table + key
            if lines[path] == nil { lines[path] = number }
            for i in 1..<key.count where lines[table + key[..<i]] == nil { lines[table + key[..<i]] = number }
            depth = max(0, brackets(in: trimmed[trimmed.index(after: equals)...], inString: &inString))
        }
        return lines
    }

    /// Where a key's `=` is (outside quotes); nil on a line with no key.
    private static func keyEnd(_ line: Substring) -> Substring.Index? {
        var quote: Character?
        for index in line.indices {
            let c = line[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return index
            } else if c == "#" {
                return nil
            }
        }
        return nil
    }

    /// `a."b c".d` → ["a", "b c", "d"].
    private static func keyPath(_ text: Substring) -> [String]? {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current)
                current = ""
            } else if c != " " && c != "\t" {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.contains(where: \.isEmpty) ? nil : parts
    }

    /// The change in open brackets a value's text makes (strings and comments skipped); opens a multi-line string.
    private static func brackets(in text: Substring, inString: inout String?) -> Int {
        var count = 0
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            if let delimiter = ["\"\"\"", "'''"].first(where: { rest.hasPrefix($0) }) {
                guard let close = rest.dropFirst(3).range(of: delimiter) else {
                    inString = delimiter
                    return count
                }
                index = close.upperBound
                continue
            }
            let c = text[index]
            if c == "#" { break }
            if c == "\"" || c == "'" {
                var next = text.index(after: index)
                while next < text.endIndex, text[next] != c {
                    if c == "\"", text[next] == "\\" { next = text.index(after: next) }
                    if next < text.endIndex { next = text.index(after: next) }
                }
                index = next < text.endIndex ? text.index(after: next) : next
                continue
            }
            if c == "[" { count += 1 }
            if c == "]" { count -= 1 }
            index = text.index(after: index)
        }
        return count
    }
}
