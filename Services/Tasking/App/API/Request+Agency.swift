import Domain
import Foundation
import HTTP
import ServiceKit

extension Request {
    /// The body as a JSON value for a Domain validator; malformed JSON is a 400 at `body`.
    func jsonValue(upTo maxBytes: Int) async throws -> JSONValue {
        let bytes = try await body.collect(upTo: maxBytes)
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw HTTPError(.badRequest, detail: "the request body is not valid JSON: \(error)",
                            errors: [Problem.FieldError(field: "body", message: "is not valid JSON")])
        }
    }

    /// The calling officer. Agency actions name a person: a key of no agency, or an agency key
    /// naming no officer (issued before officers existed), is refused.
    func officer() throws -> CallingOfficer {
        let principal = try principal()
        guard case .officer(let id, let agency) = principal.owner else {
            throw HTTPError(.forbidden, detail: principal.agencyCode == nil
                ? "this API key does not belong to an agency"
                : "agency actions need an officer's own key (occ keys issue --officer ID); this agency key names no officer")
        }
        return CallingOfficer(id: id, agency: agency, actor: principal.auditActor)
    }

    /// The officer's stated purpose (`X-Purpose`): required on detail reads and actions, 400 otherwise.
    func purpose() throws -> Purpose {
        do {
            return try Purpose(header: headers[Purpose.header])
        } catch {
            throw Self.purposeProblem(error)
        }
    }

    /// The purpose when one is stated (lists); a stated but invalid one is still a 400.
    func optionalPurpose() throws -> Purpose? {
        headers[Purpose.header] == nil ? nil : try purpose()
    }

    private static func purposeProblem(_ error: Purpose.Invalid) -> HTTPError {
        HTTPError(.badRequest, detail: "the \(Purpose.header) header \(error)",
                  errors: [Problem.FieldError(field: Purpose.header, message: error.description)])
    }

    /// The `{id}` path segment as a tasking id; anything else names no tasking.
    func taskingID() throws -> UUID {
        guard let text = parameters["id"], let id = UUID(uuidString: text) else {
            throw HTTPError(.notFound, detail: "no such tasking for this agency")
        }
        return id
    }

    /// The optional `Idempotency-Key` of an outcome: 1 to 200 visible ASCII characters, else a 400.
    func idempotencyKey() throws -> String? {
        guard let key = headers["Idempotency-Key"] else { return nil }
        guard (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw HTTPError(.badRequest, detail: "the Idempotency-Key header must be 1 to 200 visible ASCII characters",
                            errors: [Problem.FieldError(field: "Idempotency-Key", message: "must be 1 to 200 visible ASCII characters")])
        }
        return key
    }
}
