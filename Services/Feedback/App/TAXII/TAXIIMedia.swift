import Domain
import HTTP

/// The TAXII 2.1 and STIX 2.1 media types, and the content negotiation TAXII requires (§1.6.8).
enum TAXIIMedia {
    static let taxii = "application/taxii+json;version=2.1"
    static let stix = "application/stix+json;version=2.1"

    /// Whether an `Accept` header admits TAXII 2.1 JSON. No header admits anything.
    static func accepts(_ accept: String?) -> Bool {
        guard let accept else { return true }
        return accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { return false }
            if type == "*/*" || type == "application/*" { return true }
            guard type == "application/taxii+json" else { return false }
            let version = parts.dropFirst().first { $0.hasPrefix("version=") }
            return version == nil || version == "version=2.1"
        }
    }

    static func response(_ value: JSONValue, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        response(text: value.canonicalText, status: status, headers: headers)
    }

    static func response(text: String, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers["Content-Type"] = taxii
        return Response(status: status, headers: headers, body: Array(text.utf8))
    }
}
