import Foundation

/// Reads an officer's disruption request (`POST /v1/taskings/{id}/requests`) and reports every
/// problem with its field path.
///
/// Body: `kind` (a code of `kinds`), `indicator_key` (the key of one of the tasking referral's
/// indicators, which the kind must apply to), `gateway` (a code of the lawful-gateway registry),
/// `deadline` (RFC 3339, later than `now` and within `maxDeadline`), `note` (optional text for
/// the partners, at most 2,000 characters).
public enum RequestValidator: Sendable {
    public static let maxNoteLength = 2_000
    public static let maxDeadline: TimeInterval = 366 * 24 * 3600
    private static let keys: Set<String> = ["kind", "indicator_key", "gateway", "deadline", "note"]

    public static func validate(
        json: JSONValue, kinds: [String: RequestKind], indicators: [CanonicalIndicator], gateways: Set<GatewayCode>, now: Date
    ) -> Result<RequestDraft, ValidationFailure> {
        var decoding: [FieldError] = []
        var check = FieldCheck()
        guard let reader = JSONObjectReader.make(json, at: .root, problems: &decoding) else {
            return .failure(ValidationFailure(decoding))
        }
        reader.rejectUnknown(keys, &decoding)
        let kind = check.required(reader.string("kind", &decoding), at: .root.appending("kind")) { (text: String) -> Result<RequestKind, FieldCheck.Message> in
            kinds[text].map(Result.success)
                ?? .failure("unknown request kind \(text.quoted); expected one of \(kinds.keys.sorted().joined(separator: ", "))")
        }
        let indicator = check.required(reader.string("indicator_key", &decoding), at: .root.appending("indicator_key")) { (key: String) -> Result<CanonicalIndicator, FieldCheck.Message> in
            indicators.first { $0.key == key }.map(Result.success)
                ?? .failure("not an indicator of this tasking's referral; expected one of \(indicators.map(\.key).joined(separator: ", "))")
        }
        if let kind, let indicator, !kind.applies(to: indicator.kind) {
            check.fail(.root.appending("kind"), "\(kind.code) does not apply to a \(indicator.kind.rawValue) indicator; it applies to "
                + kind.indicatorKinds.map(\.rawValue).sorted().joined(separator: ", "))
        }
        let gateway = check.required(reader.string("gateway", &decoding), at: .root.appending("gateway")) { (text: String) -> Result<GatewayCode, FieldCheck.Message> in
            GatewayCode(checking: text).flatMap { gateways.contains($0) ? $0 : nil }.map(Result.success)
                ?? .failure("not a lawful gateway of the registry")
        }
        let deadline = check.required(reader.string("deadline", &decoding), at: .root.appending("deadline")) { (text: String) -> Result<Date, FieldCheck.Message> in
            Self.deadline(text, now: now)
        }
        let note = check.optional(reader.string("note", &decoding), at: .root.appending("note")) { (text: String) -> Result<String, FieldCheck.Message> in
            freeText(text, maxLength: maxNoteLength)
        }
        let errors = check.merged(with: decoding)
        guard errors.isEmpty, let kind, let indicator, let gateway, let deadline else { return .failure(ValidationFailure(errors)) }
        return .success(RequestDraft(kind: kind, indicator: indicator, gateway: gateway, deadline: deadline, note: note.flatMap { $0.isEmpty ? nil : $0 }))
    }

    /// A deadline later than `now` and at most `maxDeadline` after it.
    static func deadline(_ text: String, now: Date) -> Result<Date, FieldCheck.Message> {
        guard let date = Timestamp.parse(text) else { return .failure("not an RFC 3339 timestamp such as 2026-06-01T00:00:00Z") }
        guard date > now else { return .failure("must be in the future") }
        guard date.timeIntervalSince(now) <= maxDeadline else { return .failure("must be within a year") }
        return .success(date)
    }

    /// Text for partners or officers: trimmed, at most `maxLength` characters, line breaks allowed.
    static func freeText(_ text: String, maxLength: Int) -> Result<String, FieldCheck.Message> {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count <= maxLength else { return .failure("must have at most \(maxLength) characters") }
        guard !trimmed.containsControlCharacters(allowingLineBreaks: true) else { return .failure("contains control characters") }
        return .success(trimmed)
    }

    /// Required text: as `freeText`, and not empty.
    static func requiredText(_ text: String, maxLength: Int) -> Result<String, FieldCheck.Message> {
        freeText(text, maxLength: maxLength).flatMap { $0.isEmpty ? .failure("must not be empty") : .success($0) }
    }
}
