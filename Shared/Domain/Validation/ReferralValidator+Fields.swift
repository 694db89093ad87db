import Foundation

extension ReferralValidator {
    private static let referenceCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:/-")

    func partnerReference(_ text: String?, _ check: inout FieldCheck) -> String? {
        check.required(text, at: .root.appending(ReferralSubmission.Key.partnerReference)) { text in
            guard (1...limits.maxPartnerReferenceLength).contains(text.count) else {
                return .failure("must have 1 to \(limits.maxPartnerReferenceLength) characters")
            }
            guard text.allSatisfy(Self.referenceCharacters.contains) else {
                return .failure("may contain only letters, digits and . _ : / -")
            }
            return .success(text)
        }
    }

    func summary(_ text: String?, _ check: inout FieldCheck) -> String? {
        check.optional(text, at: .root.appending(ReferralSubmission.Key.summary)) { text in
            let trimmed = text.trimmingWhitespace()
            guard trimmed.count <= limits.maxSummaryLength else {
                return .failure("must have at most \(limits.maxSummaryLength) characters, got \(trimmed.count)")
            }
            guard !trimmed.containsControlCharacters(allowingLineBreaks: true) else {
                return .failure("contains control characters")
            }
            return .success(trimmed)
        }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// At least one indicator, or a summary long enough to act on (see `ValidationLimits`).
    func meaningfulContent(summary: String?, indicatorCount: Int, _ check: inout FieldCheck) {
        guard indicatorCount == 0, (summary?.count ?? 0) < limits.minSummaryLengthWithoutIndicators else { return }
        check.fail(
            .root.appending(ReferralSubmission.Key.indicators),
            "at least one indicator is required, or a summary of at least \(limits.minSummaryLengthWithoutIndicators) characters")
    }

    func timeWindow(_ window: TimeWindowSubmission, now: Date?, _ check: inout FieldCheck) -> TimeWindow? {
        let path = FieldPath.root.appending(ReferralSubmission.Key.timeWindow)
        let earliest = Timestamp.parse(String(format: "%04d-01-01T00:00:00Z", limits.earliestYear)) ?? .distantPast
        let latest = now.map { $0.addingTimeInterval(Double(limits.maxFutureSkewSeconds)) } ?? .distantFuture
        let parse: (String) -> Result<Date, FieldCheck.Message> = { text in
            guard let date = Timestamp.parse(text) else {
                return .failure("not an RFC 3339 timestamp such as 2026-03-01T09:30:00Z")
            }
            guard date >= earliest else { return .failure("is before \(limits.earliestYear)") }
            guard date <= latest else { return .failure("is in the future") }
            return .success(date)
        }
        let first = check.required(window.firstSeen, at: path.appending("first_seen"), parse)
        let last = check.optional(window.lastSeen, at: path.appending("last_seen"), parse)
        guard let first else { return nil }
        if let last, last < first {
            check.fail(path.appending("last_seen"), "is before first_seen")
            return nil
        }
        return TimeWindow(firstSeen: first, lastSeen: last ?? first)
    }

    func victims(_ victims: VictimsSubmission, _ check: inout FieldCheck) -> Victims? {
        let path = FieldPath.root.appending(ReferralSubmission.Key.victims)
        var valid = true
        if let count = victims.count, !(0...limits.maxVictims).contains(count) {
            check.fail(path.appending("count"), "must be between 0 and \(limits.maxVictims)")
            valid = false
        } else if victims.count == nil {
            check.fail(path.appending("count"), "required")
            valid = false
        }
        let level = check.optional(victims.vulnerabilityLevel, at: path.appending("vulnerability_level")) { text in
            VulnerabilityLevel(rawValue: text).map(Result.success) ?? .failure("must be low, medium or high")
        }
        if victims.vulnerabilityLevel != nil, victims.vulnerable != true {
            check.fail(path.appending("vulnerability_level"), "only allowed when vulnerable is true")
            valid = false
        }
        let district = check.optional(victims.postcode, at: path.appending("postcode"), Self.postcodeDistrict)
        guard valid, let count = victims.count, level != nil || victims.vulnerabilityLevel == nil,
              district != nil || victims.postcode == nil
        else { return nil }
        return Victims(count: count, vulnerable: victims.vulnerable ?? false, vulnerabilityLevel: level, postcodeDistrict: district)
    }

    /// A UK postcode (`M1 1AE`, `sw1a1aa`) or its outward part (`M1`) → the outward code, upper case.
    static func postcodeDistrict(_ text: String) -> Result<String, FieldCheck.Message> {
        let compact = text.uppercased().filter { $0 != " " }
        let hasInward = compact.count >= 5 && compact.suffix(3).first?.isASCIIDigit == true
            && compact.suffix(2).allSatisfy { $0.isASCII && $0.isLetter }
        let outward = hasInward ? compact.dropLast(3) : Substring(compact)
        let letters = outward.prefix { $0.isASCII && $0.isLetter }
        let rest = outward.dropFirst(letters.count)
        guard (1...2).contains(letters.count), let digit = rest.first, digit.isASCIIDigit, rest.count <= 2,
              rest.dropFirst().allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return .failure("not a UK postcode such as \"M1 1AE\" or its outward code \"M1\"") }
        return .success(String(outward))
    }
}
