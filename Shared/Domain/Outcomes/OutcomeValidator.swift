import Foundation

/// Reads an officer's outcome from a JSON body (`POST /v1/taskings/{id}/outcome`) and
/// reports every problem with its field path, as `ReferralValidator` does for referrals.
///
/// Body: `kind`, `home_office_code`, `disruptions` (`[{kind, indicator_key}]`),
/// `money_protected` / `assets_restrained` / `money_repatriated` (`{amount, currency}`),
/// `disruption_severity` (`major`, `moderate`, `minor`; only with `disrupted` or listed
/// disruptions), `suspects` (0 to 10,000), `ocg_reference` (the agency's reference for the
/// organised crime group), `embargo_until` (RFC 3339, after `recordedAt`), `partner_note`,
/// `rationale` (required for `declined`, refused for every other kind).
public enum OutcomeValidator: Sendable {
    public static let maxDisruptions = 100
    public static let maxPartnerNoteLength = 2_000
    public static let maxIndicatorKeyLength = 2_200
    public static let maxMoneyMajorUnits: Int64 = 1_000_000_000_000
    public static let maxSuspects = 10_000
    public static let maxOCGReferenceLength = 64

    private static let keys: Set<String> = [
        "kind", "home_office_code", "disruptions", "money_protected", "assets_restrained", "money_repatriated",
        "embargo_until", "partner_note", "rationale", "disruption_severity", "suspects", "ocg_reference",
    ]

    public static func validate(json: JSONValue, recordedAt: Date) -> Result<Outcome, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else {
            return .failure(ValidationFailure(decoding))
        }
        reader.rejectUnknown(keys, &decoding)
        let kind = check.required(reader.string("kind", &decoding), at: .root.appending("kind")) { text in
            OutcomeKind(rawValue: text).map(Result.success)
                ?? .failure("unknown outcome kind \(text.quoted); expected one of \(OutcomeKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let code = reader.integer("home_office_code", &decoding)
        if let kind { homeOfficeCode(code, kind: kind, &check) }
        let disruptions = self.disruptions(reader.array("disruptions", &decoding) ?? [], &decoding, &check)
        let amounts = ["money_protected", "assets_restrained", "money_repatriated"].map { key in
            reader.object(key, &decoding).flatMap { money in
                check.money(MoneySubmission(reader: money, problems: &decoding), at: .root.appending(key), maximumMajorUnits: maxMoneyMajorUnits)
            }
        }
        let severity = self.severity(reader.string("disruption_severity", &decoding), kind: kind, disruptions: disruptions, &check)
        let suspects = reader.integer("suspects", &decoding)
        if let suspects, !(0...maxSuspects).contains(suspects) {
            check.fail(.root.appending("suspects"), "must be an integer from 0 to \(maxSuspects)")
        }
        let ocg = check.optional(reader.string("ocg_reference", &decoding), at: .root.appending("ocg_reference"), ocgReference)
        let embargoText = reader.string("embargo_until", &decoding)
        let embargo = check.optional(embargoText, at: .root.appending("embargo_until")) { (text: String) -> Result<Date, FieldCheck.Message> in
            guard let date = Timestamp.parse(text) else { return .failure("not an RFC 3339 timestamp such as 2026-06-01T00:00:00Z") }
            return date > recordedAt ? .success(date) : .failure("must be later than the time the outcome is recorded")
        }
        let note = check.optional(reader.string("partner_note", &decoding), at: .root.appending("partner_note"), freeText)
        let rationale = self.rationale(reader.string("rationale", &decoding), kind: kind, &check)
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let kind else { return .failure(ValidationFailure(errors)) }
        return .success(Outcome(
            kind: kind, homeOfficeCode: code, disruptions: disruptions, moneyProtected: amounts[0],
            assetsRestrained: amounts[1], moneyRepatriated: amounts[2], disruptionSeverity: severity, suspects: suspects,
            ocgReference: ocg, embargoUntil: embargo,
            partnerNote: note.flatMap { $0.isEmpty ? nil : $0 }, rationale: rationale, recordedAt: recordedAt))
    }

    /// Text for partners: trimmed, at most `maxPartnerNoteLength` characters, line breaks allowed.
    private static func freeText(_ text: String) -> Result<String, FieldCheck.Message> {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count <= maxPartnerNoteLength else { return .failure("must have at most \(maxPartnerNoteLength) characters") }
        guard !trimmed.containsControlCharacters(allowingLineBreaks: true) else { return .failure("contains control characters") }
        return .success(trimmed)
    }

    /// An assessed impact belongs to a disruption: the kind `disrupted` or listed disruptions.
    private static func severity(
        _ text: String?, kind: OutcomeKind?, disruptions: [Disruption], _ check: inout FieldCheck
    ) -> DisruptionSeverity? {
        let path = FieldPath.root.appending("disruption_severity")
        let severity = check.optional(text, at: path) { (text: String) -> Result<DisruptionSeverity, FieldCheck.Message> in
            DisruptionSeverity(rawValue: text).map(Result.success)
                ?? .failure("must be one of \(DisruptionSeverity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if severity != nil, let kind, kind != .disrupted, disruptions.isEmpty {
            check.fail(path, "only recorded with disrupted or with listed disruptions")
        }
        return severity
    }

    /// An agency's reference for an organised crime group: letters, digits and `/ _ . : -`.
    private static func ocgReference(_ text: String) -> Result<String, FieldCheck.Message> {
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/_.:-".unicodeScalars.contains($0)) }
        guard (1...maxOCGReferenceLength).contains(text.count), allowed else {
            return .failure("must be 1 to \(maxOCGReferenceLength) letters, digits or / _ . : - (the agency's OCG reference)")
        }
        return .success(text)
    }

    /// A decision not to investigate states why; no other kind carries a rationale.
    private static func rationale(_ text: String?, kind: OutcomeKind?, _ check: inout FieldCheck) -> String? {
        let path = FieldPath.root.appending("rationale")
        guard let kind else { return nil }
        guard kind == .declined else {
            if text != nil { check.fail(path, "only recorded with declined") }
            return nil
        }
        let rationale = check.optional(text, at: path, freeText)
        if text == nil || rationale?.isEmpty == true { check.fail(path, "required for declined: why the referral is not taken forward") }
        return rationale.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func homeOfficeCode(_ code: Int?, kind: OutcomeKind, _ check: inout FieldCheck) {
        let path = FieldPath.root.appending("home_office_code")
        let permitted = kind.permittedHomeOfficeCodes.sorted().map(String.init).joined(separator: ", ")
        guard let code else {
            if kind.requiresHomeOfficeCode { check.fail(path, "required for \(kind.rawValue): one of \(permitted)") }
            return
        }
        if HomeOfficeOutcomeCode.lookup(code) == nil {
            check.fail(path, "\(code) is not a Home Office outcome code")
        } else if !kind.permittedHomeOfficeCodes.contains(code) {
            check.fail(path, permitted.isEmpty
                ? "not used for \(kind.rawValue)" : "\(code) does not fit \(kind.rawValue); expected one of \(permitted)")
        }
    }

    private static let knownDisruptions = DisruptionKind.allCases.map(\.rawValue).joined(separator: ", ")

    private static func disruptions(
        _ elements: [(path: FieldPath, value: JSONValue)], _ decoding: inout [FieldError], _ check: inout FieldCheck
    ) -> [Disruption] {
        guard elements.count <= maxDisruptions else {
            check.fail(.root.appending("disruptions"), "at most \(maxDisruptions) disruptions per outcome")
            return []
        }
        return elements.compactMap { element in
            guard let reader = JSONObjectReader.make(element.value, at: element.path, problems: &decoding) else { return nil }
            reader.rejectUnknown(["kind", "indicator_key"], &decoding)
            let kind = check.required(reader.string("kind", &decoding), at: element.path.appending("kind")) { text in
                DisruptionKind(rawValue: text).map(Result.success)
                    ?? .failure("unknown disruption kind \(text.quoted); expected one of \(knownDisruptions)")
            }
            let key = check.optional(reader.string("indicator_key", &decoding), at: element.path.appending("indicator_key")) { text in
                text.count <= maxIndicatorKeyLength && !text.containsControlCharacters() && text.contains(":")
                    ? .success(text) : .failure("must be an indicator correlation key such as phone:+447700900123")
            }
            return kind.map { Disruption(kind: $0, indicatorKey: key) }
        }
    }
}
