import Foundation

/// The package's executables, built next to the test bundle (e.g. `.build/debug/intake`), for
/// tests that drive the real programs.
public enum BuiltExecutable {
    /// The executable `name` (the `occ` CLI's target is also spelled `OCC`), or an error telling
    /// how to build it.
    public static func url(_ name: String) throws -> URL {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in name == "occ" ? ["occ", "OCC"] : [name] {
            let url = directory.appendingPathComponent(candidate)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw Missing(name: name, directory: directory.path)
    }

    public struct Missing: Error, CustomStringConvertible {
        public let name: String
        public let directory: String
        public var description: String { "the \(name) executable was not found in \(directory); run `swift build --build-tests` first" }
    }
}
