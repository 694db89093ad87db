import Domain
import Foundation

extension DemoScenario {
    /// With `--keep-running`: where the oversight console is, and a file readable only by this
    /// user holding the demo's oversight, officer and partner keys to sign in with. Keys are
    /// written to the file, never to the terminal or a log.
    func printConsoleAccess() throws {
        let path = "\(NSTemporaryDirectory())occ-demo-console-keys-\(getpid())"
        var lines = ["# the demo's keys for the oversight console's sign-in form (throwaway database)"]
        lines.append("oversight: \(oversightKey)")
        for (agency, key) in agencyKeys.sorted(by: { $0.key < $1.key }) { lines.append("officer \(agency): \(key)") }
        for (sector, key) in partnerKeys.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { lines.append("partner \(sector.rawValue): \(key)") }
        guard FileManager.default.createFile(
            atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission) }
        emit("\n== the oversight console: http://127.0.0.1:\(ports["feedback"] ?? 0)/console")
        emit("   sign in with a key from \(path) (mode 0600; oversight sees aggregates, officers also journeys, partners their scorecard)")
    }
}
