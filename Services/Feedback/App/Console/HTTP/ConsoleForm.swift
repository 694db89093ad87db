import HTTP

/// A submitted console form (`application/x-www-form-urlencoded`): small, UTF-8, each field once.
struct ConsoleForm: Sendable {
    /// The console's forms carry a key, a token and a purpose: 4 KiB is ample.
    static let maxBytes = 4096

    let fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// The form in `request`'s body; a 400 or 415 naming what is wrong otherwise.
    static func read(_ request: Request) async throws -> ConsoleForm {
        let type = request.headers["Content-Type"]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/x-www-form-urlencoded" else {
            throw HTTPError(.unsupportedMediaType, detail: "send the form as application/x-www-form-urlencoded")
        }
        let bytes = try await request.body.collect(upTo: maxBytes)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw HTTPError(.badRequest, detail: "the form is not UTF-8") }
        var fields: [String: String] = [:]
        for item in QueryItems(encoded: Substring(text)).items {
            guard fields[item.name] == nil else { throw HTTPError(.badRequest, detail: "the form field \(item.name) is repeated") }
            fields[item.name] = item.value
        }
        return ConsoleForm(fields: fields)
    }
}
