@testable import HTTP
import Testing

@Suite struct RateLimitTests {
    @Test func aBucketRefillsAtItsRateUpToItsBurst() {
        let start = ContinuousClock.now
        var bucket = TokenBucket(rate: 2, burst: 2, now: start)
        let waits = [bucket.take(now: start), bucket.take(now: start), bucket.take(now: start)]
        // Empty after two: the next token is half a second away, rounded up to 1 s.
        #expect(waits == [nil, nil, 1])
        let refilled = bucket.take(now: start + .milliseconds(500))
        #expect(refilled == nil)
        #expect(!bucket.isFull(now: start + .milliseconds(500)))
        #expect(bucket.isFull(now: start + .seconds(60)))
    }

    @Test func answers429WithRetryAfterPerKey() async throws {
        try await withServer(routes: { router in
            router.add(middleware: RateLimitMiddleware(rate: 0.01, burst: 2) { $0.headers["X-Partner"] })
            router.get("/hello") { _ in .text("hello") }
        }) { server in
            let client = server.client()
            let partner: HTTPHeaders = ["X-Partner": "a"]
            for _ in 0..<2 { #expect(try await client.get("/hello", headers: partner).status == .ok) }
            let limited = try await client.get("/hello", headers: partner)
            #expect(limited.status == .tooManyRequests)
            // One token takes 100 s at 0.01/s; less by whatever the requests themselves took.
            #expect((90...100).contains(Int(limited.headers["Retry-After"] ?? "") ?? 0))
            #expect(limited.headers["Content-Type"] == Problem.contentType)
            // Another partner has its own bucket; requests without a key are not limited.
            #expect(try await client.get("/hello", headers: ["X-Partner": "b"]).status == .ok)
            #expect(try await client.get("/hello").status == .ok)
        }
    }

    @Test func idleKeysAreForgottenOnceTheirBucketsRefill() {
        let limiter = RateLimitMiddleware(rate: 1, burst: 2) { _ in nil }
        let start = ContinuousClock.now
        #expect(limiter.take("a", now: start) == nil)
        #expect(limiter.take("b", now: start) == nil)
        #expect(limiter.take("b", now: start) == nil)
        // Emptied a second before the sweep: not full again by then.
        let sweep = start + RateLimitMiddleware.sweepInterval
        #expect(limiter.take("d", now: sweep - .seconds(1)) == nil)
        #expect(limiter.take("d", now: sweep - .seconds(1)) == nil)
        #expect(limiter.keyCount == 3)
        #expect(limiter.take("c", now: sweep) == nil)
        #expect(limiter.keyCount == 2, "a and b refilled long ago and are forgotten; d is kept, c added")
        // Forgetting a full bucket changes nothing: "b" gets its whole burst again, "d" still waits.
        #expect(limiter.take("b", now: sweep) == nil)
        #expect(limiter.take("b", now: sweep) == nil)
        #expect(limiter.take("b", now: sweep) == 1)
        #expect(limiter.take("d", now: sweep) == nil)
        #expect(limiter.take("d", now: sweep) == 1)
    }
}
