import Domain
import Foundation
import HTTP
import ServiceKit

extension Console {
    /// `GET /console/journeys`: the form (officers only: oversight sees aggregates, never a referral).
    func journeyForm(_ request: Request) async throws -> Response {
        try await page(request, for: [.officer]) { visitor in ConsoleResponse.html(JourneyPage.form(visitor: visitor)) }
    }

    /// `POST /console/journeys`: the timeline of the referral asked for, recorded with the
    /// officer's purpose. A forged form is 403; a bad id or purpose 400 and an unknown referral
    /// 404, each the form again, with nothing read or recorded.
    func journey(_ request: Request) async throws -> Response {
        try await page(request, for: [.officer]) { visitor in
            let form = try await ConsoleForm.read(request)
            guard ConsoleCSRF.matches(form[ConsoleCSRF.field], visitor.csrf) else { return Self.forgedForm() }
            let (text, stated) = ((form["referral"] ?? "").trimmingCharacters(in: .whitespaces), form["purpose"] ?? "")
            func again(_ error: String, _ status: HTTPStatus) -> Response {
                ConsoleResponse.html(JourneyPage.form(visitor: visitor, error: error, referral: text, purpose: stated), status: status)
            }
            guard let referral = UUID(uuidString: text) else { return again("The referral id must be a UUID.", .badRequest) }
            let purpose: Purpose
            do {
                purpose = try Purpose(header: stated)
            } catch {
                return again("The purpose \(String(describing: error)).", .badRequest)
            }
            guard let journey = try await Journey.load(
                referral, purpose: purpose, session: visitor.session, traceID: request.context.requestID, pool: pool)
            else { return again("No referral has that id.", .notFound) }
            return ConsoleResponse.html(JourneyPage.timeline(journey, purpose: purpose, visitor: visitor))
        }
    }
}
