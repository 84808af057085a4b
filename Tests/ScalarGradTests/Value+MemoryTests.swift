import Foundation
import Testing
@testable import ScalarGrad

/// Runs `body` on a thread of its own and waits for it: the thread's tape then holds only what `body` records.
private func onFreshThread(stackSize: Int = 1 << 22, _ body: @escaping @Sendable () -> Void) {
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        body()
        done.signal()
    }
    thread.stackSize = stackSize
    thread.start()
    done.wait()
}

/// A thread of its own that runs the jobs given to `run` one at a time (its tape persists between jobs).
private final class Worker: @unchecked Sendable {
    private let go = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
    private var job: (() -> Void)?

    init() {
        Thread { [self] in
            while true {
                go.wait()
                guard let job else { break }
                job()
                done.signal()
            }
            done.signal()
        }.start()
    }

    func run(_ job: @escaping () -> Void) {
        self.job = job
        go.signal()
        done.wait()
    }

    /// Ends the thread (its thread-local tape is released as it exits).
    func stop() {
        job = nil
        go.signal()
        done.wait()
    }
}

/// The tape's claims (Value+Memory.swift): 64-byte records, storage reused by a reset, kept valid by a handle,
/// bounded while a handle is held across graphs, and never shared between threads.
@Suite struct ValueMemoryTests {
    /// One step of a small network's loss: enough records to fill several chunks.
    static func step(_ parameters: [Value]) -> Value {
        var total = Value.constant(0)
        for index in 0..<2_000 {
            let x = Value(Double(index % 7) - 3)
            total = total + (parameters[index % parameters.count] * x).tanh()
        }
        return total
    }

    @Test func aNodeIsOneSixtyFourByteRecord() {
        #expect(MemoryLayout<Node>.size <= 64 && MemoryLayout<Node>.stride == 64)
    }

    @Test func aResetTapeReusesItsStorage() {
        onFreshThread {
            let parameters = (0..<5).map { Value(0.1 * Double($0)) }
            var first: (address: Value.ID, reserved: Int, count: Int)?
            for _ in 0..<5 {
                let loss = Self.step(parameters)
                loss.backward()
                let tape = ThreadTape.current.takeUnretainedValue().tape
                let start = loss.topologicalOrder().first { !$0.isLeaf }!.id
                if let first {
                    #expect(start == first.address, "the next graph starts where the last one did")
                    #expect(tape.reservedRecords == first.reserved, "no new chunk after a reset")
                    #expect(tape.count == first.count)
                } else {
                    first = (start, tape.reservedRecords, tape.count)
                    #expect(tape.count == 1 + 3 * 2_000)
                }
            }
        }
    }

    @Test func aHandleKeepsItsNodesValidWhileLaterGraphsAreRecorded() {
        onFreshThread {
            let parameters = (0..<5).map { Value(0.1 * Double($0)) }
            let kept = Self.step(parameters)
            let (data, size) = (kept.data, kept.graphSize)
            // Enough later graphs that the held tape is left behind for a fresh one (ThreadTape.switchRecords).
            var last = kept
            for _ in 0..<(ThreadTape.switchRecords / 6_000 + 2) { last = Self.step(parameters) }
            let current = ThreadTape.current.takeUnretainedValue().tape
            #expect(kept.owner !== current && last.owner === current)
            #expect(current.reservedRecords < 2 * ThreadTape.switchRecords)
            #expect(kept.data == data && kept.graphSize == size)
            kept.backward()
            let grads = parameters.map(\.grad)
            parameters.forEach { $0.grad = 0 }
            Self.step(parameters).backward()
            #expect(parameters.map(\.grad) == grads, "the kept graph still back-propagates the same bits")
        }
    }

    @Test func aGraphHandedBackAndForthBetweenThreadsLeavesNoTapeBehind() {
        // Each thread extends the other's graph, so without ThreadTape.keep's rule their tapes would keep each
        // other alive in a cycle after the last handle is gone.
        let a = Worker(), b = Worker()
        nonisolated(unsafe) var value = Value(1)
        let x = value
        for _ in 0..<3 {
            a.run { value = value * 2 + 1 }
            b.run { value = value * 2 + 1 }
        }
        #expect(value.data == 127)
        value.backward()
        #expect(x.grad == 64)
        final class WeakTape { weak var tape: NodeStorage? }
        let tapes = Set(value.topologicalOrder().filter { !$0.isLeaf }.map { ObjectIdentifier($0.owner) })
        var weak: [WeakTape] = []
        for node in value.topologicalOrder() where !node.isLeaf {
            let box = WeakTape()
            box.tape = node.owner
            weak.append(box)
        }
        #expect(tapes.count >= 2)
        value = x
        a.stop()
        b.stop()
        // The threads' thread-local destructors run as they exit, just after `stop` returns.
        for _ in 0..<200 where weak.contains(where: { $0.tape != nil }) { usleep(5_000) }
        #expect(weak.allSatisfy { $0.tape == nil }, "every tape is freed once no handle is left")
    }

    @Test func aGraphSpreadOverThousandsOfTapesIsFreedWithoutDeepRecursion() {
        // Threads taking turns op by op put every op on a tape of its own (ThreadTape.keep), each keeping the
        // one before: a chain of 4 000 tapes, released here on a thread with a 256 KB stack.
        let a = Worker(), b = Worker()
        nonisolated(unsafe) var value: Value? = Value(1)
        for _ in 0..<2_000 {
            a.run { value = value! + 1 }
            b.run { value = value! + 1 }
        }
        #expect(value!.data == 4_001 && value!.graphSize == 1 + 2 * 4_000)
        a.stop()
        b.stop()
        onFreshThread(stackSize: 1 << 18) { value = nil }
    }

    @Test func threadsRecordOnTapesOfTheirOwn() {
        let lock = NSLock()
        nonisolated(unsafe) var losses: [Value] = [], grads: [[Double]] = []
        let threads = (0..<4).map { _ in
            Thread {
                let parameters = (0..<5).map { Value(0.1 * Double($0)) }
                var loss = Self.step(parameters)
                for _ in 0..<20 {
                    loss = Self.step(parameters)
                    loss.backward()
                }
                lock.lock()
                losses.append(loss)  // held, so no two threads' tapes can share an address
                grads.append(parameters.map(\.grad))
                lock.unlock()
            }
        }
        threads.forEach { $0.start() }
        while lock.withLock({ losses.count }) < threads.count { usleep(1_000) }
        #expect(Set(losses.map { ObjectIdentifier($0.owner) }).count == threads.count)
        #expect(grads.allSatisfy { $0 == grads[0] }, "same graphs, same bits on every thread")
    }
}
