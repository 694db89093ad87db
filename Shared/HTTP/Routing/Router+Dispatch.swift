import Runtime

/// Running a resolved request through its middleware chain, with every layer's errors turned into responses.
extension Router {
    func respond(to request: Request, resolution: Resolution) async -> Response {
        var request = request
        var chain: [any Middleware] = resolution.middleware
        let endpoint: RouteHandler
        switch resolution.outcome {
        case .matched(let route, let parameters):
            request.parameters = parameters
            request.route = route.pattern.description
            chain += route.middleware
            endpoint = route.handler
        case .methodNotAllowed(let allowed):
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            endpoint = { _ in throw HTTPError(.methodNotAllowed, headers: ["Allow": allow]) }
        case .notFound:
            endpoint = { _ in throw HTTPError(.notFound) }
        }
        var next: @Sendable (Request) async -> Response = { request in
            await self.guarded(request) { try await endpoint($0) }
        }
        for middleware in chain.reversed() {
            let inner = next
            next = { request in
                await self.guarded(request) { try await middleware.handle($0, next: inner) }
            }
        }
        return await next(request)
    }

    private func guarded(_ request: Request, _ body: (Request) async throws -> Response) async -> Response {
        do {
            return try await body(request)
        } catch {
            return response(for: error, request: request)
        }
    }

    /// The response an error becomes (through the error mappings for errors that are not
    /// `HTTPResponseError`s); anything unexpected is logged and answered with a bare 500.
    func response(for error: any Error, request: Request) -> Response {
        switch error {
        case let error as any HTTPResponseError:
            if error.status.code >= 500 { log(error, request: request) }
            return error.response()
        case let error as DecodingError:
            return HTTPError(decoding: error).response()
        default:
            let mapped = errorMappings.lazy.compactMap { $0(error) }.first
            // The original error is logged: it says more than the response it became.
            if (mapped?.status.code ?? 500) >= 500 { log(error, request: request) }
            return mapped?.response() ?? HTTPError(.internalServerError).response()
        }
    }

    private func log(_ error: any Error, request: Request) {
        logger.error("request failed", [
            "request_id": request.context.requestID,
            "route": request.route ?? "",
            "error_type": String(reflecting: type(of: error)),
            "error": String(describing: error),
        ])
    }
}
