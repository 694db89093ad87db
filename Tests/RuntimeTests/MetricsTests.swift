import Runtime
import Testing

@Suite struct MetricsTests {
    @Test func rendersCountersAndGaugesInTextFormat() async {
        let registry = MetricsRegistry()
        registry.counter("jobs_total", help: "Jobs done.", labels: ["queue": "enrich"]).increment()
        registry.counter("jobs_total", help: "Jobs done.", labels: ["queue": "enrich"]).increment(by: 2)
        registry.counter("jobs_total", help: "Jobs done.", labels: ["queue": "a\"b\\c\nd"]).increment()
        let gauge = registry.gauge("workers", help: "Busy workers.\nSecond line \\ end")
        gauge.set(4)
        gauge.decrement()
        #expect(await registry.exposition() == """
            # HELP jobs_total Jobs done.
            # TYPE jobs_total counter
            jobs_total{queue="a\\"b\\\\c\\nd"} 1
            jobs_total{queue="enrich"} 3
            # HELP workers Busy workers.\\nSecond line \\\\ end
            # TYPE workers gauge
            workers 3

            """)
    }

    @Test func rendersHistogramsCumulatively() async {
        let registry = MetricsRegistry()
        let histogram = registry.histogram("latency_seconds", help: "Latency.", labels: ["route": "/x"], buckets: [0.1, 1])
        histogram.observe(0.05)
        histogram.observe(0.5)
        histogram.observe(7)
        histogram.observe(.milliseconds(50))
        #expect(await registry.exposition() == """
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{route="/x",le="0.1"} 2
            latency_seconds_bucket{route="/x",le="1"} 3
            latency_seconds_bucket{route="/x",le="+Inf"} 4
            latency_seconds_sum{route="/x"} 7.6
            latency_seconds_count{route="/x"} 4

            """)
    }

    @Test func runsCollectorsAtScrapeTime() async {
        let registry = MetricsRegistry()
        registry.addCollector("queue_depth", help: "Jobs waiting.") {
            [MetricSample(labels: ["queue": "intake"], value: 12), MetricSample(labels: ["queue": "feedback"], value: 0)]
        }
        registry.counter("a_first", help: "Sorts first.").increment()
        let text = await registry.exposition()
        #expect(text.hasPrefix("# HELP a_first Sorts first.\n"))
        #expect(text.contains("# TYPE queue_depth gauge\nqueue_depth{queue=\"intake\"} 12\nqueue_depth{queue=\"feedback\"} 0\n"))
    }

    @Test func sanitisesNamesAndFormatsSpecialValues() async {
        let registry = MetricsRegistry()
        registry.gauge("bad-name.total", help: "h", labels: ["1st label": "v"]).set(.infinity)
        registry.gauge("ratio", help: "h").set(0.25)
        registry.counter("down", help: "h").increment(by: -5)
        let text = await registry.exposition()
        #expect(text.contains("bad_name_total{_st_label=\"v\"} +Inf\n"))
        #expect(text.contains("ratio 0.25\n"))
        #expect(text.contains("down 0\n"))
    }
}
