import Foundation
import HTTP
import Runtime
import Testing

/// `occ demo` stops cleanly on the first SIGINT or SIGTERM: services and the throwaway database
/// stopped, exit 128 + the signal, whether the story is still starting or `--keep-running` waits.
@Suite("occ demo stops on the first SIGINT or SIGTERM", .serialized)
struct DemoSignalTests {
    @Test("one signal stops the demo and every service it started", arguments: [
        (SIGINT, "stack running; Ctrl-C to stop"), (SIGTERM, "stack running; Ctrl-C to stop"), (SIGTERM, "starting intake, enrichment"),
    ])
    func stops(signal: Int32, after line: String) async throws {
        // Four consecutive ports well away from the other tests' (the demo takes a base port), and
        // below Linux's ephemeral range (32768 up), where another test's outgoing connection can
        // hold one: a service that cannot bind exits during start-up.
        let base = 20_000 + Int(getpid() % 500) * 8 + Int(signal % 8)
        let demo = try RunningOCC(["demo", "--keep-running", "--port", String(base)], environment: ["DATABASE_URL": "", "LOG_LEVEL": "error"])
        // A demo that ignores the signal must fail this test, not hang it: past a generous bound
        // (start-up on a loaded machine included) it is killed, and its status shows it.
        let bound = Task {
            try await Task.sleep(for: .seconds(300))
            demo.send(SIGKILL)
        }
        defer { bound.cancel() }
        #expect(await demo.waitFor(line), "\(demo.text)")
        demo.send(signal)
        let status = await demo.exitStatus()
        #expect(status == 128 + signal, "exit \(status) (-9: it ignored the signal and was killed)\n\(demo.text)")
        #expect(demo.text.contains("\(Signals.name(signal)): stopping the services"))
        #expect(demo.text.contains("occ: demo stopped by \(Signals.name(signal))"))
        // Nothing answers on the services' ports any more.
        for port in base..<(base + 4) {
            let client = HTTPClient(port: port, timeout: .seconds(2))
            #expect((try? await client.get("/healthz")) == nil, "port \(port) still answers")
            await client.close()
        }
    }
}
