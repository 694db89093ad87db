import Foundation

/// One DevTools protocol message as parsed JSON.
// @unchecked Sendable: `object` is made once by JSONSerialization and never mutated after.
struct CDPMessage: @unchecked Sendable {
    let object: [String: Any]

    init(_ object: [String: Any]) {
        self.object = object
    }

    var id: Int? { object["id"] as? Int }
    var method: String? { object["method"] as? String }
    var sessionID: String? { object["sessionId"] as? String }
    var params: [String: Any] { object["params"] as? [String: Any] ?? [:] }
    var result: [String: Any] { object["result"] as? [String: Any] ?? [:] }
    var errorMessage: String? { (object["error"] as? [String: Any]).map { "\($0["message"] ?? "")" } }
}
