/// The notice shown instead of the dashboard when the terminal is too small.
enum TooSmallView {
    static func render(width: Int, height: Int, quitKey: String, into screen: inout Screen) {
        let lines = [
            "Terminal too small",
            "\(width)×\(height), needs \(Layout.minimumWidth)×\(Layout.minimumHeight)",
            "Enlarge the window; \(quitKey) quits",
        ]
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < height {
            let x = max(0, (width - CharacterWidth.of(line)) / 2)
            screen.putTruncated(line, x: x, y: top + i, width: width - x, style: .role(i == 0 ? .warning : .text))
        }
    }
}
