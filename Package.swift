// swift-tools-version: 6.1
// The dlexplain package. Architecture: ../shared/DESIGN.md §1 (module map and dependency direction).
import PackageDescription

/// Release builds of the project's own targets use AVX2 + FMA so `SIMD8<Float>.addProduct` becomes one
/// vfmadd instead of a call to `fmaf` per lane. Debug builds stay portable and quick to compile.
let speed: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma", "-enforce-exclusivity=unchecked"],
                 .when(configuration: .release)),
]

/// The lesson folders under `Lessons/`. Each holds `<Name>Lesson.swift` and its text `<name>.en.md` /
/// `<name>.zh.md`, bundled as resources. Listed by hand rather than found by scanning the disk: SwiftPM caches
/// the evaluated manifest, so a scan would miss a newly added text until its cache is cleared.
let lessonFolders = [
    "Neuron", "Activations", "Forward", "Losses", "Backprop", "Optimizers", "Regularization", "Batchnorm", "Splits",
    "CNN", "Saliency", "RNN", "Attention", "Bugs",
]
let lessonTexts: [Resource] = lessonFolders.flatMap { folder in
    ["en", "zh"].map { Resource.process("\(folder)/\(folder.lowercased()).\($0).md") }
}

let package = Package(
    name: "dlexplain",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dlexplain", targets: ["dlexplain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
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

        // MARK: - Libraries
        .target(name: "Trace", swiftSettings: speed),
        .target(name: "TensorGrad", dependencies: ["Trace", "CBLAS"], swiftSettings: speed),
        .target(name: "Data", dependencies: ["CZlib"], swiftSettings: speed),
        .target(name: "Render", dependencies: ["Trace", "CGraphviz", "CPNG"], swiftSettings: speed),
        .target(name: "NN", dependencies: ["TensorGrad", "Data"], swiftSettings: speed),
        .target(name: "ScalarGrad", dependencies: ["Trace"], swiftSettings: speed),
        .target(name: "GradCheck", dependencies: ["ScalarGrad", "TensorGrad"], swiftSettings: speed),
        .target(name: "Explain", dependencies: ["NN", "TensorGrad", "Data"], swiftSettings: speed),
        .target(
            name: "Lessons",
            dependencies: ["Trace", "ScalarGrad", "TensorGrad", "GradCheck", "Data", "NN", "Explain", "Render"],
            path: "Lessons",
            resources: lessonTexts,
            swiftSettings: speed),

        // MARK: - The executable (thin: parse, call a library, print paths)
        .executableTarget(
            name: "dlexplain",
            dependencies: [
                "Trace", "TensorGrad", "Data", "Render", "ScalarGrad", "GradCheck", "NN", "Explain", "Lessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: speed),

        // MARK: - Tests (one target per module; files mirror Sources)
        .testTarget(name: "TraceTests", dependencies: ["Trace"]),
        .testTarget(name: "TensorGradTests", dependencies: ["TensorGrad", "Trace"]),
        .testTarget(name: "DataTests", dependencies: ["Data"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Trace"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Data", "TensorGrad"]),
        .testTarget(name: "ScalarGradTests", dependencies: ["ScalarGrad", "Trace", "Data"]),
        .testTarget(name: "GradCheckTests", dependencies: ["GradCheck", "ScalarGrad", "TensorGrad", "Data"]),
        .testTarget(name: "ExplainTests", dependencies: ["Explain", "NN", "TensorGrad", "Data"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Render", "Explain"]),
        // Runs the built dlexplain executable (found beside the test bundle); no module dependency.
        .testTarget(name: "CLITests"),
    ],
    swiftLanguageModes: [.v5]
)
