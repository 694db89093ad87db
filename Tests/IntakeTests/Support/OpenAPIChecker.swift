import Foundation
import HTTP

/// Checks responses against the served OpenAPI document: the status must be documented for the
/// operation, with the documented media type, and a JSON body must carry the schema's required members.
struct OpenAPIChecker {
    let document: [String: Any]

    init(_ bytes: [UInt8]) throws {
        document = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] ?? [:]
    }

    /// Problems found with `response` to `method` on the templated `path`; empty when it conforms.
    func problems(_ response: ClientResponse, method: String, path: String) -> [String] {
        let paths = document["paths"] as? [String: Any]
        guard let operation = (paths?[path] as? [String: Any])?[method.lowercased()] as? [String: Any] else {
            return ["\(method) \(path) is not documented"]
        }
        guard let documented = (operation["responses"] as? [String: Any])?[String(response.status.code)] as? [String: Any] else {
            return ["\(method) \(path) does not document status \(response.status.code)"]
        }
        guard let content = documented["content"] as? [String: Any] else { return [] }
        let mediaType = response.headers["Content-Type"]?.split(separator: ";").first.map(String.init) ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            return ["\(method) \(path) \(response.status.code) does not document \(mediaType)"]
        }
        guard let schema = resolve(media["schema"] as? [String: Any]),
              let body = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        else { return [] }
        let required = schema["required"] as? [String] ?? []
        return required.filter { body[$0] == nil }.map { "\(method) \(path) \(response.status.code) lacks required \($0)" }
    }

    private func resolve(_ schema: [String: Any]?) -> [String: Any]? {
        guard let reference = schema?["$ref"] as? String else { return schema }
        let name = String(reference.split(separator: "/").last ?? "")
        return ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any]
    }
}
