/// Keys, pastes and the actions of the keymap.
extension AppState {
    /// Build actions a replay cannot carry out: there is nothing to build, stop, zero or chown.
    static let liveOnly: Set<Action> = [.rerun, .stop, .zeroStats, .chown, .toggleHistory, .showWhy, .toggleWatch]

    /// Where keys act now: the history view when it is open, else the build's dashboard.
    public var keyScope: KeyScope { history == nil ? .dashboard : .history }

    mutating func handle(_ key: Key, viewer: Bool) -> [Effect] {
        if log.prompt != nil { return editPrompt(key) }
        if showHelp {
            // Any key closes the help; its own action still runs unless it was `?` or Esc.
            showHelp = false
            if key == .escape || keymap.action(for: key, in: keyScope) == .toggleHelp { return [] }
        }
        guard let action = keymap.action(for: key, in: keyScope) else { return [] }
        if viewer, Self.liveOnly.contains(action) {
            show(Notice("\(key.label) is not available in a replay", level: .warning, ttl: 3))
            return []
        }
        return perform(action)
    }

    /// Pasted text goes into the search being typed (one line: line breaks become spaces); elsewhere it is
    /// ignored, so a paste can never act as keys.
    mutating func pasted(_ text: String) {
        guard log.prompt != nil else {
            show(Notice("Pasted text ignored: the dashboard takes keys (/ starts a search)", ttl: 4))
            return
        }
        log.paste(text)
    }

    /// Typing a search: characters edit it, Enter searches, Esc or Ctrl-C cancels.
    private mutating func editPrompt(_ key: Key) -> [Effect] {
        switch key {
        case .character(let c):
            log.prompt?.append(c)
        case .backspace:
            if log.prompt?.isEmpty == false { log.prompt?.removeLast() }
        case .escape, .control("c"):
            log.prompt = nil
        case .enter:
            let text = log.prompt ?? ""
            log.prompt = nil
            log.setQuery(text)
            if log.query != nil { jumpToMatch(forward: true, from: log.firstVisible(height: logViewportHeight) - 1) }
        default:
            break
        }
        return []
    }

    private mutating func jumpToMatch(forward: Bool, from: Int? = nil) {
        guard log.query != nil else {
            show(Notice("No search yet: press \(keymap.key(.search)) to search", ttl: 3))
            return
        }
        let start = from ?? log.cursorLine ?? log.firstVisible(height: logViewportHeight)
        guard let found = log.match(after: start, forward: forward) else {
            show(Notice("Not found: \(log.query ?? "")", level: .warning, ttl: 3))
            return
        }
        log.cursorLine = found
        log.reveal(found, height: logViewportHeight)
    }

    private mutating func jumpToError(first: Bool) {
        let errors = log.errorIndices
        let current = log.cursorLine ?? -1
        guard let target = first ? errors.first : (errors.first { $0 > current } ?? errors.first) else {
            show(Notice("No errors in the log", ttl: 3))
            return
        }
        log.cursorLine = target
        log.reveal(target, height: logViewportHeight)
    }

    /// Scrolling actions while the crate table has the focus; nil for every other action.
    private mutating func performOnCrates(_ action: Action) -> [Effect]? {
        let height = cratesViewportHeight
        switch action {
        case .scrollUp: crates.scroll(by: -1, height: height)
        case .scrollDown: crates.scroll(by: 1, height: height)
        case .pageUp: crates.scroll(by: -height, height: height)
        case .pageDown: crates.scroll(by: height, height: height)
        case .scrollTop: crates.scrollTo(top: 0, height: height)
        case .scrollBottom: crates.scrollTo(top: .max / 2, height: height)
        default: return nil
        }
        return []
    }

    /// Actions of the history view; nil for the actions it shares with the dashboard.
    private mutating func performOnHistory(_ action: Action) -> [Effect]? {
        guard var browser = history else { return nil }
        defer { if history != nil { history = browser } }
        let layout = HistoryLayout(width: width, height: height)
        let rows = browser.opened == nil ? layout.tableRows : layout.openedRows
        let lines = browser.openedLineCount
        func move(_ delta: Int) {
            if browser.showsWhy, abs(delta) == 1 {
                browser.moveWhy(by: delta, height: rows)
            } else if browser.opened != nil {
                browser.scrollOpened(by: delta, lines: lines, height: rows)
            } else {
                browser.move(by: delta, height: rows)
            }
        }
        switch action {
        case .scrollUp: move(-1)
        case .scrollDown: move(1)
        case .pageUp: move(-rows)
        case .pageDown: move(rows)
        case .scrollTop: move(-Int(Int32.max))
        case .scrollBottom: move(Int(Int32.max))
        case .toggleHistory:
            history = nil
        case .back:
            if browser.opened != nil { browser.opened = nil } else { history = nil }
        case .openRun where browser.showsWhy:
            browser.toggleWhy(height: rows)
        case .openRun:
            guard browser.opened == nil, let entry = browser.selectedEntry else { return [] }
            browser.opening = true
            return [.loadRun(entry.id)]
        case .markRun:
            browser.toggleMark()
        case .showWhy:
            guard let entry = browser.selectedEntry else { return [] }
            browser.opening = true
            return [.loadWhy(entry.id)]
        case .diffRuns:
            guard let (older, newer) = browser.comparison else {
                show(
                    Notice(
                        "Mark two runs with \(keymap.key(.markRun)), then \(keymap.key(.diffRuns)) compares them",
                        ttl: 4))
                return []
            }
            browser.opening = true
            return [.loadDiff(older, newer)]
        default:
            return nil
        }
        return []
    }

    /// Carries out a keymap action.
    mutating func perform(_ action: Action) -> [Effect] {
        if let effects = performOnHistory(action) { return effects }
        if focus == .crates, let effects = performOnCrates(action) { return effects }
        let height = logViewportHeight
        let width = log.wrap ? logViewportWidth : .max
        switch action {
        case .rerun:
            // A start already asked for and not yet answered is the build this key asks for (the r's of one paste or
            // a held key, r during a pull): it starts once, not once per key.
            watch?.started(by: nil)
            if startAsked != nil {
                show(Notice("A build is already starting", ttl: 2))
                return []
            }
            if case .running(let s) = phase { phase = .stopping(startedAt: s) }
            return [startRun()]
        case .toggleWatch:
            return toggleWatch()
        case .stop:
            guard case .running(let s) = phase else {
                // Nothing builds yet, but the run may be under way (a pull, a server start): stop that.
                if phase.preparation != nil { return [.stopBuild] }
                show(Notice("No build is running", ttl: 3))
                return []
            }
            phase = .stopping(startedAt: s)
            return [.stopBuild]
        case .zeroStats:
            if case .running = phase {
                stats.clearForZero()
                // The table counts from now too, so its rows stay those the numbers count.
                crates.reset()
                return [.zeroStats]
            }
            stats.resetWithoutServer()
            show(Notice("No sccache server is running: the panel was reset", ttl: 5))
        case .chown:
            guard !chownRunning else {
                show(Notice("A chown is already running", ttl: 3))
                return []
            }
            chownRunning = true
            disk.foreignBeforeChown = disk.usage?.foreignOwned
            return [.chown]
        case .quit:
            return [.quit]
        case .suspend:
            return [.suspend]
        case .toggleHelp:
            showHelp.toggle()
        case .scrollUp:
            log.scroll(by: -1, height: height, width: width)
        case .scrollDown:
            log.scroll(by: 1, height: height, width: width)
        case .pageUp:
            log.scroll(by: -max(1, height - 1), height: height, width: width)
        case .pageDown:
            log.scroll(by: max(1, height - 1), height: height, width: width)
        case .scrollTop:
            log.scrollToTop(height: height)
        case .scrollBottom:
            log.scrollToBottom()
            log.cursorLine = nil
        case .toggleFollow:
            log.toggleFollow(height: height, width: width)
        case .search:
            log.prompt = ""
        case .nextMatch:
            jumpToMatch(forward: true)
        case .previousMatch:
            jumpToMatch(forward: false)
        case .firstError:
            jumpToError(first: true)
        case .nextError:
            jumpToError(first: false)
        case .toggleWrap:
            log.wrap.toggle()
        case .toggleFolds:
            log.toggleFolds()
            if !log.hasFolds { show(Notice("Nothing folded in the log yet", ttl: 3)) }
        case .toggleExplain:
            stats.explain.toggle()
        case .focusNext:
            focus = focus == .log ? .crates : .log
            return resizedPTY()
        case .cycleSort:
            crates.cycleSort()
        case .toggleTimeline:
            crates.timeline.toggle()
        case .toggleHistory:
            history = HistoryBrowser()
            return [.loadHistory]
        case .showWhy:
            guard let record = lastRecord else {
                show(Notice("No run has ended yet: \(keymap.key(.showWhy)) explains a run's misses once it ends", ttl: 4))
                return []
            }
            var browser = HistoryBrowser()
            browser.open(.why(record))
            history = browser
            return [.loadHistory]
        case .openRun, .markRun, .diffRuns, .back:
            break  // history actions: `history` is nil here
        }
        return []
    }
}
