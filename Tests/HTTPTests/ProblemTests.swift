import Foundation
import HTTP
import Testing

@Suite struct ProblemTests {
    struct Referral: Codable {
        struct Indicator: Codable {
            let kind: String
            let value: String
        }

        let reference: String
        let indicators: [Indicator]
    }

    struct Boom: Error, CustomStringConvertible {
        var description: String { "password=hunter2 at /srv/secret" }
    }

    func makeRouter() -> Router {
        let router = Router(logger: TestServer.logger)
        router.post("/validate") { _ in
            throw HTTPError(.unprocessableContent, detail: "2 problems", errors: [
                Problem.FieldError(field: "indicators[2].value", message: "not a valid IBAN checksum"),
                Problem.FieldError(field: "gateway", message: "is required"),
            ], type: "https://occ.example/problems/validation", title: "Invalid referral")
        }
        router.post("/decode") { request in
            let referral = try await request.decode(Referral.self)
            return try .json(["reference": referral.reference])
        }
        router.get("/boom") { _ in throw Boom() }
        router.get("/unauthorized") { _ in
            throw HTTPError(.unauthorized, detail: "missing API key", headers: ["WWW-Authenticate": "Bearer"])
        }
        return router
    }

    func json(_ response: Response) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func rendersValidationProblemsWithFieldPaths() async throws {
        let response = await makeRouter().respond(to: Request(method: .post, target: "/validate"))
        #expect(response.status == .unprocessableContent)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body))
        #expect(problem.type == "https://occ.example/problems/validation")
        #expect(problem.title == "Invalid referral")
        #expect(problem.status == 422)
        #expect(problem.detail == "2 problems")
        #expect(problem.errors?.first == Problem.FieldError(field: "indicators[2].value", message: "not a valid IBAN checksum"))
        #expect(String(decoding: response.body, as: UTF8.self).hasPrefix("{\"detail\":\"2 problems\",\"errors\":[{\"field\""))
    }

    @Test func turnsDecodingFailuresInto400WithAPath() async throws {
        let body = RequestBody(#"{"reference":"r1","indicators":[{"kind":"url","value":"x"},{"kind":"iban"}]}"#)
        let response = await makeRouter().respond(to: Request(method: .post, target: "/decode", body: body))
        #expect(response.status == .badRequest)
        let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body))
        #expect(problem.errors == [Problem.FieldError(field: "indicators[1].value", message: "is required")])
        let malformed = await makeRouter().respond(to: Request(method: .post, target: "/decode", body: RequestBody("{nope")))
        #expect(malformed.status == .badRequest)
    }

    @Test func hidesInternalErrorsBehindA500() async throws {
        let response = await makeRouter().respond(to: Request(method: .get, target: "/boom"))
        #expect(response.status == .internalServerError)
        let object = try json(response)
        #expect(object["title"] as? String == "Internal Server Error")
        #expect(object["status"] as? Int == 500)
        #expect(object["type"] as? String == "about:blank")
        #expect(object["detail"] == nil)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("hunter2"))
    }

    @Test func carriesErrorHeaders() async throws {
        let response = await makeRouter().respond(to: Request(method: .get, target: "/unauthorized"))
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == "Bearer")
    }

    @Test func omitsAbsentMembers() throws {
        let response = Response.problem(Problem(status: .notFound))
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"status":404,"title":"Not Found","type":"about:blank"}"#)
    }

    @Test func encodesJSONWithSortedKeysAndISODates() throws {
        struct Payload: Encodable {
            let zulu = 1
            let alpha = Date(timeIntervalSince1970: 0)
        }
        let response = try Response.json(Payload(), status: .created)
        #expect(response.status == .created)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"alpha":"1970-01-01T00:00:00Z","zulu":1}"#)
    }

    @Test func decodesDatesWithOrWithoutFractionalSeconds() throws {
        struct Window: Decodable { let from: Date; let to: Date }
        let window = try JSONCoding.decode(Window.self, from: Data(#"{"from":"2026-01-01T10:00:00Z","to":"2026-01-01T10:00:00.250Z"}"#.utf8))
        #expect(window.to.timeIntervalSince(window.from) == 0.25)
    }
}
