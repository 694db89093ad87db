import Foundation
import HTTP
import ServiceKit

extension Request {
    /// The calling agency; an `agency:tasking` key that belongs to no agency is refused.
    func agencyCode() throws -> String {
        guard let code = try principal().agencyCode else {
            throw HTTPError(.forbidden, detail: "this API key does not belong to an agency")
        }
        return code
    }

    /// The `{id}` path segment as a tasking id; anything else names no tasking.
    func taskingID() throws -> UUID {
        guard let text = parameters["id"], let id = UUID(uuidString: text) else {
            throw HTTPError(.notFound, detail: "no such tasking for this agency")
        }
        return id
    }
}
