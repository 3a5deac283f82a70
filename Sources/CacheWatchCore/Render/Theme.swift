/// Colours and attributes of the semantic roles, for colour terminals and for monochrome.
public struct Theme {
    public struct Look: Hashable {
        public var foreground: Int = -1
        public var background: Int = -1
        public var bold = false
        public var dim = false
        public var reverse = false
        public var underline = false
        public var italic = false

        public init(
            foreground: Int = -1, background: Int = -1, bold: Bool = false, dim: Bool = false, reverse: Bool = false,
            underline: Bool = false, italic: Bool = false
        ) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.dim = dim
            self.reverse = reverse
            self.underline = underline
            self.italic = italic
        }
    }

    public let colors: Bool
    /// The colours a config file's `[colors]` gives roles: what is written replaces the built-in look.
    public var overrides: [StyleRole: ColorSpec] = [:]

    public init(colors: Bool, overrides: [StyleRole: ColorSpec] = [:]) {
        self.colors = colors
        self.overrides = overrides
    }

    public func look(for role: StyleRole) -> Look {
        guard colors else { return monochrome(role) }
        if let spec = overrides[role] {
            return Look(
                foreground: spec.foreground, background: spec.background, bold: spec.bold, dim: spec.dim,
                reverse: spec.reverse, underline: spec.underline)
        }
        switch role {
        case .text, .value: return Look()
        case .muted: return Look(foreground: 8)
        case .label: return Look(foreground: 6)
        case .paneTitle(let focused): return Look(foreground: focused ? 14 : 12, bold: true)
        case .border(let focused): return Look(foreground: focused ? 6 : 8)
        case .hit: return Look(foreground: 2, bold: true)
        case .miss: return Look(foreground: 3, bold: true)
        case .warning: return Look(foreground: 3, bold: true)
        case .error, .failure: return Look(foreground: 1, bold: true)
        case .gaugeFill: return Look(foreground: 2)
        case .gaugeEmpty: return Look(foreground: 8)
        case .statusBar: return Look(foreground: 15, background: 236)
        case .statusKey: return Look(foreground: 0, background: 6, bold: true)
        case .running: return Look(foreground: 14, background: 236, bold: true)
        case .success: return Look(foreground: 10, background: 236, bold: true)
        case .overlay: return Look(foreground: 15, background: 235)
        case .highlight: return Look(foreground: 0, background: 11)
        }
    }

    private func monochrome(_ role: StyleRole) -> Look {
        switch role {
        case .text, .value, .label, .gaugeEmpty, .overlay: return Look()
        case .muted, .border: return Look(dim: true)
        case .paneTitle, .hit, .miss, .warning, .error, .failure, .running, .success: return Look(bold: true)
        case .gaugeFill, .statusBar, .statusKey, .highlight: return Look(reverse: true)
        }
    }

    /// A program's own colours (ANSI SGR); dropped in monochrome, attributes kept.
    public func look(for style: TextStyle, maxColors: Int) -> Look {
        var look = Look(
            bold: style.bold, dim: style.dim, reverse: style.reverse, underline: style.underline, italic: style.italic)
        guard colors else { return look }
        look.foreground = index(style.foreground, maxColors: maxColors)
        look.background = index(style.background, maxColors: maxColors)
        return look
    }

    private func index(_ color: Color, maxColors: Int) -> Int {
        switch color {
        case .standard: return -1
        case .palette(let n):
            let value = Int(n)
            if value < maxColors { return value }
            return value < 16 ? value % 8 : -1
        }
    }
}
