import CLibPQ

extension PostgresConnection {
    /// Bulk-loads rows with `COPY … FROM STDIN` (text format) and returns the row count.
    ///
    /// `sql` is the COPY statement naming table and columns; rows are encoded in ~256 KiB chunks
    /// so memory stays bounded whatever the row count.
    @discardableResult
    public func copyIn<Rows: Sequence>(_ sql: String, name: String, rows: Rows) async throws -> Int
    where Rows.Element == [any PostgresEncodable] {
        try await onExecutor(queryName: name) { session in
            if let begin = try self.takeBegin(session, queryName: name) { _ = try session.runSimple(begin, name: "begin") }
            let handle = try session.requireHandle(name)
            guard let result = PQexec(handle, sql) else { throw LibPQResult.connectionError(handle, queryName: name) }
            let status = PQresultStatus(result)
            guard status == PGRES_COPY_IN else {
                defer { PQclear(result) }
                throw LibPQResult.error(from: result, connection: handle, queryName: name)
            }
            PQclear(result)
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(300_000)
        var count = 0
        do {
            for row in rows {
                PostgresCopyText.append(row, to: &buffer)
                count += 1
                if buffer.count >= 262_144 {
                    try await sendCopyData(buffer, name: name)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try await sendCopyData(buffer, name: name) }
        } catch {
            _ = try? await finishCopy(name: name, failure: "client aborted COPY")
            throw error
        }
        _ = try await finishCopy(name: name, failure: nil)
        return count
    }

    private func sendCopyData(_ bytes: [UInt8], name: String) async throws {
        try await onExecutor(ignoringCancellation: true, queryName: name) { session in
            let handle = try session.requireHandle(name)
            let sent = bytes.withUnsafeBytes { raw in
                PQputCopyData(handle, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count))
            }
            guard sent == 1 else { throw PostgresError(.copyFailed, queryName: name, reason: "could not send COPY data") }
        }
    }

    private func finishCopy(name: String, failure: String?) async throws -> PostgresRows {
        try await onExecutor(ignoringCancellation: true, queryName: name) { session in
            let handle = try session.requireHandle(name)
            guard PQputCopyEnd(handle, failure) == 1 else {
                throw PostgresError(.copyFailed, queryName: name, reason: "could not end COPY")
            }
            var rows: PostgresRows?
            var firstError: Error?
            while let result = PQgetResult(handle) {
                do { rows = try LibPQResult.consume(result, connection: handle, queryName: name) } catch {
                    if firstError == nil { firstError = error }
                }
            }
            if let firstError { throw firstError }
            guard let rows else { throw PostgresError(.copyFailed, queryName: name, reason: "no COPY result") }
            return rows
        }
    }
}

/// COPY text format: tab-separated, `\N` for NULL, backslash escapes for control characters.
enum PostgresCopyText {
    static func append(_ row: [any PostgresEncodable], to buffer: inout [UInt8]) {
        for (index, value) in row.enumerated() {
            if index > 0 { buffer.append(9) }
            guard let text = value.postgresText else {
                buffer.append(92); buffer.append(78)
                continue
            }
            for byte in text.utf8 {
                switch byte {
                case 92: buffer.append(92); buffer.append(92)
                case 9: buffer.append(92); buffer.append(116)
                case 10: buffer.append(92); buffer.append(110)
                case 13: buffer.append(92); buffer.append(114)
                default: buffer.append(byte)
                }
            }
        }
        buffer.append(10)
    }
}
