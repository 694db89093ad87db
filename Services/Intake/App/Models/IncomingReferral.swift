import Domain
import Foundation

/// A validated referral ready to store, with what it came from.
struct IncomingReferral: Sendable {
    let valid: ValidReferral
    let submission: ReferralSubmission
    let partnerID: Int64
    let channel: IntakeChannel
    let traceID: String
}
