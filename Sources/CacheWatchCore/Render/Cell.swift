/// One character cell of a `Screen`.
public struct Cell: Hashable, Sendable {
    /// The character drawn here; a space for blank cells.
    public var character: Character
    public var style: CellStyle
    /// True for the right half of a double-width character drawn in the cell before.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: CellStyle = .role(.text), isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
