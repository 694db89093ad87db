import Dispatch
import Glibc

/// Resolves a host name to numeric addresses (IPv4 dotted quads, IPv6 text) with the system
/// resolver, off Swift's cooperative pool (getaddrinfo blocks). Callers that must vet where they
/// connect resolve first, check the addresses, then connect to the address they checked.
public enum HostResolver: Sendable {
    public static func addresses(of host: String, port: Int) async throws -> [String] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { () throws(HTTPClientError) -> [String] in try resolve(host, port) })
            }
        }
    }

    private static func resolve(_ host: String, _ port: Int) throws(HTTPClientError) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            throw .connectFailed("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(results) }
        var addresses: [String] = []
        for info in sequence(first: first, next: { $0.pointee.ai_next }) {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0
            else { continue }
            let address = String(cString: text)
            if !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }
}
