import Runtime

/// Everything a connection thread needs from its server, bundled as one Sendable value.
struct ServerCore: Sendable {
    let configuration: HTTPServer.Configuration
    let router: Router
    let logger: Logger
    let state: ServerState
    let wake: WakePipe
    let instruments: ServerInstruments?
    let deadlines: DeadlineTimer
}
