import Domain
import Foundation
import HTTP
import ServiceKit

/// Authentication facts, body parsing and validation shared by the handlers.
extension IntakeHandlers {
    /// The authenticated partner; keys of agencies or the exchange cannot submit.
    static func partnerID(_ request: Request) throws -> Int64 {
        guard let partnerID = try request.principal().partnerID else { throw IntakeError.notAPartner }
        return partnerID
    }

    /// Refuses bodies declared as something other than JSON (NDJSON and STIX JSON included).
    static func requireJSON(_ request: Request) throws {
        guard let type = request.headers["Content-Type"]?.lowercased(), !type.contains("json") else { return }
        throw HTTPError(.unsupportedMediaType, detail: "send the body as application/json")
    }

    /// Parses JSON text; anything that is not JSON is a 400.
    static func parseJSON(_ bytes: [UInt8]) throws -> JSONValue {
        guard !bytes.isEmpty else { throw IntakeError.malformed("the body is empty; expected a JSON object") }
        do {
            return try JSONValue(parsing: bytes)
        } catch let error as JSONSyntaxError {
            throw IntakeError.malformed("the body is not valid JSON: \(error)")
        }
    }

    /// Validates a referral's JSON, reporting every problem at once (422).
    func validate(_ json: JSONValue, partnerID: Int64, channel: IntakeChannel, traceID: String) throws -> IncomingReferral {
        let submission = ReferralSubmission(json: json)
        switch ReferralValidator(limits: limits.validation).validate(submission, now: Date()) {
        case .success(let valid):
            return IncomingReferral(valid: valid, submission: submission, partnerID: partnerID, channel: channel, traceID: traceID)
        case .failure(let failure):
            throw IntakeError.invalid(failure)
        }
    }
}
