import Domain
import Foundation
import Glibc
import HTTP
import Runtime
import Synchronization

/// A partner's webhook endpoint, for real, on 127.0.0.1: it verifies every request's signature
/// against the secrets it holds, answers 500 to its first `failFirst` requests and 200 after,
/// and counts accepted deliveries per event id (de-duplicating as a partner would). With
/// `holdRequests` each request waits, in flight, until `release()`.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        var requests = 0
        var badSignatures = 0
        /// Accepted (answered 200) deliveries per `OCC-Event-Id`.
        var accepted: [String: Int] = [:]
        var types: [String: String] = [:]
        /// The body's `data`, as JSON, per event id.
        var data: [String: JSONValue] = [:]
        var signatureHeaders: [String] = []
        var inFlight = 0
        var maxInFlight = 0
    }

    let port: Int
    private let server: HTTPServer
    private let running: Task<Void, any Error>
    private let shared: Shared
    private let gate: Gate?

    /// What the route handler and the test share.
    final class Shared: Sendable {
        let received = Mutex(Received())
        let secrets: Mutex<[String]>
        init(secrets: [String]) { self.secrets = Mutex(secrets) }
    }

    init(secrets: [String] = [], failFirst: Int = 0, holdRequests: Bool = false) throws {
        let shared = Shared(secrets: secrets)
        self.shared = shared
        let gate = holdRequests ? Gate() : nil
        self.gate = gate
        let router = Router(logger: Logger(service: "webhook-receiver", level: .critical))
        server = HTTPServer(router: router, configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0),
                            logger: Logger(service: "webhook-receiver", level: .critical))
        router.post("/hook") { request in
            let body = try await request.body.collect(upTo: 1 << 20)
            let number = shared.received.withLock { received in
                received.requests += 1
                received.inFlight += 1
                received.maxInFlight = max(received.maxInFlight, received.inFlight)
                return received.requests
            }
            if let gate { await gate.wait() }
            defer { shared.received.withLock { $0.inFlight -= 1 } }
            let header = request.headers[WebhookSignature.headerName] ?? ""
            let verified = shared.secrets.withLock { $0 }.contains {
                WebhookSignature.verify(header: header, body: body, secret: Array($0.utf8), now: Date())
            }
            let envelope = try? JSONValue(parsing: body)
            guard verified, let id = request.headers["OCC-Event-Id"], envelope?["id"]?.stringValue == id else {
                shared.received.withLock { $0.badSignatures += 1 }
                return Response(status: .unauthorized)
            }
            if number <= failFirst { return Response(status: .internalServerError) }
            shared.received.withLock { received in
                received.accepted[id, default: 0] += 1
                received.types[id] = request.headers["OCC-Event-Type"]
                received.data[id] = envelope?["data"]
                received.signatureHeaders.append(header)
            }
            return Response(status: .ok)
        }
        port = try server.bind()
        let server = self.server
        running = Task { try await server.run() }
    }

    var url: String { Self.url(port: port) }

    static func url(port: Int) -> String { "http://127.0.0.1:\(port)/hook" }

    /// A loopback port nothing listens on (bound, read, closed): connecting to it is refused at once.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure(call: "socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXFailure(call: "bind") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct POSIXFailure: Error { let call: String }
    var received: Received { shared.received.withLock { $0 } }

    func hold(secrets: [String]) { shared.secrets.withLock { $0 = secrets } }

    /// Lets every held request, and every later one, through.
    func release() { gate?.open() }

    func stop() async throws {
        release()
        server.shutdown()
        try await running.value
    }

    /// Requests wait here until opened.
    final class Gate: Sendable {
        private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

        func wait() async {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.open { return true }
                    state.waiting.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }

        func open() {
            let waiting = state.withLock { state in
                state.open = true
                defer { state.waiting = [] }
                return state.waiting
            }
            waiting.forEach { $0.resume() }
        }
    }
}
