// libFuzzer harness for the streaming gzip reader (Sources/Datasets/Gzip.swift) and the IDX header check that
// runs on its first bytes out (IDX.parse(bytes:)). Not a SwiftPM target; built as Tests/Fuzz/README.md says.
//
// The first input byte picks the output limit the stream is held to (none, or 0…254 KiB in 1 KiB steps); the rest
// is the gzip stream. Every input must inflate within the limit or throw a GzipError (or a DataError through
// IDX.parse): a trap, an ASan report, a leak, a hang or more output than the limit allows is a bug.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ start: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let selector = Int(start[0])
    let stream = Data(bytes: start + 1, count: size - 1)
    let limit: Int? = selector == 255 ? nil : selector * 1024
    var asked = 0
    if let out = try? Gzip.gunzip(stream, name: "fuzz", limit: { prefix in
        asked += 1
        precondition(!prefix.isEmpty, "the limit was asked before any output")
        return limit
    }) {
        if let limit { precondition(out.count <= limit, "inflated \(out.count) bytes past the limit \(limit)") }
        precondition(asked <= 1 || limit == nil, "the limit was asked again after it was given")
    }
    // The IDX path: header from the first chunk, inflation stopped at what the header promises.
    for content in [IDXContent.any, .images, .labels] {
        if let array = try? IDX.parse(bytes: stream, name: "fuzz", expecting: content) {
            precondition(array.body.count == array.elementCount * array.elementType.byteCount,
                         "body length disagrees with shape")
        }
    }
    return 0
}
