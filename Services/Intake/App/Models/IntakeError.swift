import Domain
import HTTP

/// Intake's refusals, each with its status and a problem body that names what to fix.
enum IntakeError: HTTPResponseError {
    /// The body is not JSON (or not the expected JSON shape at all): 400.
    case malformed(String)
    /// Every validation problem at once, with field paths: 422.
    case invalid(ValidationFailure)
    /// The partner reference is taken by a referral with different content: 409.
    case conflict(partnerReference: String, existing: ReferralReceipt)
    /// Not found, or another partner's: 404 either way, so ids cannot be probed.
    case notFound
    /// The key authenticates, but not as a partner.
    case notAPartner

    var status: HTTPStatus {
        switch self {
        case .malformed: .badRequest
        case .invalid: .unprocessableContent
        case .conflict: .conflict
        case .notFound: .notFound
        case .notAPartner: .forbidden
        }
    }

    func problem() -> Problem {
        switch self {
        case .malformed(let detail):
            Problem(status: status, detail: detail, errors: [Problem.FieldError(field: "$", message: detail)])
        case .invalid(let failure):
            Problem(
                type: "https://occ.example/problems/invalid-referral", title: "Invalid referral", status: status,
                detail: "\(failure.errors.count) problem(s) found; nothing was stored",
                errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        case .conflict(let reference, let existing):
            Problem(
                type: "https://occ.example/problems/reference-conflict", status: status,
                detail: "partner_reference \(reference.debugDescription) already names referral \(existing.reference) with different content",
                errors: [Problem.FieldError(field: "partner_reference", message: "already used for different content")])
        case .notFound:
            Problem(status: status, detail: "no such referral")
        case .notAPartner:
            Problem(status: status, detail: "this API key does not belong to a partner")
        }
    }
}
