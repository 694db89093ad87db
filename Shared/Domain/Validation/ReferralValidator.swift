import Foundation

/// Checks a partner's submission and produces a `ValidReferral`, or every problem at once
/// with its JSON field path (`indicators[2].value: not a valid IBAN checksum`).
public struct ReferralValidator: Sendable {
    public let limits: ValidationLimits
    public let normaliser: IndicatorNormaliser

    public init(limits: ValidationLimits = .standard, normaliser: IndicatorNormaliser = IndicatorNormaliser()) {
        self.limits = limits
        self.normaliser = normaliser
    }

    /// Validates with the given limits and no Public Suffix List (registrable domains are
    /// added later by enrichment). With `now`, timestamps in the future are refused.
    public static func validate(
        _ submission: ReferralSubmission, limits: ValidationLimits = .standard, now: Date? = nil
    ) -> Result<ValidReferral, ValidationFailure> {
        ReferralValidator(limits: limits).validate(submission, now: now)
    }

    public func validate(_ submission: ReferralSubmission, now: Date? = nil) -> Result<ValidReferral, ValidationFailure> {
        var check = FieldCheck()
        let reference = partnerReference(submission.partnerReference, &check)
        let crimeType = check.required(submission.crimeType, at: .root.appending(ReferralSubmission.Key.crimeType)) { text in
            CrimeType(rawValue: text).map(Result.success)
                ?? .failure("unknown crime type \(text.quoted); expected one of \(CrimeType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let summary = self.summary(submission.summary, &check)
        let window = submission.timeWindow.flatMap { timeWindow($0, now: now, &check) }
        let victims = submission.victims.flatMap { self.victims($0, &check) }
        let loss = submission.loss.flatMap {
            check.money($0, at: .root.appending(ReferralSubmission.Key.loss), maximumMajorUnits: limits.maxLossMajorUnits)
        }
        let indicators = self.indicators(submission.indicators ?? [], &check)
        meaningfulContent(summary: summary, indicatorCount: submission.indicators?.count ?? 0, &check)
        let gateway = check.required(submission.gateway, at: .root.appending(ReferralSubmission.Key.gateway)) { text in
            // Syntax only: whether the gateway exists and this partner may invoke it is the
            // registry's answer (GatewayPermission), read by intake at request time.
            GatewayCode(checking: text).map(Result.success)
                ?? .failure("not a gateway code \(text.quoted); expected lower-case letters, digits and underscores such as cca_2013_s7")
        }
        let markings = self.markings(submission.markings, &check)

        let errors = check.merged(with: submission.decodingProblems)
        guard errors.isEmpty, let reference, let crimeType, let gateway, let markings else {
            return .failure(ValidationFailure(errors))
        }
        return .success(ValidReferral(
            partnerReference: reference, crimeType: crimeType, summary: summary, timeWindow: window,
            victims: victims, loss: loss, overseas: submission.overseas ?? false, indicators: indicators,
            gateway: gateway, markings: markings, harm: submission.harm?.flags))
    }
}
