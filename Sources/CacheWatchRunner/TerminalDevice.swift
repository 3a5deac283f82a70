import CacheWatchCore

/// What the dashboard's and the replay's loops need of a terminal: the ncurses adapter in the program
/// (`CacheWatchTerminal.Terminal`), an in-memory one in tests, so the whole loop runs in-process.
public protocol TerminalDevice: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Unicode box drawing or ASCII.
    var glyphs: Glyphs { get }
    /// Becomes readable when input waits (polled beside the event queue); it hangs up when the terminal goes away.
    var inputDescriptor: Int32 { get }
    /// Draws `screen` (what changed since the last one).
    func present(_ screen: Screen)
    /// Every key and paste waiting.
    func readInput() -> [InputDecoder.Output]
    /// Reads the real size after SIGWINCH.
    func refreshSize()
    /// Gives the terminal to the shell until `fg`; `resume` takes it back after a stop from outside.
    func suspend()
    func resume()
    /// The finished-build notice: the bell and the title.
    func announce(title: String)
    /// Gives the terminal back as it was (idempotent).
    func restore()
}

extension TerminalDevice {
    /// Renders `state` into `screen` (made anew when the state's size changed) and presents it.
    func draw(_ state: AppState, on screen: inout Screen) {
        if screen.width != state.width || screen.height != state.height {
            screen = Screen(width: state.width, height: state.height)
        }
        DashboardView.render(state, into: &screen, glyphs: glyphs)
        present(screen)
    }
}
