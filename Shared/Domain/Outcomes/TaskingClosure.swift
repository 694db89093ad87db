/// An officer's decision to close a tasking (`POST /v1/taskings/{id}/close`): outcomes never
/// close one, because disruption, arrest, charge and recovery follow each other over months.
public struct TaskingClosure: Sendable, Hashable {
    public static let maxReasonLength = 500
    /// Why the agency stops work on it, in the officer's words (audited, not sent to partners).
    public let reason: String

    /// Body: `{"reason": "..."}`; every problem with its field path.
    public static func validate(json: JSONValue) -> Result<TaskingClosure, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else {
            return .failure(ValidationFailure(decoding))
        }
        reader.rejectUnknown(["reason"], &decoding)
        let reason = check.required(reader.string("reason", &decoding), at: .root.appending("reason")) { (text: String) -> Result<String, FieldCheck.Message> in
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty { return .failure("must say why the tasking is closed") }
            if trimmed.count > maxReasonLength { return .failure("must have at most \(maxReasonLength) characters") }
            if trimmed.containsControlCharacters() { return .failure("contains control characters") }
            return .success(trimmed)
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let reason else { return .failure(ValidationFailure(errors)) }
        return .success(TaskingClosure(reason: reason))
    }

    public init(reason: String) {
        self.reason = reason
    }
}
