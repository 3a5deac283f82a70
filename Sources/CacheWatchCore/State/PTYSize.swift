/// The size of the build's terminal.
public struct PTYSize: Hashable, Codable, Sendable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }
}
