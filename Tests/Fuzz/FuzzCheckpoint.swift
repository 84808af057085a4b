// libFuzzer harness for the checkpoint decoder (Sources/NN/Checkpoint+Format.swift).
// Not a SwiftPM target: it is compiled together with the checkpoint sources (which import only Foundation) into
// one module. From the package root:
//
//   mkdir -p .build/fuzz && swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzCheckpoint \
//       Tests/Fuzz/FuzzCheckpoint.swift Sources/NN/Checkpoint*.swift -o .build/fuzz/fuzz-checkpoint
//   mkdir -p .build/fuzz/ckpt-corpus && .build/fuzz/fuzz-checkpoint -max_total_time=600 .build/fuzz/ckpt-corpus Tests/Fuzz/seeds/checkpoint
//
// Random bytes almost never carry a valid CRC-32, so the body decoder is also run with the checksum check off;
// whatever decodes must re-encode and decode to the same bytes. A trap, ASan report, leak or hang is a bug.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ start: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: start, count: size)
    _ = try? Checkpoint.decode(raw: raw, name: "fuzz", verifyChecksum: true)
    if let checkpoint = try? Checkpoint.decode(raw: raw, name: "fuzz", verifyChecksum: false) {
        let encoded = checkpoint.encoded()
        let again = try? Checkpoint.decode(encoded, name: "re-encoded")
        precondition(again?.encoded() == encoded, "a decoded checkpoint does not survive encode → decode")
    }
    return 0
}
