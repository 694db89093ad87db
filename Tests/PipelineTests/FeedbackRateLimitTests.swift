import FeedbackApp
import Foundation
import HTTP
import Runtime
import ServiceKit
import Testing
import TestSupport

/// The feedback service with a small partner rate limit, over real sockets: its JSON API and its
/// TAXII server draw on one bucket per partner.
@Suite("feedback: per-partner request rate limit")
struct FeedbackRateLimitTests {
    @Test("the feedback API and TAXII share a partner's bucket: 429 with Retry-After past it, other partners unaffected, success after Retry-After")
    func limited() async throws {
        let database = try await TestDatabase.create()
        let environment = ServiceEnvironment(
            databaseURL: database.conninfo(as: .feedback), poolSize: 2, http: HTTPServer.Configuration(host: "127.0.0.1", port: 0),
            logger: Logger(service: "feedback-test", level: .critical))
        // One token a second, three at once, on a clock that stands still until the test moves
        // it: the counts are exact however slowly the machine serves the requests.
        let clock = ManualClock()
        let service = FeedbackService(environment: environment, settings: FeedbackSettings(
            concurrency: 1, partnerRateLimit: PartnerRateLimit(rate: 1, burst: 3, clock: { clock.now() })))
        let port = try service.server.bind()
        let running = Task { try await service.server.run() }
        let inspector = database.pool()
        let stop = {
            service.server.shutdown()
            _ = try? await running.value
            await inspector.close()
            await service.pool.close()
        }
        do {
            func key(_ name: String) async throws -> String {
                let partner = try await PartnerRegistry(pool: inspector).add(name: name, sector: .telco)
                return try await APIKeyRegistry(pool: inspector).issue(owner: .partner(id: partner.id), scopes: [.partnerFeedback]).token
            }
            let limited = try await key("Example Telecom"), other = try await key("Example Mobile")
            let client = HTTPClient(port: port, timeout: .seconds(60))
            func feedback(_ token: String) async throws -> ClientResponse {
                try await client.get("/v1/feedback", headers: ["Authorization": "Bearer \(token)"])
            }
            func taxii(_ token: String) async throws -> ClientResponse {
                try await client.get("/taxii2/exchange/collections", headers: [
                    "Authorization": "Basic " + Data("partner:\(token)".utf8).base64EncodedString(),
                    "Accept": "application/taxii+json;version=2.1"])
            }

            let checker = try OpenAPIChecker(try await client.get("/openapi.json").body)
            var json: [ClientResponse] = [], stix: [ClientResponse] = []
            for _ in 0..<5 { json.append(try await feedback(limited)) }
            for _ in 0..<3 { stix.append(try await taxii(limited)) }
            #expect(json.map(\.status.code) == [200, 200, 200, 429, 429], "the burst is admitted, then refused")
            #expect(stix.map(\.status.code) == [429, 429, 429], "TAXII draws on the same, spent bucket")
            for response in json.dropFirst(3) {
                #expect(response.headers["Retry-After"] == "1")
                #expect(response.headers["Content-Type"] == Problem.contentType)
                #expect(checker.problems(response, method: "GET", path: "/v1/feedback") == [])
            }
            for response in stix {
                #expect(response.headers["Retry-After"] == "1")
                #expect(response.headers["Content-Type"] == "application/taxii+json;version=2.1")
                #expect(checker.problems(response, method: "GET", path: "/taxii2/exchange/collections") == [])
            }

            #expect(try await feedback(other).status == .ok, "another partner has its own bucket")
            #expect(try await taxii(other).status == .ok)

            // Once Retry-After has passed, one more request (one token's worth) is accepted.
            clock.advance(by: .seconds(Int(stix.last?.headers["Retry-After"] ?? "") ?? 1))
            #expect(try await taxii(limited).status == .ok)
            #expect(try await feedback(limited).status == .tooManyRequests)
            await client.close()
        } catch {
            await stop()
            throw error
        }
        await stop()
    }
}
