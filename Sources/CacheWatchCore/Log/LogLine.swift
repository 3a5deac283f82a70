/// A run of characters that share one style.
public struct StyledRun: Hashable, Sendable {
    public var text: String
    public var style: TextStyle

    public init(_ text: String, style: TextStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// One finished line of build output, with the styles the program gave it.
public struct LogLine: Hashable, Sendable {
    public var runs: [StyledRun]

    public init(runs: [StyledRun]) {
        self.runs = runs
    }

    public init(_ text: String, style: TextStyle = .plain) {
        runs = text.isEmpty ? [] : [StyledRun(text, style: style)]
    }

    /// The line's characters without styles.
    public var text: String {
        runs.count == 1 ? runs[0].text : runs.map(\.text).joined()
    }
}
