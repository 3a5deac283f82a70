/// What rustc's arguments (as sccache's log prints them) say about a compile: its crate, what it builds, where
/// its outputs go, the crates it links, and the arguments that reach sccache's cache key.
public struct RustArguments: Hashable, Sendable {
    public let all: [String]

    public init(_ arguments: [String]) {
        all = arguments
    }

    public var crateName: String? { value(of: "--crate-name") }
    public var outDir: String? { value(of: "--out-dir") }
    public var target: String? { value(of: "--target") }

    /// cargo's unit hash suffix (`-C extra-filename=-0a1b…`).
    public var extraFilename: String? { codegen("extra-filename") }

    /// "lib", "bin", "proc-macro", "build-script", "test", …
    public var kind: String? {
        if all.contains("--test") { return "test" }
        if let name = crateName, name.hasPrefix("build_script_") { return "build-script" }
        guard let type = value(of: "--crate-type") else { return nil }
        return type == "rlib" ? "lib" : type
    }

    /// The profile's directory in the out-dir (`target/release/deps` → "release").
    public var profile: String? {
        guard let outDir else { return nil }
        let parts = outDir.split(separator: "/")
        guard let deps = parts.lastIndex(where: { $0 == "deps" || $0 == "build" }), deps > 0 else { return nil }
        return String(parts[deps - 1])
    }

    /// The unit a compile builds, the same from one run to the next: crate, kind, profile, target. Every build
    /// script is crate `build_script_build`: its package (from its out-dir) tells them apart ("stamp/build_script_build").
    public var unit: String {
        var crate = crateName ?? "?"
        if kind == "build-script", let directory = outDir?.split(separator: "/").last,
            let package = BuildScriptOutput.package(ofDirectory: directory)
        {
            crate = package + "/" + crate
        }
        return [crate, kind ?? "?", profile ?? "?", target ?? "host"].joined(separator: "|")
    }

    /// `--extern name=path` as name → the extra-filename of the library it names (`libname-0a1b.rmeta`).
    public var externs: [String: String] {
        var result: [String: String] = [:]
        var index = 0
        while index < all.count {
            var spec: String?
            if all[index] == "--extern", index + 1 < all.count {
                spec = all[index + 1]
                index += 1
            } else if all[index].hasPrefix("--extern=") {
                spec = String(all[index].dropFirst("--extern=".count))
            }
            if let spec, let equals = spec.firstIndex(of: "=") {
                let name = String(spec[..<equals])
                let file = spec[spec.index(after: equals)...].split(separator: "/").last.map(String.init) ?? ""
                let stem = file.split(separator: ".").first.map(String.init) ?? file
                if let dash = stem.lastIndex(of: "-") { result[name] = String(stem[dash...]) } else { result[name] = "" }
            }
            index += 1
        }
        return result
    }

    /// The arguments as they reach sccache's key, each flag with its value as one item: `--extern`, `-L`,
    /// `--out-dir`, `--check-cfg`, `--diagnostic-width` and `--color` are left out (sccache leaves them out or
    /// they name paths), `--cfg`s are sorted after the rest, and cargo's unit hashes (`-C metadata`,
    /// `-C extra-filename`) are left to the other causes: they change whenever anything else does.
    public var keyed: [String] {
        var items: [String] = []
        var cfgs: [String] = []
        let dropped: Set<String> = ["--extern", "-L", "--out-dir", "--check-cfg", "--diagnostic-width", "--color"]
        let valued: Set<String> = [
            "--crate-name", "--edition", "--error-format", "--json", "--crate-type", "--emit", "-C", "--cap-lints",
            "--target", "--cfg", "-Z", "-A", "-W", "-D", "--remap-path-prefix", "--codegen",
        ]
        var index = 0
        while index < all.count {
            var flag = all[index]
            var value: String?
            if let equals = flag.firstIndex(of: "="), flag.hasPrefix("--"), !valued.contains(flag) {
                let name = String(flag[..<equals])
                if dropped.contains(name) || valued.contains(name) {
                    value = String(flag[flag.index(after: equals)...])
                    flag = name
                }
            } else if flag.hasPrefix("-C"), flag.count > 2 {
                value = String(flag.dropFirst(2))
                flag = "-C"
            } else if (valued.contains(flag) || dropped.contains(flag)), index + 1 < all.count {
                value = all[index + 1]
                index += 1
            }
            index += 1
            if dropped.contains(flag) { continue }
            if flag == "-C", let value, value.hasPrefix("metadata=") || value.hasPrefix("extra-filename=") { continue }
            let item = value.map { "\(flag) \($0)" } ?? flag
            if flag == "--cfg" { cfgs.append(item) } else { items.append(item) }
        }
        return items + cfgs.sorted()
    }

    func value(of flag: String) -> String? {
        for (i, argument) in all.enumerated() {
            if argument == flag, i + 1 < all.count { return all[i + 1] }
            if argument.hasPrefix(flag + "=") { return String(argument.dropFirst(flag.count + 1)) }
        }
        return nil
    }

    /// The value of `-C name=value` (or `-Cname=value`, `--codegen name=value`).
    func codegen(_ name: String) -> String? {
        for (i, argument) in all.enumerated() {
            var option: String?
            if argument == "-C" || argument == "--codegen", i + 1 < all.count { option = all[i + 1] }
            if argument.hasPrefix("-C"), argument.count > 2 { option = String(argument.dropFirst(2)) }
            if let option, option.hasPrefix(name + "=") { return String(option.dropFirst(name.count + 1)) }
        }
        return nil
    }
}
