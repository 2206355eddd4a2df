// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: model <- inputs, model <- analysis <- checks <- report <- CLI.
// Offline targets stay free of HTTP clients so they build fast.
let package = Package(
    name: "perimeter",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "perimeter", targets: ["perimeter"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3")
    ],
    targets: [
        .target(name: "PerimeterModel"),
        // The version and the commit the binary is built from (the plugin writes the commit before each build).
        .plugin(name: "BuildCommitPlugin", capability: .buildTool()),
        .target(name: "PerimeterBuildInfo", plugins: ["BuildCommitPlugin"]),
        // Kubelet settings and read-only port users from files: KubeletConfiguration, flags, user data, /metrics, workloads.
        .target(name: "PerimeterKubelet", dependencies: ["PerimeterModel", .product(name: "Yams", package: "Yams")]),
        // `gcloud container clusters/node-pools describe|list` and `gcloud compute firewall-rules list` JSON.
        .target(name: "PerimeterGKE", dependencies: ["PerimeterModel", "PerimeterKubelet"]),
        .target(name: "PerimeterTerraform", dependencies: ["PerimeterModel", "PerimeterKubelet"]),
        .target(name: "PerimeterAnalysis", dependencies: ["PerimeterModel"]),
        // Kubernetes manifests and List dumps (YAML/JSON) into the snapshot; offline.
        .target(name: "PerimeterKubernetes", dependencies: ["PerimeterModel", .product(name: "Yams", package: "Yams")]),
        // The RBAC authorizer with the API server's semantics, plus EKS identities; offline.
        .target(
            name: "PerimeterRBAC", dependencies: ["PerimeterModel", "PerimeterKubernetes"],
            resources: [.copy("Resources/bootstrap-rbac")]),
        // Live collection from a Kubernetes API server: kubeconfig, TLS, exec plugins, pagination.
        .target(
            name: "PerimeterKubeClient",
            dependencies: [
                "PerimeterModel", "PerimeterKubernetes", .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ]
        ),
        .target(name: "PerimeterChecks", dependencies: ["PerimeterModel", "PerimeterAnalysis", "PerimeterRBAC"]),
        .target(name: "PerimeterReport", dependencies: ["PerimeterModel", "PerimeterChecks"]),
        // Finds the inputs under the given paths, builds one snapshot, runs the checks.
        .target(
            name: "PerimeterScan",
            dependencies: [
                "PerimeterModel", "PerimeterTerraform", "PerimeterGKE", "PerimeterKubelet",
                "PerimeterKubernetes", "PerimeterChecks", "PerimeterReport"
            ]),
        // Live AWS collection: SigV4, credentials, read-only API calls over HTTP(S). Only the CLI links it.
        .target(
            name: "PerimeterAWS",
            dependencies: [
                "PerimeterModel", "PerimeterKubelet", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio")
            ]
        ),
        // Networking: fetches registry, Git and HTTP module sources into the user's cache (`scan --download-modules`).
        .target(name: "PerimeterModuleFetch", dependencies: ["PerimeterModel"]),
        // Networking: the read-only kubelet probe. Only the CLI and its tests depend on it.
        .target(
            name: "PerimeterProbe",
            dependencies: [
                "PerimeterModel", "PerimeterChecks",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl")
            ]),
        .executableTarget(
            name: "perimeter",
            dependencies: [
                "PerimeterModel", "PerimeterScan", "PerimeterChecks", "PerimeterReport", "PerimeterAWS", "PerimeterProbe",
                "PerimeterRBAC", "PerimeterKubernetes", "PerimeterKubeClient", "PerimeterModuleFetch",
                "PerimeterBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio")
            ]
        ),
        .testTarget(name: "PerimeterModelTests", dependencies: ["PerimeterModel"]),
        .testTarget(
            name: "PerimeterTerraformTests",
            dependencies: ["PerimeterTerraform", "PerimeterModel", "PerimeterKubelet"],
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
        .testTarget(name: "PerimeterCLITests", dependencies: ["perimeter"], exclude: ["Golden"]),
        .testTarget(
            name: "PerimeterAWSTests",
            dependencies: ["PerimeterAWS", "PerimeterModel", "PerimeterScan", "PerimeterChecks", "perimeter"],
            exclude: ["Support/aws_test_server.py"]
        ),
        .testTarget(
            name: "PerimeterModuleFetchTests",
            dependencies: ["PerimeterModuleFetch", "perimeter"],
            exclude: ["Support/module_test_server.py"]
        ),
        .testTarget(name: "PerimeterKubeletTests", dependencies: ["PerimeterKubelet", "PerimeterModel"]),
        .testTarget(name: "PerimeterGKETests", dependencies: ["PerimeterGKE", "PerimeterModel", "PerimeterChecks"]),
        .testTarget(
            name: "PerimeterProbeTests",
            dependencies: [
                "PerimeterProbe", "PerimeterModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto")
            ]),
        .testTarget(name: "PerimeterKubernetesTests", dependencies: ["PerimeterKubernetes", "PerimeterModel"]),
        .testTarget(name: "PerimeterRBACTests", dependencies: ["PerimeterRBAC", "PerimeterKubernetes", "PerimeterModel"]),
        .testTarget(
            name: "PerimeterKubeClientTests",
            dependencies: ["PerimeterKubeClient", "PerimeterKubernetes", "PerimeterRBAC", "PerimeterModel"],
            exclude: ["Fixtures"]
        )
    ]
)

// The libFuzzer target (scripts/fuzz.sh) links only with -sanitize=fuzzer, so it is part of the package
// only for that build.
if Context.environment["PERIMETER_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "PerimeterFuzz",
            dependencies: ["PerimeterScan", "PerimeterTerraform", "PerimeterAWS", "PerimeterModel"],
            path: "Fuzz/PerimeterFuzz"
        ))
    package.products.append(.executable(name: "perimeter-fuzz", targets: ["PerimeterFuzz"]))
}
