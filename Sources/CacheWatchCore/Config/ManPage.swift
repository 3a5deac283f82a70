import Foundation

/// The man page, cachewatch(1), made from the command line's own description (ArgumentParser's
/// `--experimental-dump-help`), whose option help comes from the option table: every command, its discussion and its
/// options in their groups. A test fails when docs/man/cachewatch.1 is stale.
public enum ManPage {
    struct Tool: Decodable {
        let command: Command
    }

    struct Command: Decodable {
        let commandName: String
        let abstract: String?
        let discussion: String?
        let arguments: [Argument]?
        let subcommands: [Command]?
        let shouldDisplay: Bool?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }
        let kind: String
        let names: [Name]?
        let valueName: String?
        let abstract: String?
        let sectionTitle: String?
        let isRepeating: Bool?
        let shouldDisplay: Bool
    }

    /// The page in roff, from the JSON `cachewatch --experimental-dump-help` prints.
    public static func roff(dumpHelp json: Data) throws -> String {
        let tool = try JSONDecoder().decode(Tool.self, from: json).command
        var lines = [
            ".TH CACHEWATCH 1 \"\" \"cachewatch\" \"User Commands\"",
            ".SH NAME",
            "cachewatch \\- " + escaped(tool.abstract ?? ""),
            ".SH SYNOPSIS",
            ".B cachewatch",
            "[\\fIcommand\\fR] [\\fIoptions\\fR] [\\fB\\-\\-\\fR \\fIbuild command\\fR ...]",
            ".SH DESCRIPTION",
        ]
        lines += paragraphs(tool.discussion)
        lines += [".SH COMMANDS"]
        let shown = (tool.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
        for command in shown {
            lines += [".TP", ".B " + escaped(command.commandName), escaped(command.abstract ?? "")]
        }
        for command in shown { lines += section(command, path: ["cachewatch"]) }
        lines += [
            ".SH FILES",
            ".TP", ".I ~/.config/cachewatch/config.toml", "Your settings (\\fBcachewatch config \\-\\-init\\fR writes one).",
            ".TP", ".I .cachewatch.toml", "A project's settings: they apply once you trust the file (\\fBcachewatch trust\\fR).",
            ".TP", ".I <mount root>/cachewatch/history.sqlite", "The runs kept (\\fBcachewatch history\\fR).",
            ".SH SEE ALSO",
            ".BR sccache (1),",
            ".BR docker (1)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A command's section: its synopsis, discussion and options in their groups, then its subcommands'.
    private static func section(_ command: Command, path: [String]) -> [String] {
        let name = path + [command.commandName]
        var lines = [".SH \"" + escaped(name.joined(separator: " ").uppercased()) + "\""]
        lines += paragraphs(command.abstract)
        lines += paragraphs(command.discussion)
        let arguments = (command.arguments ?? []).filter { argument in
            argument.shouldDisplay && !(argument.names ?? []).contains { ["help", "version", "h"].contains($0.name) }
        }
        var groups: [String] = []
        for argument in arguments where !groups.contains(argument.sectionTitle ?? "") {
            groups.append(argument.sectionTitle ?? "")
        }
        for group in groups {
            if !group.isEmpty { lines.append(".SS " + escaped(group)) }
            // A flag and its inversion (--probe, --no-probe) are one entry.
            var entries: [(usage: String, names: [String], abstract: String)] = []
            for argument in arguments where (argument.sectionTitle ?? "") == group {
                let names = (argument.names ?? []).map(\.name)
                if let last = entries.last, last.abstract == argument.abstract ?? "",
                    names.count == 1, last.names.contains(where: { "no-" + $0 == names[0] })
                {
                    entries[entries.count - 1].usage += ", " + usage(argument)
                } else {
                    entries.append((usage(argument), names, argument.abstract ?? ""))
                }
            }
            for entry in entries { lines += [".TP", entry.usage, escaped(entry.abstract)] }
        }
        for sub in command.subcommands ?? [] where sub.shouldDisplay != false && sub.commandName != "help" {
            lines += section(sub, path: name)
        }
        return lines
    }

    /// `\fB\-\-engine\fR \fI<docker|native>\fR`; a positional argument is its value's name.
    private static func usage(_ argument: Argument) -> String {
        let value = argument.valueName.map { "\\fI<" + escaped($0) + ">\\fR" }
        guard argument.kind != "positional", let names = argument.names, !names.isEmpty else {
            return (value ?? "") + (argument.isRepeating == true ? " ..." : "")
        }
        let spelled = names.map { name -> String in
            let dashes = name.kind == "short" ? "\\-" : "\\-\\-"
            return "\\fB" + dashes + escaped(name.name) + "\\fR"
        }
        return spelled.joined(separator: ", ") + (argument.kind == "option" ? " " + (value ?? "") : "")
    }

    private static func paragraphs(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).flatMap { [".PP", escaped(String($0))] }
    }

    /// Text roff prints as it is: backslashes and dashes escaped, no line read as a request.
    static func escaped(_ text: String) -> String {
        let plain = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        return plain.hasPrefix(".") || plain.hasPrefix("'") ? "\\&" + plain : plain
    }
}
