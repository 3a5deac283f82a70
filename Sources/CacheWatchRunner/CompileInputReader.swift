import CacheWatchCore
import Foundation

/// Reads what went into each compile's cache key after the build: its arguments (from sccache's log), its
/// dep-info file in `target/` (the sources and the `env!` values), and a digest of each source file inside the
/// project. Everything read is where a build can write, so nothing is followed through a symbolic link.
public enum CompileInputReader {
    /// The compiles, each with its `inputs` (those with a hash key: the cacheable ones).
    /// - Parameter containerRoot: where the project is inside the container (`/volume`), nil natively.
    public static func read(_ compiles: [CrateResult], project: String, containerRoot: String?) -> [CrateResult] {
        var digests: [String: String] = [:]
        return compiles.map { compile in
            guard compile.hashKey != nil, let argv = compile.arguments else { return compile }
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
            guard path.hasPrefix(project + "/"), !path.hasPrefix(target) else {
                inputs.sources[source] = ""  // a registry crate's file: its version is in its path
                continue
            }
            let shown = String(path.dropFirst(project.count + 1))
            if let known = digests[path] {
                inputs.sources[shown] = known
                continue
            }
            let digest = (try? SafeFile.read(path, limit: 64 << 20)).flatMap { $0.map(FNV1a.hex) } ?? "unreadable"
            digests[path] = digest
            inputs.sources[shown] = digest
        }
        return inputs
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
