import Domain
import Foundation
import Testing

@Suite struct ReferralValidatorTests {
    private let now = date("2026-03-01T12:00:00Z")

    @Test func validSubmissionBecomesCanonicalReferral() throws {
        let referral = try ReferralValidator.validate(validSubmission(), now: now).get()
        #expect(referral.partnerReference == "TEL-2026-0001")
        #expect(referral.crimeType == .fraudAPPImpersonation)
        #expect(referral.crimeType.family == .fraud)
        #expect(referral.loss?.amount == "12500.50")
        #expect(referral.loss?.minorUnits == 1_250_050)
        #expect(referral.indicators.map(\.key) == ["phone:+447700900123", "uk_bank_account:12-34-56 98765432"])
        #expect(referral.markings.grade == "2B P")
        #expect(referral.gateway == "eccta_2023_ss188_189")
        #expect(referral.timeWindow?.lastSeen == date("2026-02-03T17:30:00Z"))
        #expect(!referral.involvesOverseas)
    }

    @Test func equivalentSpellingsGiveTheSameFingerprint() throws {
        var respelt = validSubmission()
        respelt.indicators = [
            IndicatorSubmission(kind: "phone", value: "+44 (0)7700 900123"),
            IndicatorSubmission(kind: "uk_bank_account", sortCode: "123456", accountNumber: "9876 5432"),
            IndicatorSubmission(kind: "phone", value: "0044 7700 900123"),
        ]
        respelt.loss = MoneySubmission(amount: "12500.50", currency: "GBP")
        let original = try ReferralValidator.validate(validSubmission()).get()
        let other = try ReferralValidator.validate(respelt).get()
        #expect(other.indicators.count == 2)
        #expect(original.fingerprint == other.fingerprint)
        respelt.summary = "A different account of events entirely, long enough to count as a summary."
        #expect(try ReferralValidator.validate(respelt).get().fingerprint != original.fingerprint)
    }

    /// One broken field at a time, each reported at its JSON path with its message.
    static let singleFieldErrors: [(String, @Sendable (inout ReferralSubmission) -> Void, String, String)] = [
        ("missing reference", { $0.partnerReference = nil }, "partner_reference", "required"),
        ("reference chars", { $0.partnerReference = "ref with spaces" }, "partner_reference",
         "may contain only letters, digits and . _ : / -"),
        ("reference length", { $0.partnerReference = String(repeating: "r", count: 101) }, "partner_reference",
         "must have 1 to 100 characters"),
        ("crime type", { $0.crimeType = "fraud.lottery" }, "crime_type",
         "unknown crime type 'fraud.lottery'; expected one of " + CrimeType.allCases.map(\.rawValue).joined(separator: ", ")),
        ("missing crime type", { $0.crimeType = nil }, "crime_type", "required"),
        ("summary length", { $0.summary = String(repeating: "s", count: 10_001) }, "summary",
         "must have at most 10000 characters, got 10001"),
        ("summary control", { $0.summary = "nul\u{0} byte in the summary text" }, "summary", "contains control characters"),
        ("bad timestamp", { $0.timeWindow?.firstSeen = "01/02/2026" }, "time_window.first_seen",
         "not an RFC 3339 timestamp such as 2026-03-01T09:30:00Z"),
        ("missing first seen", { $0.timeWindow?.firstSeen = nil }, "time_window.first_seen", "required"),
        ("future", { $0.timeWindow?.lastSeen = "2026-03-02T00:00:00Z" }, "time_window.last_seen", "is in the future"),
        ("ancient", { $0.timeWindow?.firstSeen = "1985-01-01T00:00:00Z" }, "time_window.first_seen", "is before 1990"),
        ("reversed", { $0.timeWindow?.lastSeen = "2026-01-01T00:00:00Z" }, "time_window.last_seen", "is before first_seen"),
        ("victims range", { $0.victims?.count = -1 }, "victims.count", "must be between 0 and 1000000"),
        ("victims missing count", { $0.victims?.count = nil }, "victims.count", "required"),
        ("vulnerability level", { $0.victims?.vulnerabilityLevel = "extreme" }, "victims.vulnerability_level",
         "must be low, medium or high"),
        ("level without flag", { $0.victims?.vulnerable = false }, "victims.vulnerability_level",
         "only allowed when vulnerable is true"),
        ("loss syntax", { $0.loss?.amount = "1,250.00" }, "loss.amount",
         "must be a decimal string such as \"1250.00\" (digits, optional decimal point, no sign or separators)"),
        ("loss negative", { $0.loss?.amount = "-5" }, "loss.amount",
         "must be a decimal string such as \"1250.00\" (digits, optional decimal point, no sign or separators)"),
        ("loss places", { $0.loss?.amount = "10.001" }, "loss.amount", "has 3 decimal places; GBP allows 2"),
        ("loss magnitude", { $0.loss?.amount = "1000000000000.01" }, "loss.amount", "exceeds the maximum of 1000000000000 GBP"),
        ("loss currency", { $0.loss?.currency = "gbp" }, "loss.currency", "not an ISO 4217 currency code (e.g. GBP, EUR, USD)"),
        ("loss missing currency", { $0.loss?.currency = nil }, "loss.currency", "required"),
        ("iban checksum", { $0.indicators?.append(IndicatorSubmission(kind: "iban", value: "GB82WEST12345698765433")) },
         "indicators[2].value", "not a valid IBAN checksum"),
        ("sort code", { $0.indicators?[1].sortCode = "12-34" }, "indicators[1].sort_code", "must be 6 digits, e.g. 12-34-56"),
        ("indicator kind", { $0.indicators?[0].kind = nil }, "indicators[0].kind", "required"),
        ("oversized indicator", { $0.indicators?[0].value = String(repeating: "1", count: 2_049) }, "indicators[0].value",
         "must have at most 2048 characters"),
        ("too many indicators", { $0.indicators = Array(repeating: IndicatorSubmission(kind: "phone", value: "07700900123"), count: 501) },
         "indicators", "at most 500 indicators per referral, got 501"),
        ("meaningful content", { $0.indicators = []; $0.summary = "Too short to act on." }, "indicators",
         "at least one indicator is required, or a summary of at least 50 characters"),
        ("gateway", { $0.gateway = "GDPR art.6" }, "gateway",
         "not a gateway code 'GDPR art.6'; expected lower-case letters, digits and underscores such as cca_2013_s7"),
        ("missing gateway", { $0.gateway = nil }, "gateway", "required"),
        ("missing markings", { $0.markings = nil }, "markings", "required"),
        ("tlp", { $0.markings?.tlp = "PURPLE" }, "markings.tlp", "must be CLEAR, GREEN, AMBER, AMBER+STRICT or RED"),
        ("source evaluation", { $0.markings?.sourceEvaluation = 4 }, "markings.source_evaluation",
         "must be 1 (reliable), 2 (untested) or 3 (not reliable)"),
        ("assessment", { $0.markings?.intelligenceAssessment = "F" }, "markings.intelligence_assessment",
         "must be one of A, B, C, D, E"),
        ("handling code", { $0.markings?.handlingCode = "X" }, "markings.handling_code", "must be P or C"),
        ("conditions required", { $0.markings?.handlingCode = "C" }, "markings.handling_conditions",
         "required when handling code is C"),
        ("conditions blank", { $0.markings?.handlingCode = "C"; $0.markings?.handlingConditions = "  " },
         "markings.handling_conditions", "required when handling code is C"),
        ("conditions with P", { $0.markings?.handlingConditions = "Do not disseminate" }, "markings.handling_conditions",
         "only allowed when handling code is C"),
    ]

    @Test(arguments: 0..<singleFieldErrors.count)
    func eachErrorAtItsPath(index: Int) {
        let (name, mutate, path, message) = Self.singleFieldErrors[index]
        var submission = validSubmission()
        mutate(&submission)
        guard case .failure(let failure) = ReferralValidator.validate(submission, now: now) else {
            Issue.record("\(name): expected a failure")
            return
        }
        #expect(failure.errors.map(\.description) == ["\(path): \(message)"], "\(name)")
    }

    @Test func narrativeOnlyReferralWithLongSummaryIsMeaningful() throws {
        var submission = validSubmission()
        submission.indicators = nil
        submission.crimeType = "cyber.ransomware"
        submission.summary = "Ransomware incident at a logistics firm; files encrypted overnight, note demands 40 BTC."
        #expect(try ReferralValidator.validate(submission).get().indicators.isEmpty)
    }

    @Test func conditionsTravelWithCodeC() throws {
        var submission = validSubmission()
        submission.markings = MarkingsSubmission(
            tlp: "tlp:amber+strict", sourceEvaluation: 1, intelligenceAssessment: "a", handlingCode: "c",
            handlingConditions: " Not for onward disclosure without the originator's consent ")
        let markings = try ReferralValidator.validate(submission).get().markings
        #expect(markings.tlp == .amberStrict)
        #expect(markings.grade == "1A C")
        #expect(markings.handlingConditions == "Not for onward disclosure without the originator's consent")
    }

    @Test func customLimitsApply() {
        var limits = ValidationLimits()
        limits.maxIndicators = 1
        let failure = ReferralValidator.validate(validSubmission(), limits: limits)
        guard case .failure(let failure) = failure else {
            Issue.record("expected failure")
            return
        }
        #expect(failure.messages(at: "indicators") == ["at most 1 indicators per referral, got 2"])
    }
}
