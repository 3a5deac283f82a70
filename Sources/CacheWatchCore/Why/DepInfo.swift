/// A dep-info file of rustc (`target/<profile>/deps/<crate><extra>.d`): the compile's source files (the first
/// rule's prerequisites) and the `env!`/`option_env!` variables it read, with their values at compile time.
public struct DepInfo: Hashable, Sendable {
    public var sources: [String]
    /// `# env-dep:NAME=value` (a variable that was unset reads as "").
    public var envDeps: [String: String]

    public init(text: String) {
        sources = []
        envDeps = [:]
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# env-dep:") {
                let entry = line.dropFirst("# env-dep:".count)
                if let equals = entry.firstIndex(of: "=") {
                    envDeps[String(entry[..<equals])] = Self.unescape(entry[entry.index(after: equals)...])
                } else {
                    envDeps[String(entry)] = ""
                }
            } else if first, !line.hasPrefix("#"), let colon = Self.ruleColon(in: line) {
                sources = Self.paths(line[line.index(after: colon)...])
                first = false
            }
        }
    }

    /// The colon that ends the rule's target (a `\:` or a drive letter is not one).
    static func ruleColon(in line: Substring) -> Substring.Index? {
        var index = line.startIndex
        var escaped = false
        while index < line.endIndex {
            let c = line[index]
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" {
                return index
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// Space-separated paths, with `\ ` for a space in a path.
    static func paths(_ text: Substring) -> [String] {
        var result: [String] = []
        var current = ""
        var escaped = false
        for c in text {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == " " {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// rustc escapes `\n` and `\\` in env-dep values.
    static func unescape(_ value: Substring) -> String {
        var result = ""
        var escaped = false
        for c in value {
            if escaped {
                result.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                result.append(c)
            }
        }
        return result
    }
}
