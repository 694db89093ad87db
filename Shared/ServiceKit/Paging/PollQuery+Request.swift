import Domain
import HTTP

extension PollQuery {
    /// The paging parameters of `request` for `stream`; any bad one is a 400 naming each.
    public static func parse(_ request: Request, stream: String, limits: (default: Int, maximum: Int)) throws -> PollQuery {
        let parsed = parse(
            cursor: request.query["cursor"], since: request.query["since"], limit: request.query["limit"],
            stream: stream, limits: limits)
        switch parsed {
        case .success(let query):
            return query
        case .failure(let failure):
            let names = failure.errors.map(\.path.description).joined(separator: ", ")
            throw HTTPError(
                .badRequest, detail: "bad paging parameter(s): \(names)",
                errors: failure.errors.map { Problem.FieldError(field: $0.path.description, message: $0.message) })
        }
    }
}
