import Foundation
import HTTP

/// Checks responses against a service's OpenAPI document: the operation and its status must be
/// documented, with the response's media type, and a JSON body must satisfy the documented schema
/// (`JSONSchemaChecker`'s subset). Reusable components (`#/components/responses/…`) are followed.
public struct OpenAPIChecker: Sendable {
    public let document: JSONDocument
    private let schemas: JSONSchemaChecker

    public init(_ bytes: [UInt8]) throws {
        document = try JSONDocument(parsing: bytes)
        schemas = JSONSchemaChecker(root: document)
    }

    /// Every documented operation as `METHOD /path/{parameter}`, sorted.
    public var operations: [String] {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        return (document["paths"]?.objectValue ?? [:]).flatMap { path, item in
            (item.objectValue ?? [:]).keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" }
        }.sorted()
    }

    /// Problems found with `response` to `method` on the templated `path`; empty when it conforms.
    public func problems(_ response: ClientResponse, method: String, path: String) -> [String] {
        problems(status: response.status.code, contentType: response.headers["Content-Type"], body: response.body, method: method, path: path)
    }

    /// Problems found with a response of `status`, `contentType` and `body`; empty when it conforms.
    public func problems(status: Int, contentType: String?, body: [UInt8], method: String, path: String) -> [String] {
        let operation = "\(method) \(path) \(status)"
        guard let described = document["paths"]?[path]?[method.lowercased()] else { return ["\(method) \(path) is not documented"] }
        guard let documented = described["responses"]?[String(status)].map(schemas.resolve) else {
            return ["\(method) \(path) does not document status \(status)"]
        }
        guard let content = documented["content"]?.objectValue else {
            return body.isEmpty ? [] : ["\(operation) documents no body but has \(body.count) bytes"]
        }
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        // A type documented with its parameters (TAXII's `application/taxii+json;version=2.1`) must match them too.
        let fullType = contentType.map { $0.filter { $0 != " " } } ?? ""
        guard let media = content[fullType] ?? content[mediaType] else { return ["\(operation) does not document \(fullType)"] }
        guard let schema = media["schema"], mediaType.hasSuffix("json") else { return [] }
        guard let value = try? JSONDocument(parsing: body) else { return ["\(operation) body is not JSON"] }
        return schemas.problems(value, schema: schema).map { "\(operation): \($0)" }
    }
}
