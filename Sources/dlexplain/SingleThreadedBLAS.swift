import Foundation

/// OpenBLAS starts its own worker threads when the library loads, before `main`. dlexplain never uses them
/// (TensorGrad pins OpenBLAS to one thread and splits large GEMMs over its own workers), but their mere
/// existence costs: they spin at start-up, and glibc's malloc switches to its slower thread-safe paths for
/// the whole process — a measurable tax on the scalar engine, which allocates one object per node. So the
/// process re-executes itself once with `OPENBLAS_NUM_THREADS=1`, which OpenBLAS reads at load time.
enum SingleThreadedBLAS {
    static func ensure() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_NUM_THREADS"] == nil, environment["DLEXPLAIN_NO_REEXEC"] == nil else { return }
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        // On success execv does not return; on failure the process simply goes on as it is.
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
