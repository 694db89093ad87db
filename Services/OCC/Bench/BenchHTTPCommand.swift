import Foundation
import HTTP
import Runtime

/// `occ bench http`: `GET /healthz` under `wrk`, this server's event loops beside its former thread
/// per connection (and nginx when one is named), in alternating rounds, with our CPU per request.
enum BenchHTTPCommand: Command {
    static let path = ["bench", "http"]
    static let summary = "requests/s of GET /healthz under wrk: event loops, thread per connection, nginx"
    static let help = """
        usage: occ bench http [--seconds N] [--connections LIST] [--rounds N] [--nginx | --nginx-port P]

        Starts an in-process server with one route, GET /healthz, for each I/O model in turn and runs
        wrk (Debian package 'wrk') against it with keep-alive connections, alternating the models
        round by round. Prints requests/s, the ratio to the event loops, and this process's CPU per
        request (the server's: wrk is another process). With --nginx, a throwaway nginx (Debian
        package 'nginx', one worker per core, a 'return 200' location for /healthz) is started and
        measured in the same rounds; with --nginx-port, one already listening on 127.0.0.1:P is.

          --seconds N         length of each wrk run (default 5)
          --connections LIST  comma-separated connection counts (default 8,256)
          --rounds N          alternating rounds per connection count (default 3)
          --nginx             also measure a throwaway nginx started for the run
          --nginx-port P      also measure nginx on this port
        """
    static let valuedOptions: Set<String> = ["seconds", "connections", "rounds", "nginx-port"]

    static func run(_ arguments: Arguments) async throws {
        let seconds = try arguments.int("seconds", default: 5)
        let rounds = try arguments.int("rounds", default: 3)
        var nginx = try arguments.string("nginx-port").map { text throws(UsageError) -> Int in
            guard let port = Int(text), (1...65535).contains(port) else { throw UsageError("--nginx-port takes a port") }
            return port
        }
        let ownNginx = arguments.flag("nginx") ? try Nginx.start() : nil
        defer { ownNginx?.stop() }
        if let ownNginx { nginx = ownNginx.port }
        let counts = try (arguments.string("connections") ?? "8,256").split(separator: ",").map { word throws(UsageError) -> Int in
            guard let count = Int(word), (1...20_000).contains(count) else { throw UsageError("--connections takes counts from 1 to 20000") }
            return count
        }
        print("occ bench http — GET /healthz, wrk \(seconds)s per run, \(rounds) alternating rounds\n")
        print("connections   server                  requests/s   ratio   CPU µs/request")
        var ofNginx: [(connections: Int, ratios: [Double])] = []
        for connections in counts {
            var ratios: [Double] = []
            for _ in 0..<rounds {
                let loops = try await measure(.eventLoops, connections: connections, seconds: seconds)
                let threads = try await measure(.threadPerConnection, connections: connections, seconds: seconds)
                row(connections, "event loops", loops, base: loops.rate)
                row(connections, "thread per connection", threads, base: loops.rate)
                if let nginx {
                    let rate = try Wrk.run(port: nginx, connections: connections, seconds: seconds).rate
                    row(connections, "nginx", (rate, nil), base: loops.rate)
                    if rate > 0 { ratios.append(loops.rate / rate) }
                }
            }
            if !ratios.isEmpty { ofNginx.append((connections, ratios.sorted())) }
        }
        // The target is stated against nginx: ours over nginx's, round by round (same moment).
        for (connections, ratios) in ofNginx {
            print("event loops ÷ nginx at \(connections) connections: median \(figure(ratios[ratios.count / 2], decimals: 2))× "
                + "(rounds \(figure(ratios.first!, decimals: 2))–\(figure(ratios.last!, decimals: 2))×)")
        }
    }

    private static func row(_ connections: Int, _ name: String, _ result: (rate: Double, cpu: Double?), base: Double) {
        let ratio = base > 0 ? figure(result.rate / base, decimals: 2) + "×" : "—"
        print("\(pad(String(connections), 11))   \(pad(name, 21))   \(pad(figure(result.rate), 10))   \(pad(ratio, 5))   "
            + (result.cpu.map { figure($0, decimals: 1) } ?? "—"))
    }

    /// Requests/s and this process's CPU microseconds per request for one model.
    private static func measure(_ model: HTTPServer.IOModel, connections: Int, seconds: Int) async throws -> (rate: Double, cpu: Double?) {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.ioModel = model
        configuration.maxConnections = max(512, connections * 2)
        let server = try BenchServer.start(configuration)
        let before = processCPUMicroseconds()
        let result = Result { try Wrk.run(port: server.port, connections: connections, seconds: seconds) }
        let cpu = processCPUMicroseconds() - before
        try await server.stop()
        let run = try result.get()
        return (run.rate, run.requests > 0 ? cpu / Double(run.requests) : nil)
    }

    private static func processCPUMicroseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    }
}
