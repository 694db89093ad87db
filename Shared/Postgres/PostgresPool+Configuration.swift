extension PostgresPool {
    public struct Configuration: Sendable {
        public var conninfo: String
        public var maxConnections: Int
        public var acquireTimeout: Duration
        public var applicationName: String
        /// Connections kept open even when idle, opened in the background.
        public var minConnections: Int
        /// Idle connections beyond `minConnections` are closed after this long unused; nil keeps them.
        public var idleTimeout: Duration?
        /// An idle connection unchecked for this long is pinged (`SELECT 1`) before it is leased, and
        /// by the background maintenance, so one the server or network dropped is replaced rather
        /// than failing the caller's first statement; nil never pings.
        public var keepAliveInterval: Duration?

        public init(
            conninfo: String, maxConnections: Int = 10, acquireTimeout: Duration = .seconds(30),
            applicationName: String = "occ", minConnections: Int = 0, idleTimeout: Duration? = .seconds(300),
            keepAliveInterval: Duration? = .seconds(30)
        ) {
            self.conninfo = conninfo
            self.maxConnections = max(1, maxConnections)
            self.acquireTimeout = acquireTimeout
            self.applicationName = applicationName
            self.minConnections = min(max(0, minConnections), self.maxConnections)
            self.idleTimeout = idleTimeout
            self.keepAliveInterval = keepAliveInterval
        }

        /// How often the background maintenance runs: often enough to act on the shorter of the
        /// idle timeout and the keep-alive interval within half of it; nil when there is nothing to do.
        var maintenanceInterval: Duration? {
            let periods = [idleTimeout, keepAliveInterval].compactMap { $0 }
            guard let shortest = periods.min() else { return minConnections > 0 ? .seconds(30) : nil }
            return max(shortest / 2, .milliseconds(10))
        }
    }
}
