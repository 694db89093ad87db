import HTTP
import Runtime
import Testing

@Suite struct MessageTests {
    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "Via": "a"]
        headers.add("via", "b")
        #expect(headers["content-type"] == "application/json")
        #expect(headers.values("VIA") == ["a", "b"])
        headers["Via"] = "c"
        #expect(headers.values("via") == ["c"])
        headers["Via"] = nil
        #expect(!headers.contains("via"))
        #expect(HTTPHeaders([("Connection", "Keep-Alive, Upgrade"), ("connection", " close ")]).tokens("Connection")
            == ["keep-alive", "upgrade", "close"])
    }

    @Test func redactsSecretsWhenDescribed() {
        let headers: HTTPHeaders = ["Authorization": "Bearer occ_1_secret", "Accept": "*/*"]
        #expect(!headers.description.contains("occ_1_secret"))
        #expect(headers.description.contains("Accept: */*"))
    }

    @Test func collectsWithinALimit() async throws {
        #expect(try await RequestBody("12345").collect(upTo: 5) == Array("12345".utf8))
        await #expect(throws: HTTPError.self) { try await RequestBody("123456").collect(upTo: 5) }
    }

    @Test func carriesAPrincipalInTheContext() {
        struct Partner: Sendable { let id: Int }
        let request = Request(method: .get, target: "/")
        #expect(request.context.principal == nil)
        request.context.principal = Partner(id: 7)
        #expect(request.context.principal(as: Partner.self)?.id == 7)
        #expect(request.context.principal(as: String.self) == nil)
    }

    @Test func readsServerSettingsFromTheEnvironment() throws {
        let configuration = try HTTPServer.Configuration(config: Config([
            "HTTP_HOST": "::", "HTTP_PORT": "9000", "HTTP_MAX_BODY_BYTES": "2048", "HTTP_IDLE_TIMEOUT": "5s",
        ]))
        #expect(configuration.host == "::")
        #expect(configuration.port == 9000)
        #expect(configuration.maxBodyBytes == 2048)
        #expect(configuration.idleTimeout == .seconds(5))
        #expect(configuration.headerTimeout == .seconds(10))
        #expect(throws: ConfigError.self) { try HTTPServer.Configuration(config: Config(["HTTP_PORT": "70000"])) }
    }

    @Test func reportsBindFailures() throws {
        let first = HTTPServer(router: Router(), configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0))
        let port = try first.bind()
        let second = HTTPServer(router: Router(), configuration: HTTPServer.Configuration(host: "127.0.0.1", port: port))
        #expect(throws: HTTPServerError.self) { try second.bind() }
    }
}
