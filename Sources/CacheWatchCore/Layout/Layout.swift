/// Where each pane goes for a terminal size.
public struct Layout: Hashable, Sendable {
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    /// Rows of the disk panel (border included) when there is room.
    public static let diskHeight = 7

    public let width: Int
    public let height: Int
    public let header: Rect
    public let log: Rect
    /// The per-crate table, below the log; empty when there is no room and the log has the focus.
    public let crates: Rect
    public let stats: Rect
    public let disk: Rect
    public let statusBar: Rect

    /// - Parameter statsRows: rows of text the stats panel has to show; it gets them (plus its
    ///   border) first, leaving the disk panel at least its own height, and the disk panel the rest.
    public init(width: Int, height: Int, statsRows: Int = 16, focus: Focus = .log) {
        self.width = width
        self.height = height
        header = Rect(x: 0, y: 0, width: width, height: 1)
        statusBar = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
        let bodyHeight = max(0, height - 2)
        let side = Layout.sideWidth(for: width)
        let left = Rect(x: 0, y: 1, width: width - side, height: bodyHeight)
        if bodyHeight >= 20 {
            // Room for both: the crate table takes a third, at least 7 rows.
            let cratesHeight = max(7, bodyHeight / 3)
            log = Rect(x: 0, y: 1, width: left.width, height: bodyHeight - cratesHeight)
            crates = Rect(x: 0, y: 1 + log.height, width: left.width, height: cratesHeight)
        } else if focus == .crates {
            log = Rect(x: 0, y: 1, width: left.width, height: 0)
            crates = left
        } else {
            log = left
            crates = Rect(x: 0, y: 1 + bodyHeight, width: left.width, height: 0)
        }
        let diskMinimum = min(Layout.diskHeight, max(0, bodyHeight / 2))
        let statsHeight = max(0, min(statsRows + 2, bodyHeight - diskMinimum))
        stats = Rect(x: width - side, y: 1, width: side, height: statsHeight)
        disk = Rect(x: width - side, y: 1 + statsHeight, width: side, height: bodyHeight - statsHeight)
    }

    /// Width of the right-hand column (stats and disk panels) for a terminal `width` wide.
    public static func sideWidth(for width: Int) -> Int {
        min(52, max(36, width * 36 / 100))
    }

    /// False when the terminal is smaller than the layout needs.
    public var fits: Bool { width >= Layout.minimumWidth && height >= Layout.minimumHeight }

    /// The log's text area inside its border.
    public var logContent: Rect { log.inset(1) }
}
