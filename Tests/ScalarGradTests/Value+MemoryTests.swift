#if os(Linux)
import Testing
@testable import ScalarGrad

/// glibc's `malloc_usable_size` (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_usable_size")
private func mallocUsableSize(_ pointer: UnsafeMutableRawPointer) -> Int

/// Value+Memory.swift's layout claim: a node's fields make 71 bytes, one 80-byte glibc heap block (72 usable).
/// Reordering the fields, or adding one, makes it a 96-byte block and this fails.
@Suite struct ValueMemoryTests {
    @Test func aNodeFitsAnEightyByteHeapBlock() {
        let a = Value(1.5, label: "a"), b = Value(2)
        for node in [a, b, a * b, (a * b).tanh(), Value.constant(3)] {
            let usable = mallocUsableSize(Unmanaged.passUnretained(node).toOpaque())
            #expect(usable <= 72, "\(node.operation): \(usable) usable bytes")
        }
    }
}
#endif
