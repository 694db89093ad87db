/// An officer's decision to hand a tasking to another team (`POST /v1/taskings/{id}/transfer`),
/// such as Report Fraud passing a case to the ROCU for the victim's region.
public struct TaskingTransfer: Sendable, Hashable {
    public static let maxReasonLength = 500
    public let toTeam: TeamCode
    /// Why, in the officer's words: both agencies read it with the transfer.
    public let reason: String

    /// Body: `{"to_team": "ROCU_NORTH_WEST", "reason": "..."}`; every problem with its field path.
    public static func validate(json: JSONValue) -> Result<TaskingTransfer, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else {
            return .failure(ValidationFailure(decoding))
        }
        reader.rejectUnknown(["to_team", "reason"], &decoding)
        let team = check.required(reader.string("to_team", &decoding), at: .root.appending("to_team")) { (text: String) -> Result<TeamCode, FieldCheck.Message> in
            let team = TeamCode(rawValue: text)
            return team.isWellFormed ? .success(team) : .failure("not a team code such as ROCU_NORTH_WEST")
        }
        let reason = check.required(reader.string("reason", &decoding), at: .root.appending("reason")) { (text: String) -> Result<String, FieldCheck.Message> in
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty { return .failure("must say why the tasking is transferred") }
            if trimmed.count > maxReasonLength { return .failure("must have at most \(maxReasonLength) characters") }
            if trimmed.containsControlCharacters() { return .failure("contains control characters") }
            return .success(trimmed)
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let team, let reason else { return .failure(ValidationFailure(errors)) }
        return .success(TaskingTransfer(toTeam: team, reason: reason))
    }

    public init(toTeam: TeamCode, reason: String) {
        self.toTeam = toTeam
        self.reason = reason
    }
}
