import Foundation

/// Maps a STIX 2.1 bundle to referral submissions: one per `report` or `grouping`, or one
/// for the whole bundle when it has neither. Structural problems (unsupported patterns,
/// dangling references, wrong property types) are reported with bundle field paths
/// (`objects[3].pattern: unsupported pattern: …`). The extension used for phone numbers,
/// bank accounts and wallets is documented in docs/stix-extension.md.
public struct STIXBundleMapper: Sendable {
    public let maxObjects: Int

    public init(maxObjects: Int = 10_000) {
        self.maxObjects = maxObjects
    }

    /// `defaults` fills referral fields the bundle does not carry (for example a crime type
    /// and gateway given by the caller for a bundle without a report).
    public func map(_ bundle: JSONValue, defaults: ReferralSubmission = ReferralSubmission()) -> Result<[STIXMappedReferral], ValidationFailure> {
        var problems: [FieldError] = []
        guard let index = STIXBundleIndex.build(bundle, maxObjects: maxObjects, problems: &problems) else {
            return .failure(ValidationFailure(problems))
        }
        let builder = STIXReferralBuilder(index: index, defaults: defaults)
        let referrals = builder.referrals(problems: &problems)
        return problems.isEmpty ? .success(referrals) : .failure(ValidationFailure(problems))
    }

    /// Maps and validates every referral, reporting all problems against bundle paths.
    public func validate(
        _ bundle: JSONValue, defaults: ReferralSubmission = ReferralSubmission(),
        validator: ReferralValidator = ReferralValidator(), now: Date? = nil
    ) -> Result<[ValidReferral], ValidationFailure> {
        let mapped: [STIXMappedReferral]
        switch map(bundle, defaults: defaults) {
        case .success(let referrals): mapped = referrals
        case .failure(let failure): return .failure(failure)
        }
        var valid: [ValidReferral] = []
        var errors: [FieldError] = []
        for referral in mapped {
            switch validator.validate(referral.submission, now: now) {
            case .success(let result): valid.append(result)
            case .failure(let failure): errors += referral.translate(failure).errors
            }
        }
        return errors.isEmpty ? .success(valid) : .failure(ValidationFailure(errors))
    }
}
