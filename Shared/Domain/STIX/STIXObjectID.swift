import Crypto
import Foundation

/// Deterministic STIX identifiers for what the exchange publishes: the same name always gives the
/// same id, so republishing an object makes a new version of it rather than a duplicate.
///
/// The UUID is computed as UUIDv5 (SHA-1 over the exchange's namespace and the name) and then
/// marked version 4: STIX 2.1 §2.9 says SDO and SRO ids SHOULD be UUIDv4, and `stix2-validator`
/// in strict mode refuses any other version. A hash is as unpredictable as a random draw to anyone
/// who does not know the name, which is what version 4 promises readers.
public enum STIXObjectID: Sendable {
    public static func make(_ type: String, name: String) -> String {
        var bytes = UUIDv5.make(namespace: STIXIndicatorBuilder.namespace, name: name).uuid
        bytes.6 = (bytes.6 & 0x0f) | 0x40
        return type + "--" + UUID(uuid: bytes).uuidString.lowercased()
    }
}
