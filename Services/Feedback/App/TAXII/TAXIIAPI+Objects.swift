import Domain
import Foundation
import HTTP
import Postgres
import ServiceKit

extension TAXIIAPI {
    /// One page of a collection: the rows (at most the limit), whether more match, and the
    /// position to pass as `next`.
    struct Page {
        struct Row {
            let object: String
            let id: String
            let version: String
            let dateAdded: Date
        }

        let rows: [Row]
        let more: Bool
        let next: FeedCursor?
    }

    /// `GET …/objects/`: an envelope of the objects after `next`, filtered by the `match[…]`s.
    func objects(_ request: Request, partnerID: Int64) async throws -> Response {
        let page = try await read(request, partnerID: partnerID)
        return envelope(page, key: "objects", items: page.rows.map(\.object))
    }

    /// `GET …/objects/{id}/`: the versions of one object `match[version]` selects (the last by default).
    func object(_ request: Request, partnerID: Int64) async throws -> Response {
        let id = try objectID(request)
        let page = try await read(request, partnerID: partnerID, onlyID: id)
        try await requireExists(page, id: id, request: request, partnerID: partnerID)
        return envelope(page, key: "objects", items: page.rows.map(\.object))
    }

    /// `GET …/objects/{id}/versions/`: every version of one object, oldest first in feed order.
    func versions(_ request: Request, partnerID: Int64) async throws -> Response {
        let id = try objectID(request)
        let page = try await read(request, partnerID: partnerID, onlyID: id, allVersions: true)
        try await requireExists(page, id: id, request: request, partnerID: partnerID)
        return envelope(page, key: "versions", items: page.rows.map { JSONValue.string($0.version).canonicalText })
    }

    /// `GET …/manifest/`: what `objects` would return, as id, date added, version and media type.
    func manifest(_ request: Request, partnerID: Int64) async throws -> Response {
        let page = try await read(request, partnerID: partnerID)
        let items = page.rows.map { row in
            JSONValue.object([
                "id": .string(row.id), "date_added": .string(Timestamp.format(row.dateAdded)), "version": .string(row.version),
                "media_type": .string(TAXIIMedia.stix),
            ]).canonicalText
        }
        return envelope(page, key: "objects", items: items)
    }

    /// Reads one page in the partner's scope and audits a page that discloses anything.
    private func read(_ request: Request, partnerID: Int64, onlyID: String? = nil, allVersions: Bool = false) async throws -> Page {
        let collection = try Self.collection(request)
        let query: TAXIIQuery
        switch TAXIIQuery.parse(request.query.map { (name: $0.name, value: $0.value) }) {
        case .success(let parsed): query = parsed
        case .failure(let failure): throw TAXIIError.badRequest(failure)
        }
        guard query.specVersionMatches else { return Page(rows: [], more: false, next: query.after) }
        let (mode, listed): (String, [String]) = switch allVersions ? .all : query.version {
        case .last: ("last", [])
        case .first: ("first", [])
        case .all: ("all", [])
        case .versions(let versions): ("list", versions)
        }
        let principal = try request.principal()
        return try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            let rows = try await connection.query(TAXIIObjectQueries.page.binding(
                partnerID, collection.rawValue, String(query.after.transaction), query.after.sequence, query.addedAfter,
                query.types, onlyID.map { [$0] } ?? query.ids, mode, listed, query.limit + 1))
            let kept = Array(rows.prefix(query.limit))
            let page = Page(
                rows: try kept.map { row in
                    Page.Row(object: try row.decode(String.self, "object"), id: try row.decode(String.self, "object_id"),
                             version: try row.decode(String.self, "version"), dateAdded: try row.decode(Date.self, "date_added"))
                },
                more: rows.count > query.limit,
                next: try kept.last?.feedCursor(stream: TAXIIQuery.stream) ?? (request.query["next"] == nil ? nil : query.after))
            if !page.rows.isEmpty {
                try await AuditLog.append(AuditEvent(
                    actor: principal.auditActor, action: "taxii.pulled", subjectType: "partner", subjectID: String(partnerID),
                    detail: ["collection": collection.rawValue, "objects": String(page.rows.count), "after": query.after.description]),
                    on: connection)
            }
            return page
        }
    }

    private func objectID(_ request: Request) throws -> String {
        let text = request.parameters["object"] ?? ""
        guard let id = TAXIIQuery.objectID(text) else { throw TAXIIError.notFound("\(text.debugDescription) is not a STIX identifier") }
        return id
    }

    /// 404 unless some version of the object is in the partner's collection (whatever the filters).
    private func requireExists(_ page: Page, id: String, request: Request, partnerID: Int64) async throws {
        guard page.rows.isEmpty else { return }
        let collection = try Self.collection(request)
        let found = try await pool.transaction { connection in
            try await connection.scopeToPartner(partnerID)
            return try await connection.query(TAXIIObjectQueries.exists.binding(partnerID, collection.rawValue, id)).single?
                .decode(Bool.self, "found") ?? false
        }
        guard found else { throw TAXIIError.notFound("no object \(id) in this collection") }
    }

    /// `{"more": …, "next": …, "<key>": [items]}` with TAXII's date-added headers. The items are
    /// already JSON text (stored objects go out exactly as stored).
    private func envelope(_ page: Page, key: String, items: [String]) -> Response {
        var headers = HTTPHeaders()
        if let first = page.rows.first, let last = page.rows.last {
            headers["X-TAXII-Date-Added-First"] = Timestamp.format(first.dateAdded)
            headers["X-TAXII-Date-Added-Last"] = Timestamp.format(last.dateAdded)
        }
        var text = "{\"more\":\(page.more)"
        if let next = page.next { text += ",\"next\":" + JSONValue.string(next.description).canonicalText }
        if !items.isEmpty { text += ",\"\(key)\":[" + items.joined(separator: ",") + "]" }
        return TAXIIMedia.response(text: text + "}", headers: headers)
    }
}
