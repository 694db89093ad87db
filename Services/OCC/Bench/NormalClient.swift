import HTTP

/// The well-behaved client of the slow-client and idle-connection benchmarks: sequential
/// `GET /healthz`, each on a new connection; a 200 within 5 s is a success.
enum NormalClient {
    struct Result {
        var total = 0
        var succeeded = 0
        var latency = LatencyRecorder()
    }

    static func run(port: Int, seconds: Int) async -> Result {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var result = Result()
        while ContinuousClock.now < deadline {
            let start = ContinuousClock.now
            let response = try? await HTTPClient(port: port, timeout: .seconds(5)).get("/healthz")
            result.latency.record(ContinuousClock.now - start)
            result.total += 1
            if response?.status == .ok { result.succeeded += 1 }
        }
        return result
    }
}
