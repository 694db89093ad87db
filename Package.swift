// swift-tools-version:6.0
// The referral exchange: four services, an operator CLI and the shared layers beneath them.
// No package dependencies by design: only the toolchain and the system's libpq.
import PackageDescription

let package = Package(
    name: "occ",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "occ", targets: ["OCC"]),
        .executable(name: "intake", targets: ["intake"]),
        .executable(name: "enrichment", targets: ["enrichment"]),
        .executable(name: "tasking", targets: ["tasking"]),
        .executable(name: "feedback", targets: ["feedback"]),
    ],
    targets: [
        // The C boundary: only Postgres imports it.
        .systemLibrary(
            name: "CLibPQ",
            path: "Shared/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // epoll for the HTTP server's event loops (a header Glibc's module map leaves out).
        .systemLibrary(name: "CEpoll", path: "Shared/CEpoll"),
        .target(name: "Postgres", dependencies: ["CLibPQ", "Runtime"], path: "Shared/Postgres"),
        .target(name: "Schema", dependencies: ["Postgres"], path: "Shared/Schema"),
        .target(name: "Runtime", path: "Shared/Runtime"),
        .target(name: "Queue", dependencies: ["Postgres", "Runtime"], path: "Shared/Queue"),
        .target(name: "Crypto", path: "Shared/Crypto"),
        .target(name: "Domain", dependencies: ["Crypto"], path: "Shared/Domain"),
        .target(name: "HTTP", dependencies: ["Runtime", "CEpoll"], path: "Shared/HTTP"),
        // Server-rendered pages' pieces: escaping and inline-SVG charts with their data tables. Pure.
        .target(name: "ConsoleKit", path: "Shared/ConsoleKit"),
        // What every service shares: bootstrap, API-key auth, audit log, readiness.
        .target(
            name: "ServiceKit",
            dependencies: ["Postgres", "Schema", "Queue", "Runtime", "HTTP", "Domain", "Crypto"],
            path: "Shared/ServiceKit"
        ),

        // Each service: a library (built by one function the executable and the tests call) and a thin executable.
        .target(
            name: "IntakeApp", dependencies: ["ServiceKit", "Crypto"], path: "Services/Intake/App",
            // The served OpenAPI document: docs/openapi/intake.json, through a link, compiled in.
            resources: [.embedInCode("OpenAPI/intake.json")]
        ),
        .executableTarget(name: "intake", dependencies: ["IntakeApp"], path: "Services/Intake/Main"),
        .target(
            name: "EnrichmentApp", dependencies: ["ServiceKit"], path: "Services/Enrichment/App",
            resources: [.embedInCode("OpenAPI/enrichment.json")]
        ),
        .executableTarget(name: "enrichment", dependencies: ["EnrichmentApp"], path: "Services/Enrichment/Main"),
        .target(
            name: "TaskingApp", dependencies: ["ServiceKit"], path: "Services/Tasking/App",
            resources: [.embedInCode("OpenAPI/tasking.json")]
        ),
        .executableTarget(name: "tasking", dependencies: ["TaskingApp"], path: "Services/Tasking/Main"),
        .target(
            name: "FeedbackApp", dependencies: ["ServiceKit", "ConsoleKit"], path: "Services/Feedback/App",
            resources: [.embedInCode("OpenAPI/feedback.json")]
        ),
        .executableTarget(name: "feedback", dependencies: ["FeedbackApp"], path: "Services/Feedback/Main"),
        .executableTarget(
            name: "OCC",
            dependencies: ["Postgres", "Schema", "Queue", "Runtime", "ServiceKit", "Domain", "Crypto", "HTTP"],
            path: "Services/OCC"
        ),

        .target(name: "TestSupport", dependencies: ["Postgres", "Schema", "HTTP"], path: "Tests/Support"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "Schema", "TestSupport"], path: "Tests/PostgresTests"),
        .testTarget(name: "QueueTests", dependencies: ["Queue", "Schema", "Postgres", "Runtime", "TestSupport"], path: "Tests/QueueTests"),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Runtime"], path: "Tests/HTTPTests"),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime"], path: "Tests/RuntimeTests"),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "Crypto"], path: "Tests/DomainTests"),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto"], path: "Tests/CryptoTests"),
        .testTarget(name: "ConsoleKitTests", dependencies: ["ConsoleKit", "TestSupport"], path: "Tests/ConsoleKitTests"),
        // The headless Chromium driver (TestSupport's Chromium) against pages our HTTP server serves.
        .testTarget(name: "BrowserTests", dependencies: ["ConsoleKit", "HTTP", "Runtime", "TestSupport"], path: "Tests/BrowserTests"),
        .testTarget(
            name: "IntakeTests",
            dependencies: ["IntakeApp", "ServiceKit", "HTTP", "TestSupport"],
            path: "Tests/IntakeTests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["IntakeApp", "EnrichmentApp", "TaskingApp", "FeedbackApp", "ServiceKit", "HTTP", "TestSupport"],
            path: "Tests/PipelineTests"
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["ServiceKit", "HTTP", "TestSupport"], path: "Tests/EndToEndTests"),
        .testTarget(
            name: "FaultSuiteTests",
            dependencies: ["OCC", "Postgres", "Queue", "ServiceKit", "TestSupport"],
            path: "Tests/FaultSuiteTests"
        ),
        // The repository explains itself: links stay inside it, and docs name only routes,
        // variables, commands and ports the code has (read from the routers and the command registry).
        .testTarget(
            name: "DocsTests",
            dependencies: ["OCC", "IntakeApp", "EnrichmentApp", "TaskingApp", "FeedbackApp", "ServiceKit", "HTTP", "TestSupport"],
            path: "Tests/DocsTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
