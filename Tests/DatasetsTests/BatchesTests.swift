import Foundation
import Testing
@testable import Datasets

@Suite struct BatchesTests {
    @Test func anEpochVisitsEveryExampleOnceInBatchesOfTheGivenSize() {
        let data = DatasetTests.numbered(10)
        let batches = Batches(data, batchSize: 4, seed: 1)
        let all = Array(batches)
        #expect(batches.count == 3 && all.map(\.count) == [4, 4, 2])
        #expect(all.flatMap(\.indices).sorted() == Array(0..<10))
        for batch in all {
            #expect(batch.images.count == batch.count * 4)
            for (row, index) in batch.indices.enumerated() {
                #expect(batch.images[row * 4 + 3] == Float(index) && batch.labels[row] == index % 10)
            }
        }
        #expect(Array(Batches(data, batchSize: 4, seed: 1, dropLast: true)).map(\.count) == [4, 4])
        #expect(Array(Batches(data, batchSize: 4, seed: 1, shuffle: false)).flatMap(\.indices) == Array(0..<10))
    }

    @Test func sameSeedAndEpochSameOrderOtherEpochsReshuffle() {
        let data = DatasetTests.numbered(200)
        let order = { (seed: UInt64, epoch: Int) in Array(Batches(data, batchSize: 32, seed: seed, epoch: epoch)).flatMap(\.indices) }
        #expect(order(5, 0) == order(5, 0))
        #expect(order(5, 1) == order(5, 1))
        #expect(order(5, 0) != order(5, 1) && order(5, 0) != order(6, 0))
        #expect(order(5, 3) == Batches.order(count: 200, seed: 5, epoch: 3))
    }

    @Test func nextIntoReusesTheCallersBuffers() {
        let data = DatasetTests.numbered(10)
        var iterator = Batches(data, batchSize: 4, seed: 2).makeIterator()
        var batch = Batch()
        var seen: [Int] = []
        var capacity = 0
        while iterator.next(into: &batch) {
            seen += batch.indices
            #expect(batch.images.count == batch.count * 4 && batch.labels.count == batch.count)
            if capacity == 0 { capacity = batch.images.capacity }
            #expect(batch.images.capacity == capacity)  // the short last batch keeps the storage
        }
        #expect(seen == Batches.order(count: 10, seed: 2, epoch: 0))
        let more = iterator.next(into: &batch)
        #expect(!more)
    }
}
