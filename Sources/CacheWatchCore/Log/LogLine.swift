/// A run of characters that share one style.
public struct StyledRun: Hashable, Sendable {
    public var text: String
    public var style: TextStyle

    public init(_ text: String, style: TextStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// Where a style starts in a line's text (a UTF-8 offset).
public struct StyleChange: Hashable, Sendable {
    public var offset: Int
    public var style: TextStyle

    public init(offset: Int, style: TextStyle) {
        self.offset = offset
        self.style = style
    }
}

/// One finished line of build output, with the styles the program gave it.
///
/// Stored as one string plus the offsets where styles change (none for a plain line): one allocation
/// per line at most, which matters when a build writes millions of them.
public struct LogLine: Hashable, Sendable {
    /// The line's characters without styles.
    public let text: String
    /// Style changes in order, the first at offset 0; empty when the whole line is plain.
    public let styles: [StyleChange]

    public init(text: String, styles: [StyleChange]) {
        self.text = text
        self.styles = styles.count == 1 && styles[0].style == .plain ? [] : styles
    }

    public init(_ text: String, style: TextStyle = .plain) {
        self.init(text: text, styles: style == .plain || text.isEmpty ? [] : [StyleChange(offset: 0, style: style)])
    }

    public init(runs: [StyledRun]) {
        var text = ""
        var styles: [StyleChange] = []
        for run in runs where !run.text.isEmpty {
            if styles.last?.style != run.style { styles.append(StyleChange(offset: text.utf8.count, style: run.style)) }
            text += run.text
        }
        self.init(text: text, styles: styles)
    }

    /// The line as styled runs (for drawing).
    public var runs: [StyledRun] {
        guard !styles.isEmpty else { return text.isEmpty ? [] : [StyledRun(text)] }
        let utf8 = text.utf8
        var result: [StyledRun] = []
        if styles[0].offset > 0 {
            result.append(StyledRun(String(decoding: utf8.prefix(styles[0].offset), as: UTF8.self)))
        }
        for (i, change) in styles.enumerated() {
            let end = i + 1 < styles.count ? styles[i + 1].offset : utf8.count
            let slice = utf8.dropFirst(change.offset).prefix(end - change.offset)
            if !slice.isEmpty { result.append(StyledRun(String(decoding: slice, as: UTF8.self), style: change.style)) }
        }
        return result
    }
}
