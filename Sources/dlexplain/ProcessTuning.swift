import Foundation

/// Two settings that only take effect when a process starts, so dlexplain re-executes itself once with them:
///
/// - `OPENBLAS_NUM_THREADS=1`: OpenBLAS starts its worker threads when the library loads, before `main`.
///   dlexplain never uses them (TensorGrad pins OpenBLAS to one thread and splits large GEMMs over its own
///   workers), but their mere existence costs: they spin at start-up, and glibc's malloc switches to its
///   slower thread-safe paths for the whole process.
/// - `GLIBC_TUNABLES=glibc.malloc.tcache_count=65535`: the scalar engine allocates and frees one small object
///   per graph node (65 814 per step of the moons benchmark); a per-thread cache that can hold a whole graph's
///   worth of freed nodes serves the next step's allocations without touching the shared heap
///   (measured: bench scalar 0.48 → 0.41 s with the other core busy).
///
/// Either variable already set by the user is left as it is; `DLEXPLAIN_NO_REEXEC=1` turns the re-exec off.
/// The explorer's server is started without the malloc cache (`serverEnvironment`).
enum ProcessTuning {
    static func ensure() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DLEXPLAIN_TUNED"] == nil, environment["DLEXPLAIN_NO_REEXEC"] == nil else { return }
        // "malloc" records that the cache below is ours, not the user's.
        setenv("DLEXPLAIN_TUNED", environment["GLIBC_TUNABLES"] == nil ? "malloc" : "1", 1)
        if environment["OPENBLAS_NUM_THREADS"] == nil { setenv("OPENBLAS_NUM_THREADS", "1", 1) }
        if environment["GLIBC_TUNABLES"] == nil { setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=65535", 1) }
        // On success execv does not return; on failure the process simply goes on untuned.
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
    }

    /// The environment the explorer's server is started with: this process's, less the malloc cache set above.
    /// The server runs many threads, each with its own cache: `bench serve --mix classroom` (release, load ≈ 7)
    /// measured a peak RSS of 480–530 MiB and 373–452 requests/s with it, 204 MiB and 510 requests/s without.
    static func serverEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if environment["DLEXPLAIN_TUNED"] == "malloc" { environment["GLIBC_TUNABLES"] = nil }
        return environment
    }
}
