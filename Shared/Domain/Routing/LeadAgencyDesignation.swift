/// An agency designated to lead the work on a criminal network (`POST /v1/networks/{id}/lead`):
/// the others deconflict with it.
public struct LeadAgencyDesignation: Sendable, Hashable {
    public let team: TeamCode

    /// Body: `{"team": "COLP_FTC"}`; every problem with its field path.
    public static func validate(json: JSONValue) -> Result<LeadAgencyDesignation, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else {
            return .failure(ValidationFailure(decoding))
        }
        reader.rejectUnknown(["team"], &decoding)
        let team = check.required(reader.string("team", &decoding), at: .root.appending("team")) { (text: String) -> Result<TeamCode, FieldCheck.Message> in
            let team = TeamCode(rawValue: text)
            return team.isWellFormed ? .success(team) : .failure("not a team code such as COLP_FTC")
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let team else { return .failure(ValidationFailure(errors)) }
        return .success(LeadAgencyDesignation(team: team))
    }

    public init(team: TeamCode) {
        self.team = team
    }
}
