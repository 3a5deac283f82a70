/// The drawing characters: Unicode where the terminal's locale is UTF-8, ASCII otherwise.
public struct Glyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var gaugeFull: Character
    public var gaugeEmpty: Character
    public var bullet: Character
    /// Whether dashboard symbols (…, ✔, →, sparkline blocks) are drawn as ASCII.
    public var asciiOnly = false

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        gaugeFull: "█", gaugeEmpty: "░", bullet: "●")
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        gaugeFull: "#", gaugeEmpty: ".", bullet: "*", asciiOnly: true)

    /// The character to draw: itself, or with `asciiOnly` an ASCII stand-in for the dashboard's symbols (any other
    /// character is left to what the terminal's locale can show).
    public func drawn(_ character: Character) -> Character {
        guard asciiOnly, !character.isASCII else { return character }
        return Self.asciiFallbacks[character] ?? character
    }

    private static let asciiFallbacks: [Character: Character] = [
        "…": "~", "·": ".", "–": "-", "—": "-", "−": "-", "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "✔": "+", "✘": "x", "⚠": "!", "●": "*", "→": ">", "←": "<", "↑": "^", "↓": "v", "×": "x", "≈": "~", "±": "+", "≥": ">",
        "≤": "<", "▸": ">", "▾": "v",
        "∞": "?", "▏": "|", "█": "#", "░": ".", "▁": "_", "▂": ".", "▃": "-", "▄": "=", "▅": "+", "▆": "*", "▇": "#",
        "\u{FFFD}": "?",
    ]
}
