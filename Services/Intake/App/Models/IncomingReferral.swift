import Domain
import Foundation

/// A validated referral ready to store, with what it came from.
struct IncomingReferral: Sendable {
    let valid: ValidReferral
    let submission: ReferralSubmission
    let partnerID: Int64
    let channel: IntakeChannel
    let traceID: String
    /// `valid.canonicalText` and its fingerprint, computed once: storing and replay checks need both.
    let canonicalText: String
    let fingerprint: String

    init(valid: ValidReferral, submission: ReferralSubmission, partnerID: Int64, channel: IntakeChannel, traceID: String) {
        self.valid = valid
        self.submission = submission
        self.partnerID = partnerID
        self.channel = channel
        self.traceID = traceID
        canonicalText = valid.canonicalText
        fingerprint = ValidReferral.fingerprint(ofCanonicalText: canonicalText)
    }
}
