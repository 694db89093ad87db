import Foundation

/// Builds one referral per container (or one for the bundle) from an indexed bundle.
struct STIXReferralBuilder {
    let index: STIXBundleIndex
    let defaults: ReferralSubmission

    func referrals(problems: inout [FieldError]) -> [STIXMappedReferral] {
        let carriers = index.objects.indices.filter { index.indicators[$0] != nil || index.observed[$0] != nil }
        let containers = index.objects.indices.filter { STIXBundleIndex.containerTypes.contains(index.objects[$0].type) }
        guard !containers.isEmpty else {
            return [referral(container: nil, members: carriers, problems: &problems)]
        }
        var used: Set<Int> = []
        let referrals = containers.map { position in
            let members = expand(index.references(index.objects[position].reader, key: "object_refs", danglingIsError: false, &problems))
            used.formUnion(members)
            return referral(container: position, members: members, problems: &problems)
        }
        for position in carriers where !used.contains(position) {
            problems.append(FieldError(index.objects[position].reader.path, "not referenced by any report or grouping"))
        }
        return referrals
    }

    /// Container references plus the SCOs of referenced observed-data, each once, in order.
    private func expand(_ references: [Int]) -> [Int] {
        var seen: Set<Int> = []
        return references.flatMap { [$0] + (index.observed[$0] ?? []) }.filter { seen.insert($0).inserted }
    }

    private func referral(container: Int?, members: [Int], problems: inout [FieldError]) -> STIXMappedReferral {
        var submission = defaults
        var sources: [(submission: FieldPath, stix: FieldPath)] = []
        let containerReader = container.map { index.objects[$0].reader }
        if let container {
            applyProperties(of: index.objects[container], to: &submission, sources: &sources, problems: &problems)
        } else {
            submission.partnerReference = defaults.partnerReference ?? index.bundleID
            sources.append((.root.appending(ReferralSubmission.Key.partnerReference), .root.appending("id")))
        }
        // Without a container, what only a report could say comes from the query parameters.
        // An empty `markings` makes the validator name each missing part (hence each parameter).
        let queryParameters = container == nil ? STIXQueryDefaults.parameters : []
        if container == nil, submission.markings == nil { submission.markings = MarkingsSubmission() }
        let mapped = members.flatMap { index.indicators[$0] ?? [] }
        submission.indicators = mapped.map(\.submission)
        sources.append((
            .root.appending(ReferralSubmission.Key.indicators),
            containerReader?.path.appending("object_refs") ?? .root.appending("objects")))
        if let window = timeWindow(members) { submission.timeWindow = window }
        let tlp = containerReader.flatMap { markingTLP($0, &problems) }
            ?? members.compactMap { markingTLP(index.objects[$0].reader, &problems) }.max()
        if let tlp {
            var markings = submission.markings ?? MarkingsSubmission()
            markings.tlp = tlp.rawValue
            submission.markings = markings
        }
        sources.append((
            .root.appending(ReferralSubmission.Key.markings).appending("tlp"),
            (containerReader?.path ?? .root).appending("object_marking_refs")))
        return STIXMappedReferral(
            submission: submission, path: containerReader?.path ?? .root, fieldSources: sources,
            indicatorSources: mapped.map(\.source), queryParameters: queryParameters)
    }

    /// The strictest TLP among an object's marking references; other markings are ignored.
    private func markingTLP(_ reader: JSONObjectReader, _ problems: inout [FieldError]) -> TLP? {
        (reader.array("object_marking_refs", &problems) ?? []).compactMap { $0.value.stringValue.flatMap(STIXMarkings.tlp(forMarkingID:)) }.max()
    }

    /// From the earliest `first_observed` to the latest `last_observed` of observed-data.
    private func timeWindow(_ members: [Int]) -> TimeWindowSubmission? {
        var dates: [Date] = []
        for position in members where index.objects[position].type == "observed-data" {
            let reader = index.objects[position].reader
            for key in ["first_observed", "last_observed"] {
                // A malformed timestamp is already reported by STIXConformance.
                var ignored: [FieldError] = []
                if let text = reader.string(key, &ignored), let date = Timestamp.parse(text, style: .stix) { dates.append(date) }
            }
        }
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return TimeWindowSubmission(firstSeen: Timestamp.format(first), lastSeen: Timestamp.format(last))
    }
}
