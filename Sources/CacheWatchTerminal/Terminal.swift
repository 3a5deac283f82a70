import CNcurses
import CacheWatchCore
import Foundation

/// The only place that talks to ncurses: sets the terminal up, presents screens, reads keys, restores it.
public final class Terminal {
    /// Input decoded from the terminal.
    public enum Input: Hashable {
        case key(Key)
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
    nonisolated(unsafe) private static var current: Terminal?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
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
        let wantsColor = environment["NO_COLOR"].map { $0.isEmpty } ?? true
        if wantsColor && has_colors() {
            start_color()
            use_default_colors()
        }
        theme = Theme(colors: wantsColor && has_colors())
        active = true
        Terminal.current = self
        width = Int(cw_cols())
        height = Int(cw_lines())
    }

    deinit {
        restore()
    }

    /// Gives the terminal back as it was (idempotent; safe on every exit path).
    public func restore() {
        guard active else { return }
        active = false
        curs_set(1)
        endwin()
        Terminal.current = nil
    }

    /// Restores whichever terminal is active (for fatal paths).
    public static func restoreActive() {
        current?.restore()
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

    /// Every key waiting on the terminal.
    public func readInput() -> [Input] {
        var inputs: [Input] = []
        var value: wint_t = 0
        while true {
            let result = cw_get_wch(&value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(value) == KEY_MOUSE {
                    let direction = cw_wheel_direction()
                    if direction != 0 { inputs.append(.key(direction > 0 ? .wheelUp : .wheelDown)) }
                } else if let key = Self.functionKey(Int32(value)) {
                    inputs.append(.key(key))
                }
            } else if let key = Self.characterKey(UInt32(value)) {
                inputs.append(.key(key))
            }
        }
        return inputs
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
        case 3: return .character("q")  // Ctrl-C in raw mode quits like q
        default:
            guard value >= 32, let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
