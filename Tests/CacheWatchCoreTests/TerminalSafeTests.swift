import Testing

@testable import CacheWatchCore

@Suite("Text a command prints: no control character reaches the terminal")
struct TerminalSafeTests {
    @Test("C0 but tab and newline, DEL and C1 are shown, never sent; by scalar, so \\r\\n loses its \\r")
    func filtered() {
        #expect(TerminalSafe.text("plain\ttext\nok ✔") == "plain\ttext\nok ✔")
        #expect(TerminalSafe.text("\u{1B}]0;pwned\u{07}crate") == "^[]0;pwned^Gcrate")
        #expect(TerminalSafe.text("\u{1B}[2J\u{1B}]52;c;QQ==\u{1B}\\") == "^[[2J^[]52;c;QQ==^[\\")
        #expect(TerminalSafe.text("a\r\nb") == "a^M\nb")
        #expect(TerminalSafe.text("\u{7F}\u{9B}31m\u{9D}") == "^?\u{FFFD}31m\u{FFFD}")
        let all = String(String.UnicodeScalarView((0...0x2FF).compactMap(Unicode.Scalar.init)))
        #expect(!TerminalSafe.text(all).unicodeScalars.contains(where: TerminalSafe.isUnsafe))
    }
}
