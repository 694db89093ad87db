import Domain

/// Bounds on what one request may carry, on top of the HTTP server's own limits.
public struct IntakeLimits: Sendable {
    /// Largest single JSON referral (500 indicators of 2 KiB fit).
    public var maxReferralBytes = 2 * 1024 * 1024
    /// Largest STIX bundle.
    public var maxBundleBytes = 8 * 1024 * 1024
    /// Most objects in one STIX bundle.
    public var maxBundleObjects = 10_000
    /// Longest NDJSON line in a bulk upload.
    public var maxBulkLineBytes = 2 * 1024 * 1024
    /// Most lines processed per bulk request; the response lists one result per line, so this bounds it.
    public var maxBulkLines = 100_000
    /// Largest bulk upload, streamed (memory holds one line at a time).
    public var maxBulkBytes = 4 * 1024 * 1024 * 1024
    /// Request timeout of a bulk upload, which streams and stores up to `maxBulkLines` referrals in
    /// one request and so outlasts the server's default; each line is still bounded by the
    /// database's statement timeout and each body read by `HTTP_READ_TIMEOUT`.
    public var bulkTimeout: Duration = .seconds(15 * 60)
    /// Largest lookup body (the policy's value limit, at most 1,000, of 2 KiB members fits).
    public var maxLookupBytes = 2 * 1024 * 1024
    /// Largest page of `GET /v1/referrals`.
    public var maxPageSize = 1_000
    public var validation = ValidationLimits.standard
    /// How long the lawful-gateway registry and a partner's agreements are kept before intake reads
    /// them again: an operator's edit applies to requests starting this long after it, without a restart.
    public var registryTTL: Duration = .seconds(2)

    public init() {}
}
