/// A colour a config file's `[colors]` gives a style role: `"green"`, `"bold bright-cyan"`, `"white on 236"`.
/// What is written replaces the role's look (attributes included); monochrome terminals and NO_COLOR ignore it.
public struct ColorSpec: Hashable, Sendable {
    /// Palette index, or -1 for the terminal's default.
    public var foreground: Int
    public var background: Int
    public var bold: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        foreground: Int = -1, background: Int = -1, bold: Bool = false, dim: Bool = false, underline: Bool = false,
        reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// What a spec is, as an error message says it.
    public static let expected =
        "attributes (bold, dim, underline, reverse), then a colour (a name such as green or bright-cyan, default, "
        + "or 0 to 255), then optionally on and a background colour, e.g. \"bold green\" or \"white on 236\""

    /// Reads a spec; nil when it is not one.
    public init?(parsing text: String) {
        var spec = ColorSpec()
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
        while let word = words.first, ["bold", "dim", "underline", "reverse"].contains(word) {
            switch word {
            case "bold": spec.bold = true
            case "dim": spec.dim = true
            case "underline": spec.underline = true
            default: spec.reverse = true
            }
            words = words.dropFirst()
        }
        if let word = words.first, word != "on" {
            guard let index = Self.index(word) else { return nil }
            spec.foreground = index
            words = words.dropFirst()
        }
        if words.first == "on" {
            guard words.count == 2, let index = Self.index(words[words.startIndex + 1]) else { return nil }
            spec.background = index
            words = []
        }
        guard words.isEmpty, spec != ColorSpec() || text.lowercased().contains("default") else { return nil }
        self = spec
    }

    private static func index(_ word: String) -> Int? {
        if word == "default" { return -1 }
        if let n = Int(word), (0...255).contains(n) { return n }
        if let i = names.firstIndex(of: word) { return i }
        if word.hasPrefix("bright-"), let i = names.firstIndex(of: String(word.dropFirst(7))) { return i + 8 }
        if word == "grey" || word == "gray" { return 8 }
        return nil
    }
}

extension StyleRole {
    /// Every role a config file's `[colors]` can set, by its name there.
    public static let configNames: [(String, StyleRole)] = [
        ("text", .text), ("muted", .muted), ("label", .label), ("value", .value),
        ("pane-title", .paneTitle(focused: false)), ("pane-title-focused", .paneTitle(focused: true)),
        ("border", .border(focused: false)), ("border-focused", .border(focused: true)), ("hit", .hit),
        ("miss", .miss), ("warning", .warning), ("error", .error), ("gauge-fill", .gaugeFill),
        ("gauge-empty", .gaugeEmpty), ("status-bar", .statusBar), ("status-key", .statusKey), ("running", .running),
        ("success", .success), ("failure", .failure), ("overlay", .overlay), ("highlight", .highlight),
    ]

    /// The role a config file names; nil for an unknown name.
    public init?(configName: String) {
        guard let entry = Self.configNames.first(where: { $0.0 == configName }) else { return nil }
        self = entry.1
    }
}
