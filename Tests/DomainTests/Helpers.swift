import Domain
import Foundation

/// Normalises one indicator and returns its canonical value, or the first problem's message.
func normalise(
    _ kind: IndicatorKind, _ value: String? = nil, sortCode: String? = nil, accountNumber: String? = nil,
    chain: String? = nil, platform: String? = nil, algorithm: String? = nil,
    normaliser: IndicatorNormaliser = IndicatorNormaliser()
) -> Result<CanonicalIndicator, IndicatorFailure> {
    normaliser.normalise(IndicatorSubmission(
        kind: kind.rawValue, value: value, sortCode: sortCode, accountNumber: accountNumber,
        chain: chain, platform: platform, algorithm: algorithm))
}

extension Result where Success == CanonicalIndicator, Failure == IndicatorFailure {
    var canonicalValue: String? {
        try? get().value
    }

    var problem: String? {
        if case .failure(let failure) = self { failure.problems.first?.message } else { nil }
    }
}

func date(_ text: String) -> Date {
    guard let date = Timestamp.parse(text) else { preconditionFailure("bad test timestamp \(text)") }
    return date
}

/// A complete, valid referral submission that tests then break one field at a time.
func validSubmission() -> ReferralSubmission {
    ReferralSubmission(
        partnerReference: "TEL-2026-0001",
        crimeType: "fraud.app_impersonation",
        summary: "Caller impersonating bank fraud team asking victims to move money to a safe account.",
        timeWindow: TimeWindowSubmission(firstSeen: "2026-02-01T09:00:00Z", lastSeen: "2026-02-03T17:30:00Z"),
        victims: VictimsSubmission(count: 3, vulnerable: true, vulnerabilityLevel: "high"),
        loss: MoneySubmission(amount: "12500.5", currency: "GBP"),
        indicators: [
            IndicatorSubmission(kind: "phone", value: "07700 900123"),
            IndicatorSubmission(kind: "uk_bank_account", sortCode: "12-34-56", accountNumber: "98765432"),
        ],
        gateway: "eccta_2023_ss188_189",
        markings: MarkingsSubmission(tlp: "AMBER", sourceEvaluation: 2, intelligenceAssessment: "B", handlingCode: "P"))
}
