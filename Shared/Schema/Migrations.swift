/// Every migration, in order. Add new ones at the end; never edit one that has shipped.
public enum Migrations {
    public static let all: [Migration] = [
        Migration(version: 1, name: "roles", sql: Migration0001Roles.sql),
        Migration(version: 2, name: "job_queue", sql: Migration0002JobQueue.sql),
        Migration(version: 3, name: "intake", sql: Migration0003Intake.sql),
        Migration(version: 4, name: "pipeline", sql: Migration0004Pipeline.sql),
        Migration(version: 9, name: "officers", sql: Migration0009Officers.sql),
    ]
}
