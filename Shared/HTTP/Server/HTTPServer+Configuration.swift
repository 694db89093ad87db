import Runtime

extension HTTPServer {
    /// How the server drives its sockets.
    public enum IOModel: Sendable {
        /// A few threads over `epoll`; connections are state machines, handlers run as tasks.
        case eventLoops
        /// A thread per connection with blocking, deadline-bounded I/O (the former design, kept for comparison).
        case threadPerConnection
    }

    /// Listening address, limits and timeouts. The defaults suit a service behind a TLS-terminating proxy.
    public struct Configuration: Sendable {
        /// The address to listen on (`0.0.0.0`, `::`, `127.0.0.1`, a host name).
        public var host: String = "0.0.0.0"
        /// The port; 0 picks a free one, reported by `bind()` and `port`.
        public var port: Int = 8080
        /// Longest accepted request line (method, target, version); longer is a 414.
        public var maxRequestLineBytes: Int = 8 * 1024
        /// Largest accepted header section; larger is a 431.
        public var maxHeaderBytes: Int = 16 * 1024
        /// Most header fields accepted; more is a 431.
        public var maxHeaderCount: Int = 100
        /// Default request body limit (routes may raise it); larger is a 413.
        public var maxBodyBytes: Int = 1024 * 1024
        /// Time allowed to receive a complete request head once its first byte arrived (slowloris defence).
        public var headerTimeout: Duration = .seconds(10)
        /// How long a kept-alive connection may sit idle between requests.
        public var idleTimeout: Duration = .seconds(60)
        /// Longest pause allowed between two reads of a request body.
        public var readTimeout: Duration = .seconds(30)
        /// Time allowed to write a response to a slow reader.
        public var writeTimeout: Duration = .seconds(30)
        /// Time a handler has to answer, from the end of the request head (routes may set their own).
        /// Past it the handler is cancelled and the client gets a 503 with `Retry-After`.
        public var requestTimeout: Duration = .seconds(30)
        /// Open connections allowed at once; further connections get a 503 and are closed (at the cap,
        /// idle ones are evicted first: see `evictIdleAfter`). An event-loop connection costs memory,
        /// not a thread; with `.threadPerConnection` set it far lower (its environment default is 512).
        public var maxConnections: Int = 10_000
        /// How long to keep reading (and discarding) after answering a request we will not continue with.
        public var lingerTimeout: Duration = .milliseconds(500)
        /// How connections are served: a few `epoll` event loops, or (the former design) a thread each.
        public var ioModel: IOModel = .eventLoops
        /// Event-loop threads (with `.eventLoops`): one per core, at most four.
        public var eventLoops: Int = EventLoopGroup.defaultCount
        /// Slowest accepted arrival of a request head or body, in bytes/s, after `dataRateGrace`
        /// (with `.eventLoops`; for bodies only the time spent waiting for the client counts). 0 turns it off.
        public var minDataRate: Int = 256
        /// At the connection cap, a connection idle (between requests, or before its first byte) for at
        /// least this long is closed to admit a newcomer, longest-idle first (with `.eventLoops`). A
        /// connection that has just been answered is likely to be reused at once, so it is spared.
        public var evictIdleAfter: Duration = .seconds(5)
        /// Time a head or body may take before `minDataRate` applies.
        public var dataRateGrace: Duration = .seconds(2)

        /// The defaults, listening on `host:port`.
        public init(host: String = "0.0.0.0", port: Int = 8080) {
            self.host = host
            self.port = port
        }

        /// Settings from `HTTP_HOST`, `HTTP_PORT`, `HTTP_MAX_BODY_BYTES`, `HTTP_MAX_CONNECTIONS`,
        /// `HTTP_HEADER_TIMEOUT`, `HTTP_IDLE_TIMEOUT`, `HTTP_READ_TIMEOUT`, `HTTP_WRITE_TIMEOUT`
        /// `HTTP_REQUEST_TIMEOUT`, `HTTP_MIN_DATA_RATE`, `HTTP_EVENT_LOOPS` and `HTTP_IO_MODEL`.
        public init(config: Config, defaultPort: Int = 8080) throws {
            self.init(host: try config.string("HTTP_HOST", default: "0.0.0.0"),
                      port: try config.int("HTTP_PORT", default: defaultPort, in: 0...65535))
            maxBodyBytes = try config.int("HTTP_MAX_BODY_BYTES", default: maxBodyBytes, in: 0...Int.max)

            headerTimeout = try config.duration("HTTP_HEADER_TIMEOUT", default: headerTimeout)
            idleTimeout = try config.duration("HTTP_IDLE_TIMEOUT", default: idleTimeout)
            readTimeout = try config.duration("HTTP_READ_TIMEOUT", default: readTimeout)
            writeTimeout = try config.duration("HTTP_WRITE_TIMEOUT", default: writeTimeout)
            requestTimeout = try config.duration("HTTP_REQUEST_TIMEOUT", default: requestTimeout)
            minDataRate = try config.int("HTTP_MIN_DATA_RATE", default: minDataRate, in: 0...Int.max)
            eventLoops = try config.int("HTTP_EVENT_LOOPS", default: eventLoops, in: 1...64)
            switch try config.string("HTTP_IO_MODEL", default: "event-loops") {
            case "event-loops": ioModel = .eventLoops
            case "thread-per-connection": ioModel = .threadPerConnection
            case let other:
                throw ConfigError.invalid(key: "HTTP_IO_MODEL", expected: "event-loops or thread-per-connection", value: other)
            }
            // A thread each: the former, far lower cap.
            let connections = ioModel == .eventLoops ? maxConnections : 512
            maxConnections = try config.int("HTTP_MAX_CONNECTIONS", default: connections, in: 1...1_000_000)
            guard requestTimeout > .zero else {
                throw ConfigError.invalid(key: "HTTP_REQUEST_TIMEOUT", expected: "a positive duration", value: config.raw("HTTP_REQUEST_TIMEOUT") ?? "")
            }
        }

        var headLimits: HeadLimits {
            HeadLimits(maxRequestLineBytes: maxRequestLineBytes, maxHeaderBytes: maxHeaderBytes,
                       maxHeaderCount: maxHeaderCount)
        }

        /// Read buffer per connection: room for the largest allowed head, and at least one body chunk.
        var readBufferBytes: Int {
            max(maxRequestLineBytes + maxHeaderBytes + 4, BodyDecoder.maxChunkBytes)
        }
    }
}
