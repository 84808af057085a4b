import Foundation
import Groundwork
import Testing

@Suite struct NumPyFileTests {
    @Test func theHeaderIsNumPysDictAndTheDataStartsAtAMultipleOf64() {
        let data = NumPyFile.data([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let bytes = [UInt8](data)
        #expect(Array(bytes[0..<8]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        #expect((10 + length) % 64 == 0)
        let header = String(decoding: bytes[10..<(10 + length)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"))
        #expect(header.hasSuffix("\n"))
        #expect(bytes.count == 10 + length + 24)
        // 1.0 as little-endian float32: 00 00 80 3F.
        #expect(Array(bytes[(10 + length)..<(14 + length)]) == [0, 0, 0x80, 0x3F])
    }

    @Test func aOneDimensionalShapeIsAPythonOneTuple() {
        let header = String(decoding: NumPyFile.data([7, 8, 9], shape: [3]).dropFirst(10), as: UTF8.self)
        #expect(header.contains("'shape': (3,)"))
    }

    @Test(arguments: [[Int](), [5], [2, 3], [1, 2, 2, 2]])
    func whatIsWrittenReadsBack(shape: [Int]) throws {
        let count = shape.reduce(1, *)
        let values = (0..<count).map { Float($0) * -0.37 + 1e-3 }
        let back = try NumPyFile.read(NumPyFile.data(values, shape: shape))
        #expect(back.values == values && back.shape == shape)
    }

    @Test func aFileWrittenToDiskIsTheSameBytes() throws {
        let path = NSTemporaryDirectory() + "dlx-npy-\(UUID().uuidString)/m.npy"
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try NumPyFile.write([0.5, -0.25], shape: [1, 2], to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == NumPyFile.data([0.5, -0.25], shape: [1, 2]))
    }

    @Test func aForeignFileIsRefusedSayingWhy() {
        #expect { try NumPyFile.read(Data("hello".utf8)) } throws: { "\($0)".contains("magic") }
        var cut = NumPyFile.data([1, 2, 3], shape: [3])
        cut.removeLast()
        #expect { try NumPyFile.read(cut) } throws: { "\($0)".contains("needs 3 values") }
    }
}
