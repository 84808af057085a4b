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
            "op                                        ms        GFLOPS    of sgemm peak",
            "sgemm 1024³ (BLAS)                        20.000    100.0     100 %",
            "conv2d 1→10 k5 on 28×28 fwd               20.000    50.0      50 %",
        ])
    }

    @Test func trainReportGivesEachLayerItsForwardBackwardAndShareOfTheTotal() {
        let conv = TrainBenchmark.LayerTime(name: "conv1", kind: "Conv2d 1→10 5×5", forwardSeconds: 0.2,
                                            backwardSeconds: 0.3)
        let pool = TrainBenchmark.LayerTime(name: "pool1", kind: "MaxPool2d 2×2", forwardSeconds: 0.1,
                                            backwardSeconds: 0.1)
        let report = TrainBenchmark.Report(architecture: .seed, batchSize: 64, threads: 2, images: 6400, seconds: 1,
                                           layers: [conv, pool], backwardSeconds: 0.45, optimizerSeconds: 0.05,
                                           flopsPerImage: 1e6, sgemmPeakGFLOPS: 64)
        #expect(report.lines == [
            "seed: 6400 images, batch 64, threads 2",
            "  6400 images/s   6.40 GFLOPS (1.0 MFLOP/image) = 10.0 % of sgemm peak 64.0 GFLOPS",
            "  layer          forward              backward             share  kind",
            "  conv1          2.000 ms/batch     3.000 ms/batch   50.0 %  Conv2d 1→10 5×5",
            "  pool1          1.000 ms/batch     1.000 ms/batch   20.0 %  MaxPool2d 2×2",
            "  backward total                    4.500 ms/batch",
            "  optimizer              0.500 ms/batch",
            "  total                 10.000 ms/batch",
        ])
    }
}
