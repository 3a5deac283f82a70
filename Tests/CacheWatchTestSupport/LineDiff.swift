/// The lines that differ between two texts, for failure messages.
public enum LineDiff {
    public static func describe(expected: String, actual: String, limit: Int = 20) -> String {
        let a = expected.components(separatedBy: "\n")
        let b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : "∅"
            let right = index < b.count ? b[index] : "∅"
            if left != right { out.append("line \(index + 1):\n  - \(left)\n  + \(right)") }
        }
        let shown = out.prefix(limit).joined(separator: "\n")
        return out.count > limit ? shown + "\n… \(out.count - limit) more lines differ" : shown
    }
}

extension String {
    /// `components(separatedBy:)` without Foundation.
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
