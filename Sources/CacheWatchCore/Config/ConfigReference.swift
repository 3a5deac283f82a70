/// The options reference in docs/config.md, made from the one option table (a test fails when the page is stale).
extension ConfigOption {
    /// Every setting: its name (a flag `--name` and a config file's `name`), what it takes, its default, whether
    /// a project's file may set it, and what it does.
    public static var markdownTable: String {
        var lines = ["| Setting | Takes | Default | In `.cachewatch.toml` | What it does |", "| --- | --- | --- | --- | --- |"]
        for option in all {
            let standard = option.standard.map { "`\($0.toml)`" } ?? cell(option.unset)
            lines.append(
                "| `\(option.name)` | \(cell(option.expected)) | \(standard) | \(option.projectMay ? "yes" : "no") | "
                    + "\(cell(option.help)) |")
        }
        return lines.joined(separator: "\n")
    }

    private static func cell(_ text: String) -> String {
        text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}
