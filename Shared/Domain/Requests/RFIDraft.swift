import Foundation

/// An officer's question to the referrer of a tasking's referral, validated: `question` (1 to
/// 2,000 characters) and `deadline` (RFC 3339, in the future, within a year), which defaults to
/// `defaultSLA` after `now` when absent.
public struct RFIDraft: Sendable, Hashable {
    public static let maxQuestionLength = 2_000
    /// Five days for an answer unless the officer says otherwise [check against partner agreements].
    public static let defaultSLA: TimeInterval = 5 * 24 * 3600

    public let question: String
    public let deadline: Date

    public static func validate(json: JSONValue, now: Date) -> Result<RFIDraft, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else { return .failure(ValidationFailure(decoding)) }
        reader.rejectUnknown(["question", "deadline"], &decoding)
        let question = check.required(reader.string("question", &decoding), at: .root.appending("question")) { (text: String) -> Result<String, FieldCheck.Message> in
            RequestValidator.requiredText(text, maxLength: maxQuestionLength)
        }
        let deadline = check.optional(reader.string("deadline", &decoding), at: .root.appending("deadline")) { (text: String) -> Result<Date, FieldCheck.Message> in
            RequestValidator.deadline(text, now: now)
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let question else { return .failure(ValidationFailure(errors)) }
        return .success(RFIDraft(question: question, deadline: deadline ?? now.addingTimeInterval(defaultSLA)))
    }
}
