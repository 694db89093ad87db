import Foundation

/// The URL parameters of a TAXII 2.1 objects, manifest or versions request, checked together so
/// a request with several bad parameters hears about all of them (400, each named).
///
/// Paging is by `next`, an opaque position in the commit-visibility feed (docs/polling.md);
/// `added_after` only filters, as `since` does for the JSON feeds.
public struct TAXIIQuery: Sendable, Hashable {
    public static let stream = "taxii"
    public static let limits = (default: 100, maximum: 1_000)

    public let after: FeedCursor
    public let addedAfter: Date?
    public let limit: Int
    public let types: [String]
    public let ids: [String]
    public let version: TAXIIVersionMatch
    /// False when `match[spec_version]` names only versions other than 2.1 (nothing matches).
    public let specVersionMatches: Bool

    /// Parses name/value pairs (a repeated name is refused: TAXII lists are comma-separated).
    public static func parse(_ pairs: [(name: String, value: String)]) -> Result<TAXIIQuery, ValidationFailure> {
        var problems: [FieldError] = []
        var values: [String: String] = [:]
        for (name, value) in pairs {
            if values[name] != nil { problems.append(FieldError(.root.appending(name), "given more than once: use one comma-separated list")) }
            values[name] = value
            if name.hasPrefix("match["), !["match[type]", "match[id]", "match[version]", "match[spec_version]"].contains(name) {
                problems.append(FieldError(.root.appending(name), "unknown filter: this server supports match[type], match[id], match[version] and match[spec_version]"))
            }
        }
        let poll = PollQuery.parse(cursor: nil, since: values["added_after"], limit: values["limit"], stream: stream, limits: limits)
        var after = FeedCursor.start(stream)
        if let next = values["next"] {
            if let cursor = FeedCursor(next, stream: stream) { after = cursor } else {
                problems.append(FieldError(.root.appending("next"), "not a position in this feed: pass next of the previous page unchanged"))
            }
        }
        if case .failure(let failure) = poll {
            problems += failure.errors.map { $0.path.description == "since" ? FieldError(.root.appending("added_after"), $0.message) : $0 }
        }
        let types = list(values["match[type]"])
        for type in types where STIXIdentifier.typeProblem(type) != nil {
            problems.append(FieldError(.root.appending("match[type]"), "\(type.debugDescription) is not a STIX type name"))
        }
        let ids = list(values["match[id]"])
        for id in ids {
            if let problem = STIXIdentifier.problem(id) { problems.append(FieldError(.root.appending("match[id]"), problem)) }
        }
        let version = versionMatch(values["match[version]"], problems: &problems)
        let specVersions = list(values["match[spec_version]"])
        for spec in specVersions where !["2.0", "2.1"].contains(spec) {
            problems.append(FieldError(.root.appending("match[spec_version]"), "\(spec.debugDescription) is not a STIX version (2.0 or 2.1)"))
        }
        guard problems.isEmpty, case .success(let paging) = poll else { return .failure(ValidationFailure(problems)) }
        return .success(TAXIIQuery(
            after: after, addedAfter: paging.since, limit: paging.limit, types: types, ids: ids.map { $0.lowercased() },
            version: version, specVersionMatches: specVersions.isEmpty || specVersions.contains("2.1")))
    }

    /// A STIX identifier from a URL path, lower-cased; nil when it is not one.
    public static func objectID(_ text: String) -> String? {
        STIXIdentifier.problem(text) == nil ? text.lowercased() : nil
    }

    private static func list(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func versionMatch(_ value: String?, problems: inout [FieldError]) -> TAXIIVersionMatch {
        guard let value else { return .last }
        let items = list(value)
        if items == ["last"] { return .last }
        if items == ["first"] { return .first }
        if items == ["all"] { return .all }
        var versions: [String] = []
        for item in items {
            switch Timestamp.validate(item) {
            case .success(let date): versions.append(Timestamp.format(date))
            case .failure(let error):
                problems.append(FieldError(.root.appending("match[version]"), "\(item.debugDescription): last, first, all or a version timestamp (\(error.message))"))
            }
        }
        return .versions(versions)
    }
}
