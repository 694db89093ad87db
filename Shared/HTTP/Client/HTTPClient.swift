import Dispatch

/// A minimal HTTP/1.1 client over one kept-alive connection, for tests and operator tools.
///
/// Requests on one client are sent one at a time; the blocking socket work runs on the client's own serial
/// dispatch queue, never on Swift's cooperative pool. A connection the server has closed is reopened once.
public final class HTTPClient: Sendable {
    let host: String
    let port: Int
    let timeout: Duration
    let maxResponseBytes: Int
    private let queue = DispatchQueue(label: "occ.http-client")
    private let connection: ClientConnection

    /// A client for `host:port`; each request must complete within `timeout`.
    public init(host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(30),
                maxResponseBytes: Int = 64 * 1024 * 1024) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        connection = ClientConnection()
    }

    /// Sends one request and reads the whole response; `Host` and `Content-Length` are added.
    public func send(
        _ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) async throws -> ClientResponse {
        var head = "\(method.rawValue) \(target) HTTP/1.1\r\n"
        if !headers.contains("Host") { head += "Host: \(host):\(port)\r\n" }
        for field in headers where field.key != "content-length" {
            head += "\(field.name): \(field.value)\r\n"
        }
        if !body.isEmpty || method == .post || method == .put || method == .patch {
            head += "Content-Length: \(body.count)\r\n"
        }
        let bytes = Array((head + "\r\n").utf8) + body
        let endpoint = ClientConnection.Endpoint(host: host, port: port, timeout: timeout, maxResponseBytes: maxResponseBytes)
        let connection = self.connection
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try connection.perform(bytes, method: method, endpoint: endpoint) })
            }
        }
    }

    /// `GET target`.
    public func get(_ target: String, headers: HTTPHeaders = HTTPHeaders()) async throws -> ClientResponse {
        try await send(.get, target, headers: headers)
    }

    /// `POST target` with `value` encoded as JSON.
    public func post<T: Encodable>(_ target: String, json value: T, headers: HTTPHeaders = HTTPHeaders()) async throws
        -> ClientResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return try await send(.post, target, headers: headers, body: Array(try JSONCoding.encoder().encode(value)))
    }

    /// Closes the connection (a later request opens a new one).
    public func close() async {
        let connection = self.connection
        await withCheckedContinuation { continuation in
            queue.async {
                connection.disconnect()
                continuation.resume()
            }
        }
    }
}
