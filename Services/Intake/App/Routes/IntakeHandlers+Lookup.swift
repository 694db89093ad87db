import Domain
import HTTP

extension IntakeHandlers {
    /// `POST /v1/lookups`: for each indicator value, whether the exchange already knows it, and
    /// how widely only above the k-anonymity floor. 200 answers, 400 too many values or not JSON,
    /// 422 an invalid indicator, 429 past the partner's per-minute limit (with `Retry-After`).
    func lookup(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        try Self.requireJSON(request)
        let body = try Self.parseJSON(try await request.body.collect(upTo: limits.maxLookupBytes))
        let answers = try await lookups.answer(body, partnerID: partnerID, traceID: request.context.requestID)
        metrics.counter("intake_lookups_total", help: "Indicator values looked up.").increment(by: Double(answers.count))
        return try Response.json(LookupResponse(results: answers))
    }
}
