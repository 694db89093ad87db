/// A partner taking wrong indicators out of one of its own referrals
/// (`POST /v1/referrals/{id}/corrections`): a mistyped account number must stop linking the
/// referral to strangers. The named indicators stop linking, their links go, the network is
/// recomputed, the tasked agencies see the correction and TAXII revokes them (docs/withdraw.md).
/// A corrected value is submitted as a new referral: one that links afresh is routed afresh.
public struct ReferralCorrection: Sendable, Hashable {
    public static let maxIndicators = 100
    public let reason: String
    /// Correlation keys of the indicators to take out, as `GET /v1/referrals/{id}` shows them.
    public let remove: [String]

    /// Body: `{"reason": "...", "remove": ["uk_bank_account:60-16-13 31926819"]}`; every problem
    /// with its field path. `keys` are the referral's indicators' keys (a key it does not hold is an error).
    public static func validate(json: JSONValue, keys: Set<String>) -> Result<ReferralCorrection, ValidationFailure> {
        var decoding: [FieldError] = []
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else {
            return .failure(ValidationFailure(decoding))
        }
        reader.rejectUnknown(["reason", "remove"], &decoding)
        var reason: String?
        switch ReferralWithdrawal.validate(json: .object(["reason": reader.value("reason") ?? .null])) {
        case .success(let valid): reason = valid.reason
        case .failure(let failure): decoding += failure.errors
        }
        var remove: [String] = []
        if let items = reader.array("remove", &decoding) {
            if items.isEmpty || items.count > maxIndicators {
                decoding.append(FieldError(.root.appending("remove"), "must name 1 to \(maxIndicators) indicators"))
            }
            for (path, value) in items {
                guard let key = value.stringValue else {
                    decoding.append(FieldError(path, "must be an indicator key (a string)"))
                    continue
                }
                if !keys.contains(key) {
                    decoding.append(FieldError(path, "\(key.debugDescription) is not an indicator of this referral (use the key GET /v1/referrals/{id} shows)"))
                } else if remove.contains(key) {
                    decoding.append(FieldError(path, "named twice"))
                } else {
                    remove.append(key)
                }
            }
        } else if reader.value("remove") == nil {
            decoding.append(FieldError(.root.appending("remove"), "required"))
        }
        guard decoding.isEmpty, let reason else { return .failure(ValidationFailure(decoding)) }
        return .success(ReferralCorrection(reason: reason, remove: remove))
    }

    public init(reason: String, remove: [String]) {
        self.reason = reason
        self.remove = remove
    }
}
