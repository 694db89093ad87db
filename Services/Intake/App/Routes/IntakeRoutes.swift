import HTTP
import ServiceKit

/// The intake routes and the scope each needs.
enum IntakeRoutes {
    static func register(on router: Router, handlers: IntakeHandlers, authenticator: APIKeyAuthenticator, rateLimit: PartnerRateLimit) {
        router.addOpenAPIDocument(IntakeOpenAPI.document)
        // Authentication first: the limit is per partner, and an unknown caller is already a 401.
        let partner = router.group("/v1", middleware: [APIKeyMiddleware(authenticator: authenticator, scope: .partnerSubmit)]
            + [rateLimit.middleware()].compactMap { $0 })
        let limits = handlers.limits
        partner.post("referrals", maxBodyBytes: limits.maxReferralBytes, handlers.submit)
        partner.post("referrals/bulk", maxBodyBytes: limits.maxBulkBytes, timeout: limits.bulkTimeout, handlers.bulk)
        partner.post("stix", maxBodyBytes: limits.maxBundleBytes, handlers.stix)
        partner.post("lookups", maxBodyBytes: limits.maxLookupBytes, handlers.lookup)
        partner.get("referrals", handlers.list)
        partner.get("referrals/{id}", handlers.show)
        partner.post("referrals/{id}/withdraw", maxBodyBytes: IntakeHandlers.maxWithdrawalBytes, handlers.withdraw)
        partner.post("referrals/{id}/corrections", maxBodyBytes: IntakeHandlers.maxWithdrawalBytes, handlers.correct)
    }
}
