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
        // malloc may hand out a larger free chunk than asked for (a remainder too small to split stays with it),
        // more so while other tests allocate in parallel: the smallest usable size over many live nodes of a kind
        // is the block its size asks for.
        func smallestBlock(_ make: () -> Value) -> (Value.Operation, Int) {
            let nodes = (0..<64).map { _ in make() }
            return (nodes[0].operation, nodes.map { mallocUsableSize(Unmanaged.passUnretained($0).toOpaque()) }.min()!)
        }
        let a = Value(1.5, label: "a"), b = Value(2)
        for (operation, usable) in [smallestBlock { Value(1.5, label: "a") }, smallestBlock { Value(2) },
                                    smallestBlock { a * b }, smallestBlock { (a * b).tanh() },
                                    smallestBlock { Value.constant(3) }] {
            #expect(usable <= 72, "\(operation): \(usable) usable bytes")
        }
    }
}
#endif
