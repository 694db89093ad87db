/// Referral fields a partner gives as query parameters of `POST /v1/stix` for what a bundle
/// cannot carry itself: needed for a bundle without a `report`/`grouping`, and the defaults
/// beneath any report's own `x_occ_*` properties.
public enum STIXQueryDefaults {
    /// Each query parameter and the referral field it fills.
    public static let parameters: [(name: String, field: FieldPath)] = [
        ("crime_type", .root.appending(ReferralSubmission.Key.crimeType)),
        ("gateway", .root.appending(ReferralSubmission.Key.gateway)),
        ("tlp", markings("tlp")),
        ("source_evaluation", markings("source_evaluation")),
        ("intelligence_assessment", markings("intelligence_assessment")),
        ("handling_code", markings("handling_code")),
        ("handling_conditions", markings("handling_conditions")),
    ]

    /// The defaults from the query (`value` looks one parameter up); a malformed
    /// `source_evaluation` is reported at the parameter's name.
    public static func parse(_ value: (String) -> String?) -> Result<ReferralSubmission, ValidationFailure> {
        var markings = MarkingsSubmission(
            tlp: value("tlp"), intelligenceAssessment: value("intelligence_assessment"),
            handlingCode: value("handling_code"), handlingConditions: value("handling_conditions"))
        if let text = value("source_evaluation") {
            guard text.utf8.count == 1, let number = Int(text) else {
                return .failure(ValidationFailure([FieldError(.root.appending("source_evaluation"), "must be 1, 2 or 3")]))
            }
            markings.sourceEvaluation = number
        }
        let given = markings != MarkingsSubmission()
        return .success(ReferralSubmission(crimeType: value("crime_type"), gateway: value("gateway"), markings: given ? markings : nil))
    }

    private static func markings(_ key: String) -> FieldPath {
        FieldPath.root.appending(ReferralSubmission.Key.markings).appending(key)
    }
}
