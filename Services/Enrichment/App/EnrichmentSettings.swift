import Foundation
import Queue
import Runtime
import ServiceKit

/// Enrichment's own settings, beside the shared `ServiceEnvironment`.
///
/// | variable | meaning | default |
/// |---|---|---|
/// | `PUBLIC_SUFFIX_LIST` | the Public Suffix List file (Debian package `publicsuffix`) | `/usr/share/publicsuffix/public_suffix_list.dat` |
/// | `ENRICHMENT_CONCURRENCY` | batches enriched at once by this process | 8 |
/// | `ENRICHMENT_BATCH` | most referrals enriched in one transaction | 32 |
/// | `JOB_LEASE_DURATION` | how long a claimed job stays this process's without a heartbeat | 30s |
/// | `JOB_RESCUE_INTERVAL` | how often jobs of crashed workers are looked for | 10s |
public struct EnrichmentSettings: Sendable {
    public static let defaultPort = 8083

    public var publicSuffixListPath: String
    public var concurrency: Int
    public var batch: Int
    public var leaseDuration: Duration
    public var rescueInterval: Duration

    public init(
        publicSuffixListPath: String = "/usr/share/publicsuffix/public_suffix_list.dat", concurrency: Int = 8, batch: Int = 32,
        leaseDuration: Duration = .seconds(30), rescueInterval: Duration = .seconds(10)
    ) {
        self.publicSuffixListPath = publicSuffixListPath
        self.concurrency = concurrency
        self.batch = batch
        self.leaseDuration = leaseDuration
        self.rescueInterval = rescueInterval
    }

    public init(config: Config) throws {
        self.init(
            publicSuffixListPath: try config.string("PUBLIC_SUFFIX_LIST", default: "/usr/share/publicsuffix/public_suffix_list.dat"),
            concurrency: try config.int("ENRICHMENT_CONCURRENCY", default: 8, in: 1...256),
            batch: try config.int("ENRICHMENT_BATCH", default: 32, in: 1...500),
            leaseDuration: try config.duration("JOB_LEASE_DURATION", default: .seconds(30)),
            rescueInterval: try config.duration("JOB_RESCUE_INTERVAL", default: .seconds(10)))
    }

    /// The worker configuration these settings give.
    var worker: JobWorker.Configuration {
        var configuration = JobWorker.Configuration(queues: [EnrichReferral.queue: concurrency])
        configuration.handlerBatches = [EnrichReferral.queue: batch]
        configuration.leaseDuration = leaseDuration
        configuration.heartbeatInterval = leaseDuration / 4
        configuration.rescueInterval = rescueInterval
        return configuration
    }
}
