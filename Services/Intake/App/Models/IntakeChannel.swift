/// How a referral arrived; stored in `referrals.channel`.
enum IntakeChannel: String, Sendable {
    case json
    case bulk
    case stix
}
