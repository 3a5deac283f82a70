/// Tells errors and warnings in cargo's and rustc's output.
public enum LogClassifier {
    public enum Kind: Sendable { case error, warning, other }

    public static func classify(_ text: String) -> Kind {
        classify(LogLine(text))
    }

    /// Looks at the first bytes only, in place (this runs for every line).
    public static func classify(_ line: LogLine) -> Kind {
        var text = line.text
        return text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count && bytes[start] == 0x20 { start += 1 }
            let head = UnsafeBufferPointer(rebasing: bytes[start...])
            if starts(head, "error[E") || starts(head, "error:") { return .error }
            if starts(head, "warning:") || starts(head, "warning[") { return .warning }
            return .other
        }
    }

    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let p = prefix.utf8Start
        for i in 0..<count where bytes[i] != p[i] { return false }
        return true
    }
}
