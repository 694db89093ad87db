import Domain
import Foundation
import HTTP
import ServiceKit

extension IntakeHandlers {
    static let maxWithdrawalBytes = 16 * 1024

    /// `POST /v1/referrals/{id}/withdraw` `{"reason": "..."}`: 200 withdrawn, 409 already
    /// withdrawn, 404 not the partner's, 422 no usable reason, 400 not JSON (docs/withdraw.md).
    func withdraw(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        guard let text = request.parameters["id"], let id = UUID(uuidString: text) else { throw IntakeError.notFound }
        try Self.requireJSON(request)
        let json = try Self.parseJSON(try await request.body.collect(upTo: Self.maxWithdrawalBytes))
        let withdrawal: ReferralWithdrawal
        switch ReferralWithdrawal.validate(json: json) {
        case .success(let valid): withdrawal = valid
        case .failure(let failure): throw IntakeError.invalid(failure)
        }
        let principal = try request.principal()
        switch try await withdrawer.withdraw(id, partnerID: partnerID, withdrawal: withdrawal, keyID: principal.keyID,
                                             traceID: request.context.requestID) {
        case .withdrawn(let receipt):
            return try Response.json(receipt)
        case .alreadyWithdrawn(let at):
            throw HTTPError(.conflict, detail: "this referral was already withdrawn at \(Timestamp.format(at))")
        case .notFound:
            throw IntakeError.notFound
        }
    }

    /// `POST /v1/referrals/{id}/corrections` `{"reason": "...", "remove": ["<key>", …]}`: 200
    /// corrected, 409 withdrawn, 404 not the partner's, 422 a bad reason or a key the referral
    /// does not hold, 400 not JSON (docs/withdraw.md).
    func correct(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        guard let text = request.parameters["id"], let id = UUID(uuidString: text) else { throw IntakeError.notFound }
        try Self.requireJSON(request)
        let json = try Self.parseJSON(try await request.body.collect(upTo: Self.maxWithdrawalBytes))
        let principal = try request.principal()
        switch try await withdrawer.correct(id, partnerID: partnerID, json: json, keyID: principal.keyID, traceID: request.context.requestID) {
        case .corrected(let receipt):
            return try Response.json(receipt)
        case .invalid(let failure):
            throw IntakeError.invalid(failure)
        case .withdrawn(let at):
            throw HTTPError(.conflict, detail: "this referral was withdrawn at \(Timestamp.format(at)); it cannot be corrected")
        case .notFound:
            throw IntakeError.notFound
        }
    }
}
