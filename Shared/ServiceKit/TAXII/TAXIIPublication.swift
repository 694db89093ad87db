import Domain
import Foundation
import Postgres

/// Writes STIX objects into a partner's TAXII collections (`taxii_objects`, migration 17), as
/// statements to run in the caller's transaction: what is published commits, or not, with the
/// change it describes. Intake publishes a partner's own referrals (and revokes them on
/// withdrawal); the feedback worker publishes what the disclosure decision point released.
public enum TAXIIPublication {
    /// One object version and the referral it came from (nil for the exchange's own objects).
    public struct Entry: Sendable {
        public let object: JSONValue
        public let referralID: UUID?

        public init(_ object: JSONValue, referralID: UUID?) {
            self.object = object
            self.referralID = referralID
        }
    }

    /// Inserts `entries` into the partner's `collection`, after the collection's preamble (the
    /// exchange's identity and extension definition, stored once). A version already published is
    /// left as it is. The partner must be in scope (row-level security).
    public static func insert(_ entries: [Entry], partnerID: Int64, collection: TAXIICollection) -> PostgresQuery {
        TAXIIObjectWrites.insertMany.binding(
            partnerID, collection.rawValue, preamble + entries.map(\.object.canonicalText),
            preambleReferrals + entries.map { $0.referralID?.uuidString.lowercased() ?? "" })
    }

    /// The preamble as text, made once (it never changes).
    private static let preamble = STIXExport.preamble.map(\.canonicalText)
    private static let preambleReferrals = Array(repeating: "", count: preamble.count)
}

/// Statements writing `taxii_objects`.
enum TAXIIObjectWrites {
    /// `$3` objects as JSON text, `$4` their referral ids ('' for none); each row's id and version
    /// are the object's own `id` and `modified` (the table checks it). Each object is parsed once
    /// (the array's cast), not once per column.
    static let insertMany = PostgresQuery(
        "taxii_objects_insert",
        """
        INSERT INTO taxii_objects (partner_id, collection, object_id, version, referral_id, object)
        SELECT $1, $2, t.object->>'id', t.object->>'modified', nullif(t.referral, '')::uuid, t.object
        FROM unnest($3::text[]::jsonb[], $4::text[]) WITH ORDINALITY AS t(object, referral, n)
        ORDER BY t.n
        ON CONFLICT DO NOTHING
        """)
}
