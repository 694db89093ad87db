import CLibPQ
import Glibc

/// A query's bound values laid out as the C arrays libpq expects.
///
/// Encoding happens before anything is sent, so a value libpq cannot carry fails the call
/// cleanly: text parameters are NUL-terminated C strings, and a U+0000 inside one would silently
/// cut the value short on its way to the server.
struct LibPQParameters {
    private var storage: [UInt8] = [0]
    private var offsets: [Int?] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []

    init(_ query: PostgresQuery) throws {
        let binds = query.binds
        offsets.reserveCapacity(binds.count)
        lengths.reserveCapacity(binds.count)
        formats.reserveCapacity(binds.count)
        for (index, bind) in binds.enumerated() {
            if let binary = bind.postgresBinary {
                offsets.append(storage.count)
                storage.append(contentsOf: binary)
                lengths.append(Int32(binary.count))
                formats.append(1)
            } else if var text = bind.postgresText {
                let start = storage.count
                text.withUTF8 { storage.append(contentsOf: $0) }
                let hasNUL = storage[start...].withUnsafeBytes { bytes in
                    bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
                }
                if hasNUL {
                    // The message names the position and the query, never the value.
                    throw PostgresError(
                        .invalidParameter, queryName: query.name,
                        reason: "text parameter $\(index + 1) contains U+0000 (NUL), which PostgreSQL text cannot hold")
                }
                storage.append(0)
                offsets.append(start)
                lengths.append(0)
                formats.append(0)
            } else {
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
            }
        }
    }

    /// Calls `body` with the count and the value, length and format arrays, valid only inside it.
    func withPointers<R>(
        _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        storage.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                offset.map { base.advanced(by: $0).assumingMemoryBound(to: CChar.self) }
            }
            return pointers.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengthBuffer in
                    formats.withUnsafeBufferPointer { formatBuffer in
                        body(Int32(offsets.count), values.baseAddress, lengthBuffer.baseAddress, formatBuffer.baseAddress)
                    }
                }
            }
        }
    }
}
