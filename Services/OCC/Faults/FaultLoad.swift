import Domain
import Foundation
import HTTP
import Synchronization

/// Load while a fault happens: every partner submits referrals at an even share of the offered
/// rate, and an officer per agency takes new taskings and records outcomes, all over HTTP. Like a
/// real client, an unanswered request (no response, or a 5xx) is sent again unchanged — a
/// referral with the same partner reference, which intake treats as a replay — until answered.
final class FaultLoad: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let tally = Mutex(LoadTally())
    private let sequence: ReferralSequence
    private let participants: FaultParticipants
    let ports: [String: Int]
    let database: FaultDatabase
    /// Pause between resending an unanswered request.
    static let retryPause: Duration = .milliseconds(250)

    private init(sequence: ReferralSequence, participants: FaultParticipants, ports: [String: Int], database: FaultDatabase) {
        self.sequence = sequence
        self.participants = participants
        self.ports = ports
        self.database = database
    }

    /// Starts the load; `stop()` ends it and returns what it saw.
    static func start(
        _ settings: FaultSettings, participants: FaultParticipants, ports: [String: Int], database: FaultDatabase,
        sequence: ReferralSequence
    ) -> (FaultLoad, Task<Void, Never>) {
        let load = FaultLoad(sequence: sequence, participants: participants, ports: ports, database: database)
        let partnerInterval = Duration.seconds(Double(participants.partners.count) / Double(settings.rate))
        let officerInterval = settings.outcomeRate == 0 ? nil
            : Duration.seconds(Double(participants.officers.count) / Double(settings.outcomeRate))
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                for partner in participants.partners {
                    group.addTask { await load.submit(as: partner, every: partnerInterval) }
                }
                if let officerInterval {
                    for (agency, key) in participants.officers {
                        group.addTask { await load.officer(agency, key: key, every: officerInterval) }
                    }
                }
            }
        }
        return (load, task)
    }

    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    func stop(_ task: Task<Void, Never>) async -> LoadTally {
        stopped.store(true, ordering: .releasing)
        await task.value
        return tally.withLock { $0 }
    }

    /// A snapshot while the load runs.
    var snapshot: LoadTally { tally.withLock { $0 } }

    func record(_ change: (inout LoadTally) -> Void) {
        tally.withLock { change(&$0) }
    }

    private func submit(as partner: FaultParticipants.Partner, every interval: Duration) async {
        let client = HTTPClient(port: ports["intake"]!, timeout: .seconds(10))
        var headers = HTTPHeaders()
        headers["Authorization"] = "Bearer \(partner.key)"
        headers["Content-Type"] = "application/json"
        let clock = ContinuousClock()
        // Partners start spread over one interval, not in lock step.
        var next = clock.now + interval * Double.random(in: 0..<1)
        while !isStopped {
            try? await Task.sleep(until: next, clock: clock)
            let body = FaultReferrals.body(
                partnerReference: "FS-\(UUID().uuidString.lowercased())", sector: partner.sector,
                campaign: FaultReferrals.campaign(for: sequence.next()))
            guard let bytes = try? JSONSerialization.data(withJSONObject: body) else { break }
            await submitUntilAnswered(client, headers: headers, body: Array(bytes))
            next = max(next + interval, clock.now)
        }
        await client.close()
    }

    private func submitUntilAnswered(_ client: HTTPClient, headers: HTTPHeaders, body: [UInt8]) async {
        while !isStopped {
            guard let response = try? await client.send(.post, "/v1/referrals", headers: headers, body: body),
                  response.status.code < 500
            else {
                record { $0.retried += 1 }
                try? await Task.sleep(for: Self.retryPause)
                continue
            }
            let now = Date()
            let id = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["id"] as? String
            if (200..<300).contains(response.status.code), let id {
                record {
                    $0.accepted.append(id.lowercased())
                    $0.acknowledgedAt.append(now)
                }
            } else {
                record { $0.reject(response.status.code, response.text) }
            }
            return
        }
    }
}

/// Numbers referrals across the whole run, so campaigns overlap from one fault to the next.
final class ReferralSequence: Sendable {
    private let counter = Atomic<Int>(0)

    func next() -> Int {
        counter.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
