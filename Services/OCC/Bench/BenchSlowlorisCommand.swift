import Foundation
import HTTP
import Runtime

/// `occ bench slowloris`: a normal client's success rate and latency while many sockets send slowly
/// or sit idle, against an in-process server with the services' default limits.
enum BenchSlowlorisCommand: Command {
    static let path = ["bench", "slowloris"]
    static let summary = "a normal client's success rate and p99 while slow or idle sockets hold connections"
    static let help = """
        usage: occ bench slowloris [--sockets N] [--seconds N] [--model M] [--max-connections N]

        Starts an in-process server (the services' default limits unless given below)
        and runs three cases in turn, each for --seconds: N sockets sending a request head one byte
        every 5 s; N sockets sending a POST body one byte every 5 s; N sockets idle after one
        request. Attacking sockets reconnect when cut off. Meanwhile a normal client sends
        GET /healthz, each on a new connection, and the success rate and p50/p99 are printed.

          --sockets N   attacking sockets per case (default 600)
          --seconds N   length of each case (default 10)
          --model M     the server's I/O model: event-loops (default) or thread-per-connection
          --max-connections N  the server's connection cap (default: the server's default)
        """
    static let valuedOptions: Set<String> = ["sockets", "seconds", "model", "max-connections"]

    enum Attack: String, CaseIterable {
        case slowHead = "slow head"
        case slowBody = "slow body"
        case idle = "idle keep-alive"
    }

    static func run(_ arguments: Arguments) async throws {
        let sockets = try arguments.int("sockets", default: 600)
        let seconds = try arguments.int("seconds", default: 10)
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        switch arguments.string("model") ?? "event-loops" {
        case "event-loops": configuration.ioModel = .eventLoops
        case "thread-per-connection": configuration.ioModel = .threadPerConnection
        default: throw UsageError("--model takes event-loops or thread-per-connection")
        }
        configuration.maxConnections = try arguments.int("max-connections", default: configuration.maxConnections)
        let server = try BenchServer.start(configuration) { router in
            router.post("/upload") { request in .text(String(try await request.body.collect().count)) }
        }
        let port = server.port
        print("occ bench slowloris — \(sockets) sockets per case, \(seconds)s each, \(configuration.ioModel), "
            + "cap \(configuration.maxConnections) connections\n")
        print("case               normal requests   succeeded   p50 ms   p99 ms")
        for attack in Attack.allCases {
            let attackers = (0..<sockets).map { _ in Task { await SlowSocket.attack(attack, port: port) } }
            // Let the attackers take their connections before the normal client starts.
            try await Task.sleep(for: .seconds(1))
            let normal = await NormalClient.run(port: port, seconds: seconds)
            attackers.forEach { $0.cancel() }
            for attacker in attackers { await attacker.value }
            let rate = normal.total > 0 ? Double(normal.succeeded) / Double(normal.total) * 100 : 0
            print("\(pad(attack.rawValue, 15))   \(pad(String(normal.total), 15))   \(pad(figure(rate, decimals: 1) + "%", 9))   "
                + "\(pad(figure(normal.latency.percentileMilliseconds(0.5), decimals: 1), 6))   \(pad(figure(normal.latency.percentileMilliseconds(0.99), decimals: 1), 6))")
        }
        try await server.stop()
    }
}
