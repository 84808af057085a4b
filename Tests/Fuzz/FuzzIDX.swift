// libFuzzer harness for the IDX reader (Sources/Data/IDX.swift) and the data set decoder on top of it.
// Not a SwiftPM target: it is compiled together with the Data sources into one module. From the package root:
//
//   mkdir -p .build/fuzz && swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name FuzzIDX \
//       -I Sources/CZlib Tests/Fuzz/FuzzIDX.swift Sources/Data/*.swift -o .build/fuzz/fuzz-idx
//   mkdir -p .build/fuzz/idx-corpus && .build/fuzz/fuzz-idx -max_total_time=600 .build/fuzz/idx-corpus Tests/Fuzz/seeds/idx
//
// Every input must either parse or throw a DataError/GzipError: a trap, an ASan report, a leak or a hang is a bug.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ start: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: start, count: size)
    // Inflate once (the gzip path of IDX.parse(bytes:)), then parse the plain bytes three ways.
    guard let plain = Gzip.isGzipped(bytes) ? try? Gzip.gunzip(bytes, name: "fuzz") : bytes else { return 0 }
    for content in [IDXContent.any, .images, .labels] {
        let parsed = plain.withUnsafeBytes { try? IDX.parse(raw: $0, name: "fuzz", expecting: content) }
        guard let array = parsed else { continue }
        precondition(array.body.count == array.elementCount * array.elementType.byteCount, "body length disagrees with shape")
        // Pair the images with all-zero labels so the decoder's own checks (shape, counts, labels) run too.
        // Bounded by the image count as well: 4294967295 images of 0×16 have no body but a huge count.
        guard content == .images, array.elementCount <= 1 << 16, array.shape[0] <= 1 << 16 else { continue }
        let count = array.shape[0]
        let labels = IDXArray(elementType: .uint8, shape: [count], body: [UInt8](repeating: 0, count: count))
        if let dataset = try? ImageDataset.decode(images: array, named: "fuzz", labels: labels, named: "fuzz-labels",
                                                  classNames: DatasetKind.mnist.classNames,
                                                  normalization: .unitInterval) {
            precondition(dataset.images.count == array.elementCount, "decoded pixel count disagrees with shape")
        }
    }
    return 0
}
