import Testing

@testable import CacheWatchCore

@Suite("Config files: the line of each key")
struct ConfigLinesTests {
    @Test("Windows line ends count as lines (a Swift Character holds \\r\\n whole; found by the fuzzer)")
    func windowsLineEnds() {
        let lines = ConfigLines.locate("engine = \"native\"\r\n\r\n[keys]\r\nrerun = \"R\"\r\n")
        #expect(lines[["engine"]] == 1 && lines[["keys"]] == 3 && lines[["keys", "rerun"]] == 4, "\(lines)")
    }

    @Test("Tables, quoted and dotted keys, multi-line arrays and strings, comments")
    func lines() {
        let text = """
            # a comment with key = value
            engine = "native"
            docker-arg = [
              "--cpus", "2",   # [ a bracket in a comment
              "x]",
            ]
            image = \"\"\"
            fake = 1
            \"\"\"
            "scrollback" = 500

            [keys]
            rerun = "R"
            keys.stop = "S"
            [ colors ]
            hit = 'bold ]green'
            watch = true
            """
        let lines = ConfigLines.locate(text)
        #expect(lines[["engine"]] == 2 && lines[["docker-arg"]] == 3 && lines[["image"]] == 7)
        #expect(lines[["fake"]] == nil && lines[["scrollback"]] == 10)
        #expect(lines[["keys"]] == 12 && lines[["keys", "rerun"]] == 13 && lines[["keys", "keys", "stop"]] == 14)
        #expect(lines[["colors"]] == 15 && lines[["colors", "hit"]] == 16 && lines[["colors", "watch"]] == 17)
    }
}
