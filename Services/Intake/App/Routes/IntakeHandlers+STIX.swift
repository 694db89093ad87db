import Domain
import Foundation
import HTTP

extension IntakeHandlers {
    /// `POST /v1/stix`: a STIX 2.1 bundle, one referral per report or grouping (or one for the bundle).
    ///
    /// All or nothing: every referral is validated first (errors point into the bundle, e.g.
    /// `objects[5].pattern`), then all are stored in one transaction; a conflict stores none.
    func stix(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        try Self.requireJSON(request)
        let bundle = try Self.parseJSON(try await request.body.collect(upTo: limits.maxBundleBytes))
        let mapped: [STIXMappedReferral]
        switch STIXBundleMapper(maxObjects: limits.maxBundleObjects).map(bundle) {
        case .success(let referrals): mapped = referrals
        case .failure(let failure): throw IntakeError.invalid(failure)
        }
        let validator = ReferralValidator(limits: limits.validation)
        let now = Date()
        var incoming: [IncomingReferral] = []
        var errors: [FieldError] = []
        for referral in mapped {
            switch validator.validate(referral.submission, now: now) {
            case .success(let valid):
                if let refusal = try await gateways.refusal(invoking: valid.gateway, partnerID: partnerID) {
                    errors += referral.translate(GatewayCheck.failure(refusal)).errors
                    continue
                }
                incoming.append(IncomingReferral(
                    valid: valid, submission: referral.submission, partnerID: partnerID, channel: .stix,
                    traceID: request.context.requestID))
            case .failure(let failure):
                errors += referral.translate(failure).errors
            }
        }
        guard errors.isEmpty else { throw IntakeError.invalid(ValidationFailure(errors)) }
        let outcomes = try await store.storeAll(incoming, partnerID: partnerID)
        var batch = ReferralBatchResult()
        for outcome in outcomes {
            if case .conflict(let receipt) = outcome {
                throw IntakeError.conflict(partnerReference: receipt.partnerReference, existing: receipt)
            }
            count(outcome, channel: .stix)
            batch.add(ReferralResult(line: nil, outcome: outcome))
        }
        return try Response.json(batch, status: batch.created > 0 ? .created : .ok)
    }
}
