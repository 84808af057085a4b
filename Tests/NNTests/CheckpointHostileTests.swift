import Foundation
import Testing
@testable import NN

/// Hostile bodies behind a *valid* header and checksum: the decoder must refuse them by name, never trap or
/// allocate what the file cannot hold.
@Suite struct CheckpointHostileTests {
    /// Header + `body` + a correct CRC-32, as a forger would build it.
    func sealed(_ body: [UInt8]) -> Data {
        var bytes = Checkpoint.magic + le32(1) + le32(0) + le64(UInt64(24 + body.count + 4)) + body
        bytes += le32(CRC32.checksum(bytes))
        return Data(bytes)
    }

    func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    func le64(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    func string(_ s: String) -> [UInt8] { le32(UInt32(s.utf8.count)) + Array(s.utf8) }

    /// Architecture strings and counters, then whatever `rest` says.
    func body(_ rest: [UInt8]) -> [UInt8] { string("seed") + string("") + le64(1) + le64(2) + rest }

    /// An empty tail: no optimizer tensors, scalars, RNG words or metadata.
    var emptyTail: [UInt8] { le32(0) + le32(0) + le32(0) + le32(0) }

    func message(_ data: Data) -> String {
        do { _ = try Checkpoint.decode(data, name: "evil"); return "" } catch { return "\(error)" }
    }

    @Test func minimalForgedCheckpointDecodes() throws {
        let checkpoint = try Checkpoint.decode(sealed(body(le32(0) + emptyTail)), name: "ok")
        #expect(checkpoint.epoch == 1 && checkpoint.step == 2 && checkpoint.tensors.isEmpty)
    }

    @Test func hugeCountsAndLengthsAreRefusedBeforeAllocating() {
        #expect(message(sealed(body(le32(.max)))).contains("needs 4 bytes"))
        let hugeTensor = string("w") + le32(2) + le64(1 << 40) + le64(1 << 40)
        #expect(message(sealed(body(le32(1) + hugeTensor + emptyTail))).contains("'w' has dimensions [1099511627776, 1099511627776] whose product overflows"))
        let bigTensor = string("w") + le32(1) + le64(1 << 30)
        #expect(message(sealed(body(le32(1) + bigTensor + emptyTail))).contains("needs 4294967296 bytes"))
        #expect(message(sealed(body(le32(1) + string("w") + le32(1000) + emptyTail))).contains("rank 1000, expected at most 16"))
        let negative = string("w") + le32(1) + le64(UInt64(bitPattern: -3))
        #expect(message(sealed(body(le32(1) + negative + emptyTail))).contains("negative dimension -3"))
        #expect(message(sealed(string("seed") + le32(.max))).contains("architecture description needs 4294967295 bytes"))
        #expect(message(sealed(body(le32(0) + le32(0) + le32(0) + le32(.max)))).contains("RNG state needs"))
    }

    @Test func structuralLiesAreNamed() {
        let tensor = string("w") + le32(1) + le64(1) + le32(0)
        #expect(message(sealed(body(le32(2) + tensor + tensor + emptyTail))).contains("model tensor 'w' appears twice"))
        #expect(message(sealed(body(le32(0) + emptyTail + [7]))).contains("the body ends at byte"))
        #expect(message(sealed([4, 0, 0, 0, 0xFF, 0xFE, 0x41, 0x42]))
            .contains("architecture name at byte 28 is not valid UTF-8"))
        #expect(message(sealed(string("seed") + string("") + le64(UInt64(bitPattern: -1)))).contains("epoch is -1"))
        var extra = sealed(body(le32(0) + emptyTail))
        extra.append(0)
        #expect(message(extra).contains("1 extra bytes after the checksum"))
        var short = sealed(body(le32(0) + emptyTail))
        short.replaceSubrange(16..<24, with: le64(3))
        #expect(message(short).contains("header gives a length of 3 bytes"))
    }
}
