import Foundation
import Glibc

extension SimulatorKeys {
    /// Writes the keys to a new file readable by its owner only. An existing file is an error:
    /// its keys may be in use, and overwriting would orphan them.
    func write(to path: String) throws {
        let data = try JSONEncoder().encode(self)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DemoFailure("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count, fsync(descriptor) == 0 else { throw DemoFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    static func read(from path: String) throws -> SimulatorKeys {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DemoFailure("cannot read the key file \(path) (written by 'occ simulate setup')")
        }
        do {
            return try JSONDecoder().decode(SimulatorKeys.self, from: data)
        } catch {
            throw DemoFailure("\(path) is not a key file written by 'occ simulate setup'")
        }
    }
}
