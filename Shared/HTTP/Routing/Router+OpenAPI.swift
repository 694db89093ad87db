/// The service's OpenAPI document at `GET /openapi.json`, unauthenticated like the health routes.
extension Router {
    /// Serves `document` (the committed docs/openapi/<service>.json, embedded at build time) as is.
    public func addOpenAPIDocument(_ document: [UInt8]) {
        get("/openapi.json") { _ in
            Response(headers: ["Content-Type": "application/json"], body: document)
        }
    }
}
