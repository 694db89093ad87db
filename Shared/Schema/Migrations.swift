/// Every migration, in order. Add new ones at the end; never edit one that has shipped.
public enum Migrations {
    public static let all: [Migration] = [
        Migration(version: 1, name: "roles", sql: Migration0001Roles.sql),
        Migration(version: 2, name: "job_queue", sql: Migration0002JobQueue.sql),
        Migration(version: 3, name: "intake", sql: Migration0003Intake.sql),
        Migration(version: 4, name: "pipeline", sql: Migration0004Pipeline.sql),
        Migration(version: 5, name: "timeouts", sql: Migration0005Timeouts.sql),
        Migration(version: 6, name: "audit_chain", sql: Migration0006AuditChain.sql),
        Migration(version: 7, name: "identity", sql: Migration0007Identity.sql),
        Migration(version: 8, name: "officers", sql: Migration0008Officers.sql),
        Migration(version: 9, name: "disclosure", sql: Migration0009Disclosure.sql),
        Migration(version: 10, name: "gateways", sql: Migration0010Gateways.sql),
        Migration(version: 11, name: "networks", sql: Migration0011Networks.sql),
        Migration(version: 12, name: "feed_cursors", sql: Migration0012FeedCursors.sql),
        Migration(version: 13, name: "outcome_lifecycle", sql: Migration0013OutcomeLifecycle.sql),
        Migration(version: 14, name: "requests", sql: Migration0014Requests.sql),
        Migration(version: 15, name: "tasking_lifecycle", sql: Migration0015TaskingLifecycle.sql),
        Migration(version: 16, name: "webhooks", sql: Migration0016Webhooks.sql),
        Migration(version: 17, name: "taxii", sql: Migration0017TAXII.sql),
        Migration(version: 18, name: "retention", sql: Migration0018Retention.sql),
        Migration(version: 19, name: "links_once", sql: Migration0019LinksOnce.sql),
        Migration(version: 20, name: "console", sql: Migration0020Console.sql),
        Migration(version: 21, name: "feeds", sql: Migration0021Feeds.sql),
        Migration(version: 22, name: "pursue_clock_and_figures", sql: Migration0022PursueClockAndFigures.sql),
        Migration(version: 23, name: "cached_plans", sql: Migration0023CachedPlans.sql),
    ]
}
