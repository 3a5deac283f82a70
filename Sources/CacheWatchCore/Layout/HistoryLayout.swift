/// Where the history view's parts go: the charts across the top (when there is room), the table of runs below,
/// or the opened run over both.
public struct HistoryLayout: Hashable, Sendable {
    public let header: Rect
    public let charts: Rect
    public let table: Rect
    /// An opened run or comparison: everything between the header and the status bar.
    public let opened: Rect
    public let statusBar: Rect

    public init(width: Int, height: Int) {
        header = Rect(x: 0, y: 0, width: width, height: 1)
        statusBar = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
        let body = max(0, height - 2)
        // The charts get a third of the rows (5 at least, 12 at most) when the table keeps 8.
        let chartsHeight = body >= 21 ? min(12, max(9, body / 3)) : body >= 13 ? 5 : 0
        charts = Rect(x: 0, y: 1, width: width, height: chartsHeight)
        table = Rect(x: 0, y: 1 + chartsHeight, width: width, height: body - chartsHeight)
        opened = Rect(x: 0, y: 1, width: width, height: body)
    }

    /// Rows of runs the table shows (inside its border, under its column titles).
    public var tableRows: Int { max(1, table.height - 3) }

    /// Rows of text an opened run shows.
    public var openedRows: Int { max(1, opened.height - 2) }
}
