import Domain
import HTTP
import Runtime

extension IntakeHandlers {
    /// `POST /v1/referrals/bulk`: NDJSON, one referral a line, each stored in its own transaction.
    ///
    /// The body is streamed a line at a time, so memory is bounded by one line plus the per-line
    /// results (at most `maxBulkLines`). A bad line gets its own result and never stops the others.
    /// Blank lines are skipped but keep the numbering, so results point at the partner's file lines.
    func bulk(_ request: Request) async throws -> Response {
        let partnerID = try Self.partnerID(request)
        try Self.requireJSON(request)
        var batch = ReferralBatchResult()
        var lineNumber = 0
        // Trace ids stay within 128 characters: request id prefix plus the line number.
        let tracePrefix = String(request.context.requestID.prefix(100))
        for try await line in request.body.lines(maxLineBytes: limits.maxBulkLineBytes) {
            lineNumber += 1
            guard line.contains(where: { !Self.isJSONWhitespace($0) }) else { continue }
            guard batch.results.count < limits.maxBulkLines else {
                batch.truncated = true
                break
            }
            batch.add(await result(of: line, number: lineNumber, partnerID: partnerID, traceID: "\(tracePrefix).\(lineNumber)"))
        }
        return try Response.json(batch)
    }

    private func result(of line: [UInt8], number: Int, partnerID: Int64, traceID: String) async -> ReferralResult {
        do {
            let incoming = try validate(try Self.parseJSON(line), partnerID: partnerID, channel: .bulk, traceID: traceID)
            try await gateways.check(incoming)
            let outcome = try await store.store(incoming)
            count(outcome, channel: .bulk)
            return ReferralResult(line: number, outcome: outcome)
        } catch let error as IntakeError {
            return ReferralResult(line: number, error: error)
        } catch {
            // The database failed for this line: report it and carry on; the partner can resend it.
            logger.error("bulk line not stored", ["line": String(number), "trace_id": traceID, "error": "\(error)"])
            return ReferralResult.unavailable(line: number)
        }
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
