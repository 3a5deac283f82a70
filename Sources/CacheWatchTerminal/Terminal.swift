import CNcurses
import CacheWatchCore
import Foundation

/// The only place that talks to ncurses: sets the terminal up, presents screens, reads keys, restores it.
public final class Terminal {
    /// Input decoded from the terminal: key presses and pasted text.
    public typealias Input = InputDecoder.Output

    /// The terminal cannot be driven (an unknown `TERM`, no terminal at all).
    public struct Unusable: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var width = 0
    public private(set) var height = 0
    /// Unicode box drawing when the locale is UTF-8, ASCII otherwise.
    public let glyphs: Glyphs
    private let theme: Theme
    private var pairs: [Theme.Look: Int32] = [:]
    private var nextPair: Int32 = 1
    private var presented: Screen?
    private var active = false
    private var paste = InputDecoder()

    /// Checks that `TERM` names a terminal ncurses knows (`initscr` would exit the process otherwise).
    public static func check(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let name = environment["TERM"] ?? ""
        guard !name.isEmpty else {
            throw Unusable(description: "TERM is not set, so the dashboard cannot drive this terminal; use --headless")
        }
        guard cw_terminal_known(STDOUT_FILENO) == 1 else {
            throw Unusable(
                description: "the terminal type TERM=\(name) is unknown here (no terminfo entry); set TERM to one this "
                    + "machine knows (e.g. xterm-256color) or use --headless")
        }
    }

    /// `color`: colours wanted (the settings' `color`, which `NO_COLOR` turns off); nil reads `NO_COLOR` here.
    /// `palette`: the roles a config file colours otherwise.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, color: Bool? = nil,
        palette: [StyleRole: ColorSpec] = [:]
    ) {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        glyphs = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8" ? .unicode : .ascii
        initscr()
        raw()
        noecho()
        nonl()
        keypad(cw_stdscr(), true)
        nodelay(cw_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        cw_enable_wheel()
        let wantsColor = color ?? environment["NO_COLOR"].map { $0.isEmpty } ?? true
        if wantsColor && has_colors() {
            start_color()
            use_default_colors()
        }
        theme = Theme(colors: wantsColor && has_colors(), overrides: palette)
        active = true
        Self.bracketedPaste(on: true)
        Self.focusReports(on: true)
        width = Int(cw_cols())
        height = Int(cw_lines())
    }

    /// Pasted text arrives marked (and is then text, never keys).
    private static func bracketedPaste(on: Bool) {
        send(on ? "\u{1B}[?2004h" : "\u{1B}[?2004l")
    }

    /// The terminal says when it gains and loses the focus; its title is saved on the way in and put back on the way
    /// out (xterm's title stack), so a finished-build notice leaves no title behind.
    private static func focusReports(on: Bool) {
        send(on ? "\u{1B}[?1004h\u{1B}[22;0t" : "\u{1B}[?1004l\u{1B}[23;0t")
    }

    private static func send(_ sequence: String) {
        _ = sequence.withCString { write(STDOUT_FILENO, $0, strlen($0)) }
    }

    /// The finished-build notice: the bell, and the terminal's title (OSC 2) set to `title` (control characters
    /// dropped, so a title can never end the sequence early).
    public func announce(title: String) {
        guard active else { return }
        let clean = String(
            title.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) })
        Self.send("\u{07}\u{1B}]2;\(clean)\u{07}")
    }

    deinit {
        restore()
    }

    /// Gives the terminal back as it was (idempotent; safe on every exit path). Keys typed while the dashboard
    /// was busy are thrown away, so they never reach the shell.
    public func restore() {
        guard active else { return }
        active = false
        leave()
    }

    private func leave() {
        Self.bracketedPaste(on: false)
        Self.focusReports(on: false)
        tcflush(STDIN_FILENO, TCIFLUSH)
        curs_set(1)
        endwin()
    }

    /// Gives the terminal to the shell and stops the process (Ctrl-Z, SIGTSTP); returns after `fg` (SIGCONT),
    /// with the dashboard's modes back and the next frame drawn whole.
    public func suspend() {
        guard active else { return }
        leave()
        // The shell's job control sees a stop; SIGTSTP itself is caught by the run loop, so stop for real.
        kill(getpid(), SIGSTOP)
        resume()
    }

    /// After a stop the shell may have changed the terminal's modes and drawn over the screen: take the
    /// dashboard's modes back and redraw everything.
    public func resume() {
        guard active else { return }
        reset_prog_mode()
        curs_set(0)
        Self.bracketedPaste(on: true)
        Self.focusReports(on: true)
        cw_enable_wheel()
        refreshSize()
    }

    /// Reads the real size after SIGWINCH and tells ncurses.
    public func refreshSize() {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            resizeterm(Int32(size.ws_row), Int32(size.ws_col))
        }
        width = Int(cw_cols())
        height = Int(cw_lines())
        presented = nil
        clearok(cw_stdscr(), true)
    }

    /// Every key and paste waiting on the terminal.
    public func readInput() -> [Input] {
        var keys: [Key] = []
        var value: wint_t = 0
        while true {
            let result = cw_get_wch(&value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(value) == KEY_MOUSE {
                    let direction = cw_wheel_direction()
                    if direction != 0 { keys.append(direction > 0 ? .wheelUp : .wheelDown) }
                } else if let key = Self.functionKey(Int32(value)) {
                    keys.append(key)
                }
            } else if let key = Self.characterKey(UInt32(value)) {
                keys.append(key)
            }
        }
        return paste.feed(keys) + paste.flush()
    }

    /// Draws the cells that changed since the last present.
    public func present(_ screen: Screen) {
        guard active else { return }
        let full = presented == nil || presented!.width != screen.width || presented!.height != screen.height
        if full { erase() }
        for y in 0..<min(screen.height, height) {
            for x in 0..<min(screen.width, width) {
                let cell = screen[x, y]
                if !full, let old = presented, old[x, y] == cell { continue }
                if cell.isContinuation { continue }
                draw(cell, x: x, y: y)
            }
        }
        presented = screen
        wnoutrefresh(cw_stdscr())
        doupdate()
    }

    private func draw(_ cell: Cell, x: Int, y: Int) {
        let look: Theme.Look
        switch cell.style {
        case .role(let role): look = theme.look(for: role)
        case .text(let style): look = theme.look(for: style, maxColors: Int(cw_colors()))
        }
        var attributes = cw_a_normal()
        if look.bold { attributes |= cw_a_bold() }
        if look.dim { attributes |= cw_a_dim() }
        if look.reverse { attributes |= cw_a_reverse() }
        if look.underline { attributes |= cw_a_underline() }
        if look.italic { attributes |= cw_a_italic() }
        let pair = pairNumber(look)
        var chars = Array(glyphs.drawn(cell.character).unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
        chars.append(0)
        if cw_put_cell(Int32(y), Int32(x), chars, attributes, pair) == -2 {
            _ = cw_put_cell(Int32(y), Int32(x), [wchar_t(63), 0], attributes, pair)
        }
    }

    private func pairNumber(_ look: Theme.Look) -> Int32 {
        guard theme.colors, look.foreground >= 0 || look.background >= 0 else { return 0 }
        let key = Theme.Look(foreground: look.foreground, background: look.background)
        if let pair = pairs[key] { return pair }
        guard nextPair < min(cw_color_pairs(), 32767) else { return 0 }
        let pair = nextPair
        nextPair += 1
        init_pair(Int16(pair), Int16(look.foreground), Int16(look.background))
        pairs[key] = pair
        return pair
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        default:
            for n in 1...12 where code == cw_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 0x60)!))
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
