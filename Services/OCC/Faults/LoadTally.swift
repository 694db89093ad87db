import Foundation

/// What the load saw from the outside, over HTTP, during one fault.
struct LoadTally: Sendable {
    /// Ids of referrals intake acknowledged (2xx with a reference).
    var accepted: [String] = []
    /// When each acknowledgement arrived.
    var acknowledgedAt: [Date] = []
    /// Answers that were not 2xx and will not be retried (4xx), with a sample of their bodies.
    var rejected = 0
    var rejectionSamples: [String] = []
    /// Attempts retried: no answer (connection refused, reset, timeout) or a 5xx.
    var retried = 0
    /// Outcome ids the tasking API answered 201 for.
    var outcomes: [Int64] = []
    /// Officers' requests refused (a 4xx other than 409 for a retried outcome), with samples.
    var officerRefusals = 0
    var refusalSamples: [String] = []

    /// The first acknowledgement at or after `instant`.
    func firstAcknowledgement(after instant: Date) -> Date? {
        acknowledgedAt.filter { $0 >= instant }.min()
    }

    mutating func refuseOfficer(_ what: String, _ status: Int, _ body: String) {
        officerRefusals += 1
        if refusalSamples.count < 3 { refusalSamples.append("\(what): \(status) \(body.prefix(200))") }
    }

    mutating func reject(_ status: Int, _ body: String) {
        rejected += 1
        if rejectionSamples.count < 3 { rejectionSamples.append("\(status) \(body.prefix(300))") }
    }
}
