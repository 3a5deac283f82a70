import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` before every build of the executable: the git commit the binary is built from
/// (`git describe --always --dirty`), for `cachewatch --version`. The file is replaced only when the commit changed,
/// so an unchanged tree rebuilds nothing.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let file = output.appending(path: "BuildInfo.swift").path
        let script = """
            mkdir -p "$(dirname "$2")"
            commit=$(git -C "$1" describe --always --dirty --abbrev=12 2>/dev/null) || commit=unknown
            printf '/// Generated before each build: the commit this binary is built from.\\nenum BuildInfo {\\n    static let commit = "%s"\\n}\\n' "$commit" > "$2.new"
            if cmp -s "$2.new" "$2"; then rm -f "$2.new"; else mv -f "$2.new" "$2"; fi
            """
        return [
            .prebuildCommand(
                displayName: "BuildInfo: the git commit for --version", executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "build-info", context.package.directoryURL.path, file],
                outputFilesDirectory: output)
        ]
    }
}
