import Domain
import Foundation
import HTTP

extension IntakeHandlers {
    /// `POST /v1/stix?crime_type=&gateway=&tlp=…`: a STIX 2.1 bundle, one referral per report or
    /// grouping (or one for the bundle, its crime type, gateway and markings from the query).
    ///
    /// All or nothing: every referral is validated first (errors point into the bundle, e.g.
    /// `objects[5].pattern`), then all are stored in one transaction; a conflict stores none.
    func stix(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        try Self.requireJSON(request)
        let defaults: ReferralSubmission
        switch STIXQueryDefaults.parse({ request.query[$0] }) {
        case .success(let submission): defaults = submission
        case .failure(let failure):
            throw HTTPError(.badRequest, detail: "bad query parameter(s)",
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
        let bundle = try Self.parseJSON(try await request.body.collect(upTo: limits.maxBundleBytes))
        let mapped: [STIXMappedReferral]
        switch STIXBundleMapper(maxObjects: limits.maxBundleObjects).map(bundle, defaults: defaults) {
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
