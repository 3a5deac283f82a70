import Foundation
import Testing

@testable import CacheWatchCore

@Suite("The man page")
struct ManPageTests {
    @Test("Commands, groups, a flag and its inversion as one entry; roff's specials escaped, no line read as a request")
    func roff() throws {
        let json = """
            {"command": {"commandName": "cachewatch", "abstract": "Watch a build.", "discussion": ".dot first\\\\",
              "subcommands": [
                {"commandName": "run", "abstract": "Build -it.", "arguments": [
                  {"kind": "flag", "names": [{"kind": "long", "name": "probe"}], "abstract": "Check.", "sectionTitle": "Build",
                   "shouldDisplay": true},
                  {"kind": "flag", "names": [{"kind": "long", "name": "no-probe"}], "abstract": "Check.", "sectionTitle": "Build",
                   "shouldDisplay": true},
                  {"kind": "option", "names": [{"kind": "long", "name": "mount-root"}], "valueName": "dir",
                   "abstract": "Root.", "sectionTitle": "Build", "shouldDisplay": true},
                  {"kind": "flag", "names": [{"kind": "short", "name": "h"}, {"kind": "long", "name": "help"}],
                   "abstract": "Help.", "shouldDisplay": true},
                  {"kind": "positional", "valueName": "command", "isRepeating": true, "abstract": "The command.",
                   "shouldDisplay": true}]},
                {"commandName": "help", "abstract": "Help.", "shouldDisplay": false}]}}
            """
        let page = try ManPage.roff(dumpHelp: Data(json.utf8))
        let lines = page.split(separator: "\n").map(String.init)
        #expect(lines.first == ".TH CACHEWATCH 1 \"\" \"cachewatch\" \"User Commands\"")
        #expect(lines.contains("\\&.dot first\\e"), "\(lines)")
        #expect(lines.contains(".SH \"CACHEWATCH RUN\"") && lines.contains(".SS Build"))
        #expect(lines.contains("\\fB\\-\\-probe\\fR, \\fB\\-\\-no\\-probe\\fR"), "\(lines)")
        #expect(lines.contains("\\fB\\-\\-mount\\-root\\fR \\fI<dir>\\fR"))
        #expect(lines.contains("\\fI<command>\\fR ..."))
        #expect(lines.contains("Build \\-it."))
        #expect(!page.contains("help") || !lines.contains(".B help"), "help is not a command of the page")
        #expect(!lines.contains { $0.contains("\\-\\-help") })
        #expect(
            lines.filter { $0.hasPrefix(".") }.allSatisfy {
                $0.hasPrefix(".TH") || $0.hasPrefix(".S") || [".TP", ".PP", ".B", ".I", ".BR"].contains(where: $0.hasPrefix)
            })
    }
}
