/// What other threads ask of an event loop; everything a loop does to a connection happens on the loop.
enum LoopMessage: Sendable {
    /// A connection accepted by the listening loop, handed to this one.
    case adopt(fd: Int32, remote: String, handle: LoopConnectionHandle)
    /// A handler wants the next chunk of its request body.
    case read(id: Int, request: Int, CheckedContinuation<[UInt8]?, any Error>)
    /// A handler's answer.
    case respond(id: Int, request: Int, Response)
    /// Hard shutdown of one connection: close it and cancel its handler.
    case forceClose(id: Int)
    /// The connection was chosen to make room at the connection cap while idle.
    case evict(id: Int)
    /// Graceful shutdown: stop accepting, close idle connections, finish requests in flight.
    case drain
    /// The server has stopped: end the thread.
    case stop

    /// Completes what must not be lost when the loop can no longer take the message.
    func abandon() {
        switch self {
        case .read(_, _, let continuation):
            continuation.resume(throwing: HTTPError(.internalServerError, detail: "the request body is no longer available"))
        case .adopt(let fd, _, let handle):
            _ = Glibc.close(fd)
            handle.ended()
        default:
            break
        }
    }
}

import CEpoll
import Glibc
