/// Screens as terminal escape sequences, without ncurses (for an asciinema cast): the same roles and colours as
/// the dashboard, the rows that changed since the last screen redrawn whole.
public struct AnsiScreenWriter {
    private let theme = Theme(colors: true)
    private let glyphs: Glyphs
    private var last: Screen?

    public init(glyphs: Glyphs = .unicode) {
        self.glyphs = glyphs
    }

    /// The text that turns the terminal's content into `screen` (the first call clears it).
    public mutating func frame(_ screen: Screen) -> String {
        var out = ""
        let whole = last == nil || last!.width != screen.width || last!.height != screen.height
        if whole { out += "\u{1B}[0m\u{1B}[2J\u{1B}[?25l" }
        for y in 0..<screen.height {
            if !whole, let last, (0..<screen.width).allSatisfy({ last[$0, y] == screen[$0, y] }) { continue }
            out += "\u{1B}[\(y + 1);1H"
            var current: Theme.Look?
            for x in 0..<screen.width {
                let cell = screen[x, y]
                if cell.isContinuation { continue }
                let look: Theme.Look
                switch cell.style {
                case .role(let role): look = theme.look(for: role)
                case .text(let style): look = theme.look(for: style, maxColors: 256)
                }
                if look != current {
                    out += Self.sgr(look)
                    current = look
                }
                out.append(glyphs.drawn(cell.character))
            }
            out += "\u{1B}[0m"
        }
        last = screen
        return out
    }

    static func sgr(_ look: Theme.Look) -> String {
        var codes = ["0"]
        if look.bold { codes.append("1") }
        if look.dim { codes.append("2") }
        if look.italic { codes.append("3") }
        if look.underline { codes.append("4") }
        if look.reverse { codes.append("7") }
        if look.foreground >= 0 { codes.append("38;5;\(look.foreground)") }
        if look.background >= 0 { codes.append("48;5;\(look.background)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
