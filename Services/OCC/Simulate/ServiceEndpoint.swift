import Foundation
import HTTP

/// Where a running service answers: `http://HOST:PORT` (plain HTTP; TLS terminates in front).
struct ServiceEndpoint: Sendable, CustomStringConvertible {
    let host: String
    let port: Int

    /// Parses `http://HOST[:PORT]`, with no path; the port defaults to 80.
    init(_ text: String, option: String) throws(UsageError) {
        guard let url = URLComponents(string: text), url.scheme == "http", let host = url.host, !host.isEmpty,
              url.path.isEmpty || url.path == "/", url.query == nil, (url.port ?? 80) > 0, (url.port ?? 80) < 65536 else {
            throw UsageError("--\(option) must be http://HOST:PORT, got '\(text)'")
        }
        self.host = host
        port = url.port ?? 80
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The option's value, else the environment variable's, else an error naming both.
    static func resolve(_ arguments: Arguments, option: String, variable: String) throws(UsageError) -> ServiceEndpoint {
        if let text = arguments.string(option) { return try ServiceEndpoint(text, option: option) }
        if let text = ProcessInfo.processInfo.environment[variable], !text.isEmpty { return try ServiceEndpoint(text, option: option) }
        throw UsageError("give --\(option) or set \(variable)")
    }

    var description: String { "http://\(host):\(port)" }

    func client(timeout: Duration = .seconds(30)) -> HTTPClient { HTTPClient(host: host, port: port, timeout: timeout) }
}
