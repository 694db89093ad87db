import Domain
import Foundation
import HTTP
import ServiceKit

extension Console {
    /// `GET /console/overview?from=&to=`: officers and oversight (the latter above the floor only).
    func overview(_ request: Request) async throws -> Response {
        try await page(request, for: [.officer, .oversight]) { visitor in
            let period = try Self.period(request)
            let overview = try await Overview.load(period, now: Date(), pool: pool)
            let floor = visitor.role == .oversight ? try await rules.floor() : nil
            let page = OverviewPage(overview: overview, rules: try await rules.rules(), floor: floor)
            return ConsoleResponse.html(page.render(visitor: visitor, period: period))
        }
    }

    /// The period of a page's `from`/`to` parameters (the only ones a page takes, with `also`);
    /// 400 naming a bad one.
    static func period(_ request: Request, also: Set<String> = []) throws -> ConsolePeriod {
        if let unknown = request.query.items.first(where: { !["from", "to"].contains($0.name) && !also.contains($0.name) }) {
            throw HTTPError(.badRequest, detail: "unknown parameter \(unknown.name)")
        }
        if let name = ["from", "to"].first(where: { request.query.values($0).count > 1 }) {
            throw HTTPError(.badRequest, detail: "parameter \(name) is repeated")
        }
        let today = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        switch ConsolePeriod.parse(from: request.query["from"], to: request.query["to"], today: today) {
        case .success(let period): return period
        case .failure(let failure):
            throw HTTPError(.badRequest, detail: failure.errors.map { "\($0.path.description): \($0.message)" }.joined(separator: "; "),
                            errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }
}
