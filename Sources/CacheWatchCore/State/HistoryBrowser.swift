/// The history view: the runs loaded from the history, the selected one, the marks, and the run (or the two
/// runs) opened from them.
public struct HistoryBrowser: Hashable, Sendable {
    /// nil until the history has answered.
    public internal(set) var page: HistoryPage?
    /// The selected row of the table (0: the newest run), and the first row shown.
    public internal(set) var selected = 0
    public internal(set) var top = 0
    /// Runs marked with `m`, in marking order (at most two).
    public internal(set) var marked: [RunID] = []
    /// The run or the comparison opened from the table; nil shows the table.
    public internal(set) var opened: HistoryRuns?
    /// A run or a comparison was asked for and has not arrived yet.
    public internal(set) var opening = false
    /// The opened run's text (made once when it arrives), and the first row shown.
    public internal(set) var openedLines: [RunText.Line] = []
    public internal(set) var openedTop = 0
    /// In the Why view: the selected miss (its index among the run's misses), those whose full comparison shows,
    /// and the line each miss starts on.
    public internal(set) var whySelected = 0
    public internal(set) var whyExpanded: Set<Int> = []
    public internal(set) var whyAnchors: [Int] = []
    /// The charts' series, oldest run first (computed once per page, not per frame).
    public internal(set) var series = HistorySeries(entries: [])

    public init() {}

    public var entries: [HistoryEntry] { page?.entries ?? [] }

    public var selectedEntry: HistoryEntry? { entries.indices.contains(selected) ? entries[selected] : nil }

    mutating func load(_ page: HistoryPage) {
        let keep = selectedEntry?.id
        self.page = page
        series = HistorySeries(entries: page.entries)
        marked = marked.filter { id in page.entries.contains { $0.id == id } }
        selected = keep.flatMap { id in page.entries.firstIndex { $0.id == id } } ?? 0
        top = min(top, selected)
    }

    var openedLineCount: Int { openedLines.count }

    mutating func open(_ runs: HistoryRuns) {
        opened = runs
        opening = false
        openedTop = 0
        whySelected = 0
        whyExpanded = []
        layOut()
    }

    /// The opened text, made again (after a change of the Why view's selection or expansions).
    mutating func layOut() {
        guard let opened else { return }
        if case .why(let record) = opened {
            (openedLines, whyAnchors) = WhyText.layout(record, utcOffset: page?.utcOffset ?? 0, expanded: whyExpanded)
        } else {
            openedLines = RunText.lines(opened, utcOffset: page?.utcOffset ?? 0)
            whyAnchors = []
        }
    }

    /// Moves the Why view's selection, keeping it within `height` rows of the top.
    mutating func moveWhy(by delta: Int, height: Int) {
        guard !whyAnchors.isEmpty else { return }
        whySelected = min(whyAnchors.count - 1, max(0, whySelected + delta))
        let line = whyAnchors[whySelected]
        if line < openedTop { openedTop = line }
        if line >= openedTop + height { openedTop = line - height + 1 }
    }

    /// Shows or hides the selected miss's full comparison.
    mutating func toggleWhy(height: Int) {
        guard !whyAnchors.isEmpty else { return }
        if whyExpanded.contains(whySelected) { whyExpanded.remove(whySelected) } else { whyExpanded.insert(whySelected) }
        layOut()
        // Keep the comparison in view.
        let end = whySelected + 1 < whyAnchors.count ? whyAnchors[whySelected + 1] : openedLines.count
        if end > openedTop + height { openedTop = min(whyAnchors[whySelected], end - height) }
    }

    var showsWhy: Bool {
        if case .why = opened { return true }
        return false
    }

    /// Moves the selection by `delta` rows, keeping it within `height` rows of the top.
    mutating func move(by delta: Int, height: Int) {
        guard !entries.isEmpty else { return }
        selected = min(entries.count - 1, max(0, selected + delta))
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
    }

    mutating func scrollOpened(by delta: Int, lines: Int, height: Int) {
        openedTop = min(max(0, lines - height), max(0, openedTop + delta))
    }

    /// Marks the selected run, or unmarks it; a third mark replaces the first.
    mutating func toggleMark() {
        guard let id = selectedEntry?.id else { return }
        if let index = marked.firstIndex(of: id) {
            marked.remove(at: index)
        } else {
            marked.append(id)
            if marked.count > 2 { marked.removeFirst() }
        }
    }

    /// The two runs `d` compares, older first: the two marked, or the one marked and the selected one.
    var comparison: (RunID, RunID)? {
        var ids = marked
        if ids.count == 1, let selected = selectedEntry?.id, selected != ids[0] { ids.append(selected) }
        guard ids.count == 2 else { return nil }
        let started = { (id: RunID) in self.entries.first { $0.id == id }?.startedAt ?? 0 }
        return started(ids[0]) <= started(ids[1]) ? (ids[0], ids[1]) : (ids[1], ids[0])
    }
}
