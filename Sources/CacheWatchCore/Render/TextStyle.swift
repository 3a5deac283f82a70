/// A terminal colour: the terminal's default or an entry of the 256-colour palette.
public enum Color: Hashable, Sendable {
    case standard
    case palette(UInt8)
}

/// Colours and attributes of text as a program wrote them (ANSI SGR).
public struct TextStyle: Hashable, Sendable {
    public var foreground: Color = .standard
    public var background: Color = .standard
    public var bold = false
    public var dim = false
    public var italic = false
    public var underline = false
    public var reverse = false

    public static let plain = TextStyle()

    public init(
        foreground: Color = .standard, background: Color = .standard, bold: Bool = false,
        dim: Bool = false, italic: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }
}

/// What a piece of the dashboard means; the terminal adapter maps each role to colours.
public enum StyleRole: Hashable, Sendable {
    case text
    case muted
    case label
    case value
    case paneTitle(focused: Bool)
    case border(focused: Bool)
    case hit
    case miss
    case warning
    case error
    case gaugeFill
    case gaugeEmpty
    case statusBar
    case statusKey
    case running
    case success
    case failure
    case overlay
    case highlight
}

/// The style of one screen cell: a semantic role, or the styles of a program's own output.
public enum CellStyle: Hashable, Sendable {
    case role(StyleRole)
    case text(TextStyle)
}
