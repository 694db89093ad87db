import Crypto
import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

/// Answers existence-safe lookups: counts the request against the partner's per-minute limit,
/// reads the counts through `occ_indicator_lookup` (which sees no TLP:RED referral and returns no
/// identity) and audits the lookup, all in one transaction. A refused request counts for nothing.
struct LookupStore: Sendable {
    let pool: PostgresPool

    /// The answers for `body`, one per indicator in the order asked; throws a 429 past the rate
    /// limit, a 400 past the policy's value limit, a 422 for an invalid indicator.
    func answer(_ body: JSONValue, partnerID: Int64, traceID: String) async throws -> [LookupAnswer] {
        try await pool.transaction { connection in
            let results = try await connection.pipeline([
                PostgresConnection.partnerScopeQuery(partnerID), LookupQueries.policy,
                LookupQueries.countRequest.binding(partnerID), LookupQueries.forgetOldWindows.binding(partnerID),
            ])
            guard let policyRow = results[1].single, let usage = results[2].single else {
                throw PostgresError(.protocolViolation, queryName: "lookup_policy_read", reason: "no lookup policy row")
            }
            let policy = LookupPolicy(
                sectorFloor: try policyRow.decode(Int.self, "sector_floor"), maxValues: try policyRow.decode(Int.self, "max_values"),
                requestsPerMinute: try policyRow.decode(Int.self, "requests_per_minute"))
            guard try usage.decode(Int.self, "requests") <= policy.requestsPerMinute else {
                let retryAfter = max(1, try usage.decode(Int.self, "retry_after"))
                throw HTTPError(
                    .tooManyRequests, detail: "at most \(policy.requestsPerMinute) lookups a minute; retry after \(retryAfter) s",
                    headers: ["Retry-After": String(retryAfter)])
            }
            let request = try Self.parse(body, policy: policy)
            var items: [Int] = []
            var keys: [String] = []
            for (index, indicator) in request.indicators.enumerated() {
                for key in [indicator.key] + indicator.aliases {
                    items.append(index)
                    keys.append(key)
                }
            }
            var sightings: [Int: LookupSighting] = [:]
            for row in try await connection.query(LookupQueries.sightings.binding(items, keys)) {
                sightings[try row.decode(Int.self, "item")] = LookupSighting(
                    sectors: try row.decode(Int.self, "sectors"), partners: try row.decode(Int.self, "partners"))
            }
            let answers = request.indicators.enumerated().map { index, indicator in
                LookupAnswer(indicator: indicator, sighting: sightings[index], policy: policy)
            }
            try await connection.pipelineAndCommit(AuditLog.appendStatements([Self.event(
                request, answers: answers, partnerID: partnerID, traceID: traceID)]))
            return answers
        }
    }

    private static func parse(_ body: JSONValue, policy: LookupPolicy) throws -> LookupRequest {
        switch LookupRequest.parse(body, limit: policy.maxValues) {
        case .success(let request): return request
        case .failure(.tooMany(let count, let limit)):
            throw HTTPError(
                .badRequest, detail: "at most \(limit) indicators per lookup, got \(count); split the request",
                errors: [Problem.FieldError(field: "indicators", message: "at most \(limit) indicators")])
        case .failure(.invalid(let failure)):
            throw HTTPError(
                .unprocessableContent, detail: "\(failure.errors.count) problem(s) found; nothing was looked up",
                errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) },
                type: "https://occ.example/problems/invalid-lookup", title: "Invalid lookup")
        }
    }

    /// What was asked is recorded by digest (the first 16 hex digits of SHA-256 of each canonical
    /// key): an auditor can tell whether a given value was looked up without the log holding it.
    private static func event(_ request: LookupRequest, answers: [LookupAnswer], partnerID: Int64, traceID: String) -> AuditEvent {
        let digests = request.indicators.map { String(Hex.encode(SHA256.hash($0.key)).prefix(16)) }
        return AuditEvent(
            actor: "partner:\(partnerID)", action: "lookup.answered", subjectType: "partner", subjectID: String(partnerID),
            traceID: traceID,
            detail: ["values": String(answers.count), "known": String(answers.filter(\.known).count),
                     "key_digests": digests.joined(separator: ",")])
    }
}
