import Foundation

/// Reads a partner's completion (`POST /v1/requests/{id}/complete`: `completed_at` RFC 3339, not
/// before the request was raised nor after `now`; optional `amount` `{amount, currency}` frozen or
/// repatriated; optional `reference`, 1 to 200 characters), decline (`reason`, 1 to 1,000
/// characters) or RFI answer (`answer`, 1 to 4,000 characters), every problem with its path.
public enum RequestActionValidator: Sendable {
    public static let maxReferenceLength = 200
    public static let maxReasonLength = 1_000
    public static let maxAnswerLength = 4_000
    public static let maxMoneyMajorUnits: Int64 = 1_000_000_000_000

    public static func completion(json: JSONValue, raisedAt: Date, now: Date) -> Result<RequestAction, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else { return .failure(ValidationFailure(decoding)) }
        reader.rejectUnknown(["completed_at", "amount", "reference"], &decoding)
        let completedAt = check.required(reader.string("completed_at", &decoding), at: .root.appending("completed_at")) { (text: String) -> Result<Date, FieldCheck.Message> in
            guard let date = Timestamp.parse(text) else { return .failure("not an RFC 3339 timestamp such as 2026-06-01T00:00:00Z") }
            guard date >= raisedAt else { return .failure("is before the request was raised (\(Timestamp.format(raisedAt)))") }
            return date <= now ? .success(date) : .failure("must not be in the future")
        }
        let amount = reader.object("amount", &decoding).flatMap { money in
            check.money(MoneySubmission(reader: money, problems: &decoding), at: .root.appending("amount"), maximumMajorUnits: maxMoneyMajorUnits)
        }
        let reference = check.optional(reader.string("reference", &decoding), at: .root.appending("reference")) { (text: String) -> Result<String, FieldCheck.Message> in
            RequestValidator.requiredText(text, maxLength: maxReferenceLength)
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let completedAt else { return .failure(ValidationFailure(errors)) }
        return .success(.complete(RequestCompletion(completedAt: completedAt, amount: amount, reference: reference)))
    }

    public static func decline(json: JSONValue) -> Result<RequestAction, ValidationFailure> {
        text(json, key: "reason", maxLength: maxReasonLength).map { .decline(reason: $0) }
    }

    public static func answer(json: JSONValue) -> Result<String, ValidationFailure> {
        text(json, key: "answer", maxLength: maxAnswerLength)
    }

    /// A body holding exactly one required text member.
    static func text(_ json: JSONValue, key: String, maxLength: Int) -> Result<String, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else { return .failure(ValidationFailure(decoding)) }
        reader.rejectUnknown([key], &decoding)
        let text = check.required(reader.string(key, &decoding), at: .root.appending(key)) { (text: String) -> Result<String, FieldCheck.Message> in
            RequestValidator.requiredText(text, maxLength: maxLength)
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let text else { return .failure(ValidationFailure(errors)) }
        return .success(text)
    }
}
