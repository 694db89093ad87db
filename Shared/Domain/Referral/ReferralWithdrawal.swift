/// A partner withdrawing one of its own referrals (`POST /v1/referrals/{id}/withdraw`): the
/// exchange stops routing it, removes it from networks, tells the agencies tasked with it and
/// publishes its indicators as revoked (docs/withdraw.md).
public struct ReferralWithdrawal: Sendable, Hashable {
    public static let maxReasonLength = 1_000
    /// Why, in the partner's words: shown to the tasked agencies and audited.
    public let reason: String

    /// Body: `{"reason": "..."}`; every problem with its field path.
    public static func validate(json: JSONValue) -> Result<ReferralWithdrawal, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else {
            return .failure(ValidationFailure(decoding))
        }
        reader.rejectUnknown(["reason"], &decoding)
        let reason = check.required(reader.string("reason", &decoding), at: .root.appending("reason")) { (text: String) -> Result<String, FieldCheck.Message> in
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty { return .failure("must say why the referral is withdrawn") }
            if trimmed.count > maxReasonLength { return .failure("must have at most \(maxReasonLength) characters") }
            if trimmed.containsControlCharacters() || !trimmed.isPrintableText { return .failure("contains control or invisible characters") }
            return .success(trimmed)
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let reason else { return .failure(ValidationFailure(errors)) }
        return .success(ReferralWithdrawal(reason: reason))
    }

    public init(reason: String) {
        self.reason = reason
    }
}
