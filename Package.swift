// swift-tools-version: 6.1
// The dlexplain package. The module map, its layers and why each arrow exists: docs/ARCHITECTURE.md.
import PackageDescription

/// Release flags for the engine targets, where the inner loops are: AVX2 + FMA so `SIMD8<Float>.addProduct`
/// becomes one vfmadd instead of a call to `fmaf` per lane, and no dynamic exclusivity checks in the scalar
/// engine's per-node accessors. Only for x86-64 Linux release builds (the machines we measured on); debug builds
/// and every other platform build with the defaults. docs/ARCHITECTURE.md, "Build flags".
///
/// Debug builds optimise the engines too (`-O`, still without AVX2): `make test` trains small nets, runs lessons
/// and gradient checks through them, and unoptimised engine code made the test run about twice as long as the
/// engines' extra compile time.
#if arch(x86_64) && os(Linux)
let engineSpeed: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma", "-enforce-exclusivity=unchecked"],
                 .when(platforms: [.linux], configuration: .release)),
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]
#else
let engineSpeed: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]
#endif

/// Release flags for the front ends and glue (lessons' prose and drivers, Showcase, GradCheck, the CLI): no
/// optimisation. Their time goes to the engines, Render and Datasets, which stay optimised; optimising the glue
/// cost most of a fresh `make lesson`'s build (the Lessons module alone took ~2 CPU-minutes at -O).
/// docs/ARCHITECTURE.md, "Build flags".
let glueBuild: [SwiftSetting] = [.unsafeFlags(["-Onone"], .when(configuration: .release))]

/// The lesson folders under `Lessons/`. Each holds `<Name>Lesson.swift` and its text `<name>.en.md` /
/// `<name>.zh.md`, bundled as resources. Listed by hand rather than found by scanning the disk: SwiftPM caches
/// the evaluated manifest, so a scan would miss a newly added text until its cache is cleared.
let lessonFolders = [
    "Neuron", "Activations", "Forward", "Losses", "Backprop", "Optimizers", "Regularization", "Batchnorm", "Splits",
    "CNN", "Saliency", "RNN", "Attention", "VAE", "GAN", "Bugs",
]
let lessonTexts: [Resource] = lessonFolders.flatMap { folder in
    ["en", "zh"].map { Resource.process("\(folder)/\(folder.lowercased()).\($0).md") }
}

let package = Package(
    name: "dlexplain",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dlexplain", targets: ["dlexplain"]),
        // The web explorer: its own product so `make lesson` (which builds `--product dlexplain`) never compiles
        // Hummingbird. `dlexplain serve` execs this binary from the same folder.
        .executable(name: "dlexplain-serve", targets: ["dlexplain-serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        // WebSocket streams of the training playground; only the Server target uses it.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", exact: "2.8.1"),
    ],
    targets: [
        // MARK: - C shims (system libraries, installed by `make deps`)
        .systemLibrary(name: "CGraphviz", path: "Sources/CGraphviz", pkgConfig: "libgvc",
                       providers: [.apt(["libgraphviz-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),

        // MARK: - Ground: no dependencies on any engine
        .target(name: "Groundwork"),
        .target(name: "Tracing"),
        .target(name: "Datasets", dependencies: ["Groundwork", "CZlib"]),

        // MARK: - Engines
        .target(name: "ScalarGrad", dependencies: ["Tracing"], swiftSettings: engineSpeed),
        .target(name: "TensorGrad", dependencies: ["Tracing", "CBLAS"], swiftSettings: engineSpeed),
        .target(name: "NN", dependencies: ["TensorGrad", "Groundwork"], swiftSettings: engineSpeed),
        .target(name: "Training", dependencies: ["NN", "TensorGrad", "Datasets", "Groundwork"],
                swiftSettings: engineSpeed),
        .target(name: "Explain", dependencies: ["NN", "TensorGrad", "Datasets", "Groundwork"],
                swiftSettings: engineSpeed),
        .target(name: "GradCheck", dependencies: ["ScalarGrad", "TensorGrad", "Groundwork"], swiftSettings: glueBuild),
        .target(name: "Render", dependencies: ["Tracing", "Groundwork", "CGraphviz", "CPNG"]),
        // ONNX in and out, with its own protobuf wire reader (no swift-protobuf: docs/ARCHITECTURE.md §9).
        // Parsing a learner's model (kilobytes to a few megabytes) needs no optimiser: glue build flags.
        .target(name: "Interchange", dependencies: ["NN", "TensorGrad", "Groundwork"], swiftSettings: glueBuild),

        // The models the lessons define and train in their own code (the GAN's and the VAE's networks and
        // training loops), optimised like the engines so that the Lessons module itself can build without
        // optimisation (docs/ARCHITECTURE.md, "Build flags").
        .target(name: "LessonModels", dependencies: ["NN", "TensorGrad", "Datasets", "Groundwork", "Render"],
                swiftSettings: engineSpeed),

        // MARK: - Showcase: pictures and runs, assembled once for every front end
        .target(name: "Showcase",
                dependencies: ["Groundwork", "Tracing", "Datasets", "ScalarGrad", "TensorGrad", "NN", "Training",
                               "Explain", "GradCheck", "Render", "Interchange"],
                swiftSettings: glueBuild),

        // MARK: - Front ends
        .target(
            name: "Lessons",
            dependencies: ["Showcase", "LessonModels", "Groundwork", "Tracing", "Datasets", "ScalarGrad",
                           "TensorGrad", "NN", "Training", "Explain", "GradCheck", "Render"],
            path: "Lessons",
            resources: lessonTexts,
            swiftSettings: glueBuild),
        .target(name: "Benchmarks",
                dependencies: ["Groundwork", "Datasets", "ScalarGrad", "TensorGrad", "NN", "Training"],
                swiftSettings: engineSpeed),
        .executableTarget(
            name: "dlexplain",
            dependencies: [
                "Showcase", "Lessons", "Benchmarks", "NN", "Training", "Explain", "Render",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: glueBuild),

        .target(
            name: "Server",
            dependencies: ["Showcase", "Lessons", "Render", "Groundwork",
                           .product(name: "Hummingbird", package: "hummingbird",
                                    moduleAliases: ["Tracing": "DistributedTracing"]),
                           .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket",
                                    moduleAliases: ["Tracing": "DistributedTracing"])],
            resources: [.copy("Assets")]),
        .executableTarget(
            name: "dlexplain-serve",
            dependencies: ["Server", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: - Tests (one target per module; files mirror Sources)
        .testTarget(name: "GroundworkTests", dependencies: ["Groundwork"]),
        .testTarget(name: "TracingTests", dependencies: ["Tracing"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Groundwork"]),
        .testTarget(name: "ScalarGradTests", dependencies: ["ScalarGrad", "Tracing", "Datasets", "Groundwork"]),
        .testTarget(name: "TensorGradTests", dependencies: ["TensorGrad", "Tracing"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "TensorGrad", "Groundwork"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "NN", "TensorGrad", "Datasets", "Groundwork"]),
        .testTarget(name: "ExplainTests", dependencies: ["Explain", "Training", "NN", "TensorGrad", "Datasets",
                                                         "Groundwork"]),
        .testTarget(name: "GradCheckTests", dependencies: ["GradCheck", "ScalarGrad", "TensorGrad", "Datasets",
                                                           "Groundwork"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "NN", "TensorGrad", "Groundwork"]),
        .testTarget(name: "LessonModelsTests", dependencies: ["LessonModels", "TensorGrad"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Tracing", "Groundwork"]),
        .testTarget(name: "ShowcaseTests", dependencies: ["Showcase", "Render", "Explain", "Training", "Groundwork",
                                                         "Datasets"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Showcase", "Render", "Explain", "Groundwork"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "Datasets", "Groundwork"]),
        // Runs the server on a free port and talks raw HTTP to it (no HummingbirdTesting: it pulls in
        // AsyncHTTPClient and BoringSSL, minutes of build for every fresh `make test`).
        .testTarget(name: "ServerTests", dependencies: [
            "Server", "Showcase", "Lessons", "Tracing", "Benchmarks", "Render",
            .product(name: "Hummingbird", package: "hummingbird", moduleAliases: ["Tracing": "DistributedTracing"])]),
        // Runs the built dlexplain executable (found beside the test bundle); no module dependency.
        .testTarget(name: "CLITests"),
    ],
    swiftLanguageModes: [.v5]
)
