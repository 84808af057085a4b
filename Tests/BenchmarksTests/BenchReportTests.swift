@testable import Benchmarks
import Testing

/// The bench commands print these lines verbatim; the figures here are made up (no test times anything).
@Suite struct BenchReportTests {
    @Test func opReportHasAHeaderAndOneAlignedRowPerOp() {
        let peak = OpBenchmark.Row(name: "sgemm 1024³ (BLAS)", flops: 2e9, seconds: 0.02)
        let conv = OpBenchmark.Row(name: "conv2d 1→10 k5 on 28×28 fwd", flops: 1e9, seconds: 0.02)
        let report = OpBenchmark.Report(threads: 2, batch: 64, repeats: 10, sgemmPeak: peak, rows: [conv])
        #expect(report.lines == [
            "threads 2, batch 64, best of 10",
            "op                                    ms        GFLOPS    of sgemm peak",
            "sgemm 1024³ (BLAS)                    20.000    100.0     100 %",
            "conv2d 1→10 k5 on 28×28 fwd           20.000    50.0      50 %",
        ])
    }
}
