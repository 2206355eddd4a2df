// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: model <- inputs, model <- analysis <- checks <- report <- CLI.
// Offline targets stay free of HTTP clients so they build fast.
let package = Package(
    name: "perimeter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "perimeter", targets: ["perimeter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(name: "PerimeterModel"),
        .target(name: "PerimeterTerraform", dependencies: ["PerimeterModel"]),
        .target(name: "PerimeterAnalysis", dependencies: ["PerimeterModel"]),
        .target(name: "PerimeterChecks", dependencies: ["PerimeterModel", "PerimeterAnalysis"]),
        .target(name: "PerimeterReport", dependencies: ["PerimeterModel", "PerimeterChecks"]),
        // Finds the inputs under the given paths, builds one snapshot, runs the checks.
        .target(name: "PerimeterScan", dependencies: ["PerimeterModel", "PerimeterTerraform", "PerimeterChecks", "PerimeterReport"]),
        // Live AWS collection: SigV4, credentials, read-only API calls over HTTP(S). Only the CLI links it.
        .target(
            name: "PerimeterAWS",
            dependencies: ["PerimeterModel", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "perimeter",
            dependencies: [
                "PerimeterModel", "PerimeterScan", "PerimeterChecks", "PerimeterReport", "PerimeterAWS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PerimeterModelTests", dependencies: ["PerimeterModel"]),
        .testTarget(
            name: "PerimeterTerraformTests",
            dependencies: ["PerimeterTerraform", "PerimeterModel"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "PerimeterAnalysisTests", dependencies: ["PerimeterAnalysis", "PerimeterModel"]),
        .testTarget(
            name: "PerimeterChecksTests",
            dependencies: ["PerimeterChecks", "PerimeterScan", "PerimeterTerraform", "PerimeterModel", "PerimeterAnalysis"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PerimeterReportTests",
            dependencies: ["PerimeterReport", "PerimeterChecks", "PerimeterModel"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "PerimeterScanTests",
            dependencies: ["PerimeterScan", "PerimeterModel", "PerimeterChecks", "PerimeterReport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "PerimeterCLITests", dependencies: ["perimeter"]),
        .testTarget(
            name: "PerimeterAWSTests",
            dependencies: ["PerimeterAWS", "PerimeterModel", "PerimeterScan", "PerimeterChecks", "perimeter"],
            exclude: ["Support/aws_test_server.py"]
        ),
    ]
)
