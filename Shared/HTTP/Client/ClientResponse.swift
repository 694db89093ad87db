import Foundation

/// A complete response received by `HTTPClient`.
public struct ClientResponse: Sendable {
    /// The status.
    public let status: HTTPStatus
    /// The header fields.
    public let headers: HTTPHeaders
    /// The body bytes.
    public let body: [UInt8]

    /// The body as UTF-8 text.
    public var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The body decoded as JSON with the project's conventions.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONCoding.decoder().decode(type, from: Data(body))
    }
}
