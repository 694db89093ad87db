import Queue

extension ServiceEnvironment {
    /// `base` with this environment's queue wake-up settings (`QUEUE_LISTEN`, `QUEUE_POLL_INTERVAL`),
    /// so every worker service reads them the same way.
    public func workerConfiguration(_ base: JobWorker.Configuration) -> JobWorker.Configuration {
        var configuration = base
        configuration.listen = queueListen
        configuration.pollInterval = queuePollInterval
        return configuration
    }
}
