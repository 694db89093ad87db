import HTTP

/// Routes most server tests share.
enum TestRoutes {
    static func standard(_ router: Router) {
        router.get("/hello") { _ in .text("hello") }
        router.post("/echo") { request in
            Response(headers: ["Content-Type": "application/octet-stream"], body: try await request.body.collect())
        }
        router.post("/big", maxBodyBytes: 8 * 1024 * 1024) { request in
            .text(String(try await request.body.collect().count))
        }
        router.post("/ignore") { _ in .text("ignored") }
    }
}
