extension STIXReferralBuilder {
    /// The exchange's custom properties on `report`/`grouping` (docs/stix-extension.md).
    static let customProperties: [String: FieldPath] = [
        "x_occ_partner_reference": .root.appending(ReferralSubmission.Key.partnerReference),
        "x_occ_crime_type": .root.appending(ReferralSubmission.Key.crimeType),
        "x_occ_gateway": .root.appending(ReferralSubmission.Key.gateway),
        "x_occ_victims": .root.appending(ReferralSubmission.Key.victims),
        "x_occ_loss": .root.appending(ReferralSubmission.Key.loss),
        "x_occ_overseas": .root.appending(ReferralSubmission.Key.overseas),
        "x_occ_source_evaluation": .root.appending(ReferralSubmission.Key.markings).appending("source_evaluation"),
        "x_occ_intelligence_assessment": .root.appending(ReferralSubmission.Key.markings).appending("intelligence_assessment"),
        "x_occ_handling_code": .root.appending(ReferralSubmission.Key.markings).appending("handling_code"),
        "x_occ_handling_conditions": .root.appending(ReferralSubmission.Key.markings).appending("handling_conditions"),
    ]

    /// Applies the container's name/description and `x_occ_*` properties over the defaults.
    func applyProperties(
        of container: STIXBundleIndex.Object, to submission: inout ReferralSubmission,
        sources: inout [(submission: FieldPath, stix: FieldPath)], problems: inout [FieldError]
    ) {
        let reader = container.reader
        for key in reader.members.keys.sorted() where key.hasPrefix("x_occ_") && Self.customProperties[key] == nil {
            problems.append(FieldError(reader.path.appending(key), "unknown OCC extension property"))
        }
        for key in Self.customProperties.keys.sorted() {
            if let path = Self.customProperties[key] { sources.append((path, reader.path.appending(key))) }
        }
        let reference = reader.string("x_occ_partner_reference", &problems)
        submission.partnerReference = reference ?? container.id
        if reference == nil {
            sources.removeAll { $0.submission == .root.appending(ReferralSubmission.Key.partnerReference) }
            sources.append((.root.appending(ReferralSubmission.Key.partnerReference), reader.path.appending("id")))
        }
        let summaryKey = reader.value("description") != nil ? "description" : "name"
        if let summary = reader.string(summaryKey, &problems) { submission.summary = summary }
        sources.append((.root.appending(ReferralSubmission.Key.summary), reader.path.appending(summaryKey)))
        if let crimeType = reader.string("x_occ_crime_type", &problems) { submission.crimeType = crimeType }
        if let gateway = reader.string("x_occ_gateway", &problems) { submission.gateway = gateway }
        if let overseas = reader.bool("x_occ_overseas", &problems) { submission.overseas = overseas }
        if let victims = reader.object("x_occ_victims", &problems) {
            submission.victims = VictimsSubmission(reader: victims, problems: &problems)
        }
        if let loss = reader.object("x_occ_loss", &problems) {
            submission.loss = MoneySubmission(reader: loss, problems: &problems)
        }
        applyGrading(of: reader, to: &submission, problems: &problems)
    }

    private func applyGrading(of reader: JSONObjectReader, to submission: inout ReferralSubmission, problems: inout [FieldError]) {
        var markings = submission.markings ?? MarkingsSubmission()
        if let evaluation = reader.integer("x_occ_source_evaluation", &problems) { markings.sourceEvaluation = evaluation }
        if let assessment = reader.string("x_occ_intelligence_assessment", &problems) { markings.intelligenceAssessment = assessment }
        if let code = reader.string("x_occ_handling_code", &problems) { markings.handlingCode = code }
        if let conditions = reader.string("x_occ_handling_conditions", &problems) { markings.handlingConditions = conditions }
        submission.markings = markings
    }
}
