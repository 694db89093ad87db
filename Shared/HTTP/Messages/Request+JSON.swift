import Foundation

/// Decoding JSON request bodies.
extension Request {
    /// Collects the body and decodes it; malformed JSON or a shape mismatch is a 400 naming the field.
    public func decode<T: Decodable>(_ type: T.Type, maxBytes: Int = .max) async throws -> T {
        let bytes = try await body.collect(upTo: maxBytes)
        return try JSONCoding.decode(type, from: Data(bytes))
    }
}

extension JSONCoding {
    /// Decodes `data`, turning `DecodingError` into a 400 `HTTPError` with a field path.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw HTTPError(decoding: error)
        }
    }
}
