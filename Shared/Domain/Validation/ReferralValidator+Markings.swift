extension ReferralValidator {
    /// TLP and the full 3x5x2 grade are required; conditions text exactly when the code is C.
    func markings(_ markings: MarkingsSubmission?, _ check: inout FieldCheck) -> HandlingMarkings? {
        let path = FieldPath.root.appending(ReferralSubmission.Key.markings)
        guard let markings else {
            check.fail(path, "required")
            return nil
        }
        let tlp = check.required(markings.tlp, at: path.appending("tlp")) { text in
            TLP(label: text).map(Result.success) ?? .failure("must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED")
        }
        let evaluation = check.required(markings.sourceEvaluation.map(String.init), at: path.appending("source_evaluation")) { text in
            Int(text).flatMap(SourceEvaluation.init).map(Result.success)
                ?? .failure("must be 1 (reliable), 2 (untested) or 3 (not reliable)")
        }
        let assessment = check.required(markings.intelligenceAssessment, at: path.appending("intelligence_assessment")) { text in
            IntelligenceAssessment(rawValue: text.uppercased()).map(Result.success) ?? .failure("must be one of A, B, C, D, E")
        }
        let code = check.required(markings.handlingCode, at: path.appending("handling_code")) { text in
            HandlingCode(rawValue: text.uppercased()).map(Result.success) ?? .failure("must be P or C")
        }
        let conditions = markings.handlingConditions?.trimmingWhitespace()
        let conditionsPath = path.appending("handling_conditions")
        switch (code, conditions) {
        case (.conditions, nil), (.conditions, ""?):
            check.fail(conditionsPath, "required when handling code is C")
        case (.permitted, _?):
            check.fail(conditionsPath, "only allowed when handling code is C")
        case (.conditions, let text?) where text.count > limits.maxHandlingConditionsLength:
            check.fail(conditionsPath, "must have at most \(limits.maxHandlingConditionsLength) characters")
        case (.conditions, let text?) where text.containsControlCharacters(allowingLineBreaks: true):
            check.fail(conditionsPath, "contains control characters")
        default:
            break
        }
        guard let tlp, let evaluation, let assessment, let code,
              code == .permitted ? conditions == nil : !(conditions ?? "").isEmpty
        else { return nil }
        return HandlingMarkings(
            tlp: tlp, sourceEvaluation: evaluation, intelligenceAssessment: assessment,
            handlingCode: code, handlingConditions: conditions)
    }
}
