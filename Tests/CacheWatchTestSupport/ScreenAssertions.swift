import CacheWatchCore
import Testing

/// Whole-screen snapshots: the dashboard for a state rendered at the state's size and compared, row by row,
/// with a file under the test's Snapshots/ (a golden file; see `Golden`). With `styles`, a second file holds
/// one letter per cell for its style role, so a colour regression shows too.
public func assertScreen(
    _ state: AppState, named name: String, styles: Bool = false, glyphs: Glyphs = .unicode, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var screen = Screen(width: state.width, height: state.height)
    DashboardView.render(state, into: &screen, glyphs: glyphs)
    let directory = Golden.directory("Snapshots", besides: filePath)
    Golden.check(screen.textDump, name: name + ".txt", directory: directory, sourceLocation: sourceLocation)
    if styles {
        Golden.check(StyleDump.of(screen), name: name + ".styles", directory: directory, sourceLocation: sourceLocation)
    }
}

/// A screen's styles, one letter per cell: what a text dump cannot show.
public enum StyleDump {
    /// `.` plain text, `h` hit, `m` miss, `w` warning, `e` error or failure, `s` success, `b` border, `t` pane
    /// title, `l` label, `-` muted, `g`/`G` gauge, `S` status bar, `K` status key, `r` running, `o` overlay,
    /// `H` highlight, `v` value, `c` a program's own colour.
    public static func of(_ screen: Screen) -> String {
        var rows: [String] = []
        for y in 0..<screen.height {
            var row = ""
            for x in 0..<screen.width {
                switch screen[x, y].style {
                case .text(let style): row.append(style == .plain ? "." : "c")
                case .role(let role): row.append(letter(role))
                }
            }
            rows.append(row)
        }
        return rows.joined(separator: "\n") + "\n"
    }

    static func letter(_ role: StyleRole) -> Character {
        switch role {
        case .text: return "."
        case .value: return "v"
        case .muted: return "-"
        case .label: return "l"
        case .paneTitle: return "t"
        case .border: return "b"
        case .hit: return "h"
        case .miss: return "m"
        case .warning: return "w"
        case .error, .failure: return "e"
        case .gaugeFill: return "g"
        case .gaugeEmpty: return "G"
        case .statusBar: return "S"
        case .statusKey: return "K"
        case .running: return "r"
        case .success: return "s"
        case .overlay: return "o"
        case .highlight: return "H"
        }
    }
}
