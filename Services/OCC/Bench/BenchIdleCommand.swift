import Foundation
import HTTP
import Runtime

/// `occ bench idle`: the server's memory while it holds many idle keep-alive connections, and a
/// normal client's latency meanwhile. The server runs in a child process (`--serve`), so its
/// resident memory is its own, not the connecting sockets'.
enum BenchIdleCommand: Command {
    static let path = ["bench", "idle"]
    static let summary = "server memory (RSS) while holding N idle keep-alive connections, and a normal client's p99"
    static let help = """
        usage: occ bench idle [--connections N] [--seconds N] [--max-connections N]

        Starts the HTTP server (event loops, the services' default limits, one route GET /healthz)
        in a child process, opens N connections that each send one GET /healthz and then stay idle,
        and prints the child's resident memory before and while they are held. Meanwhile a normal
        client sends GET /healthz for --seconds, each on a new connection, and its success rate and
        p50/p99 are printed; finally how many of the N connections the server still holds.

          --connections N      idle keep-alive connections (default 10000; this process and the
                               server each need N open descriptors: see ulimit -Hn)
          --seconds N          length of the normal client's run (default 10; under the server's
                               60 s idle timeout)
          --max-connections N  the server's connection cap (default N + 100, so that the normal
                               client never forces an eviction)
          --serve CAP          the child's side (the server itself); not for direct use
        """
    static let valuedOptions: Set<String> = ["connections", "seconds", "max-connections", "serve"]

    static func run(_ arguments: Arguments) async throws {
        if let cap = arguments.string("serve") {
            guard let cap = Int(cap), cap > 0 else { throw UsageError("--serve takes a connection cap") }
            return try await serve(maxConnections: cap)
        }
        let count = try arguments.int("connections", default: 10_000)
        let seconds = try arguments.int("seconds", default: 10)
        let cap = try arguments.int("max-connections", default: count + 100)
        guard (1...100_000).contains(count) else { throw UsageError("--connections takes 1 to 100000") }
        guard (1...50).contains(seconds) else { throw UsageError("--seconds takes 1 to 50 (the idle timeout is 60 s)") }
        DescriptorLimit.raise(toAtLeast: count + 256, logger: Logger(service: "bench-idle", level: .warning))

        let server = try IdleBenchServer.start(maxConnections: cap)
        defer { server.stop() }
        print("occ bench idle — \(count) idle keep-alive connections, server cap \(cap), event loops, pid \(server.pid)\n")
        let baseline = server.memory()
        print("server RSS before connections: \(megabytes(baseline.rss)) MB")

        let started = ContinuousClock.now
        var held = IdleConnections()
        defer { held.closeAll() }
        try held.open(count, port: server.port)
        print("opened and answered \(held.count) connections in \(figure((ContinuousClock.now - started).seconds, decimals: 1)) s")
        let loaded = server.memory()
        print("server RSS holding them: \(megabytes(loaded.rss)) MB (peak \(megabytes(loaded.peak)) MB, "
            + "\(figure(Double(loaded.rss - baseline.rss) / Double(max(1, held.count)) / 1024, decimals: 1)) KiB per connection)")

        let normal = await NormalClient.run(port: server.port, seconds: seconds)
        let rate = normal.total > 0 ? Double(normal.succeeded) / Double(normal.total) * 100 : 0
        print("normal client: \(normal.succeeded) of \(normal.total) succeeded (\(figure(rate, decimals: 1))%), "
            + "p50 \(figure(normal.latency.percentileMilliseconds(0.5), decimals: 2)) ms, "
            + "p99 \(figure(normal.latency.percentileMilliseconds(0.99), decimals: 2)) ms")
        let after = server.memory()
        print("still held by the server: \(held.stillOpen()) of \(held.count); server RSS \(megabytes(after.rss)) MB")
    }

    /// The child's side: serves GET /healthz until its standard input closes.
    private static func serve(maxConnections: Int) async throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.maxConnections = maxConnections
        let server = try BenchServer.start(configuration)
        FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
        // The parent holds our standard input open; its end (or the parent's death) ends the run.
        _ = FileHandle.standardInput.readDataToEndOfFile()
        try await server.stop()
    }

    private static func megabytes(_ bytes: Int) -> String { figure(Double(bytes) / 1_048_576, decimals: 1) }
}
