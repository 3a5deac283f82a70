import CacheWatchCore
import Foundation

/// Reads what went into each compile's cache key after the build: its arguments (from sccache's log), its
/// dep-info file in `target/` (the sources and the `env!` values), and a digest of each source file inside the
/// project and of each file a build script wrote (`OUT_DIR`). Everything read is where a build can write, so
/// nothing is followed through a symbolic link.
public enum CompileInputReader {
    /// The compiles, each with its `inputs` (those with a hash key, the cacheable ones, and the build scripts: "why"
    /// tells whether the same script wrote a different output).
    /// - Parameter containerRoot: where the project is inside the container (`/volume`), nil natively.
    public static func read(_ compiles: [CrateResult], project: String, containerRoot: String?) -> [CrateResult] {
        var digests: [String: String] = [:]
        return compiles.map { compile in
            guard compile.hashKey != nil || compile.kind == "build-script", let argv = compile.arguments else { return compile }
            var result = compile
            result.inputs = inputs(argv, project: project, containerRoot: containerRoot, digests: &digests)
            return result
        }
    }

    static func inputs(
        _ argv: [String], project: String, containerRoot: String?, digests: inout [String: String]
    ) -> CompileInputs {
        let arguments = RustArguments(argv)
        var inputs = CompileInputs(
            unit: arguments.unit, extra: arguments.extraFilename, arguments: arguments.keyed, externs: arguments.externs)
        guard let outDir = arguments.outDir, let crate = arguments.crateName else {
            inputs.problem = "no --out-dir or --crate-name in its arguments"
            return inputs
        }
        let file =
            hostPath(outDir, project: project, containerRoot: containerRoot) + "/" + crate
            + (arguments.extraFilename ?? "") + ".d"
        let bytes: [UInt8]?
        do {
            bytes = try SafeFile.read(file, limit: 4 << 20)
        } catch {
            inputs.problem = error.description
            return inputs
        }
        guard let bytes else {
            inputs.problem = "\(file) does not exist"
            return inputs
        }
        let depInfo = DepInfo(text: String(decoding: bytes, as: UTF8.self))
        inputs.envDeps = depInfo.envDeps
        let target = project + "/target/"
        for source in depInfo.sources {
            let path = hostPath(source, project: project, containerRoot: containerRoot)
            if path.hasPrefix(target), BuildScriptOutput(path: path) != nil {
                inputs.sources[source] = digest(path, &digests)  // a build script's output: it may differ every run
                continue
            }
            guard path.hasPrefix(project + "/"), !path.hasPrefix(target) else {
                inputs.sources[source] = ""  // a registry crate's file: its version is in its path
                continue
            }
            inputs.sources[String(path.dropFirst(project.count + 1))] = digest(path, &digests)
        }
        return inputs
    }

    /// A file's digest, each file read once per run.
    static func digest(_ path: String, _ digests: inout [String: String]) -> String {
        if let known = digests[path] { return known }
        let digest = (try? SafeFile.read(path, limit: 64 << 20)).flatMap { $0.map(FNV1a.hex) } ?? "unreadable"
        digests[path] = digest
        return digest
    }

    /// A path as the build named it, on the host: the container's project root mapped to the project, a relative
    /// path taken from the project (the build's working directory).
    static func hostPath(_ path: String, project: String, containerRoot: String?) -> String {
        if let root = containerRoot, path == root || path.hasPrefix(root + "/") {
            return project + path.dropFirst(root.count)
        }
        return path.hasPrefix("/") ? path : project + "/" + path
    }
}
