/// An event loop's receive buffer: bytes land here, then only what a connection keeps is copied to
/// its own buffer. Owned by one loop thread, so it needs no synchronisation.
final class ScratchBuffer {
    let bytes: UnsafeMutableRawBufferPointer

    init(count: Int) {
        bytes = .allocate(byteCount: count, alignment: 16)
    }

    deinit {
        bytes.deallocate()
    }
}
