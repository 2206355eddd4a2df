import Foundation
import PerimeterModel
import PerimeterScan
import PerimeterTerraform

@testable import PerimeterAWS

/// One input from libFuzzer. One binary serves every target; `PERIMETER_FUZZ_TARGET` picks one, so the
/// sanitized build is done once. Built only by `scripts/fuzz.sh` (the package adds this target when
/// `PERIMETER_FUZZ=1`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    FuzzTarget.current.run(data)
    return 0
}

enum FuzzTarget: String, CaseIterable {
    /// The HCL native and JSON syntax parsers, in memory.
    case hcl
    /// A whole scan of one `.tf` file: parser, evaluator, functions, mapping and every check.
    case terraform
    /// A whole scan of one `.json` file: plan, snapshot, gcloud JSON, Kubernetes List or manifest.
    case json
    /// A whole scan of one `.yaml` file: manifests, KubeletConfiguration, NodeConfig, gcloud YAML.
    case yaml
    /// A whole scan of one extension-less file: kubelet flags, user data, `/metrics` text.
    case text
    /// An EC2 API response: the XML reader and the mappings from it.
    case awsXML = "aws-xml"

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["PERIMETER_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("PERIMETER_FUZZ_TARGET must be one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()

    /// One scratch directory per process; each input overwrites the same file.
    static let scratch: String = {
        let path = NSTemporaryDirectory() + "perimeter-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func run(_ data: Data) {
        switch self {
        case .hcl:
            let source = String(decoding: data, as: UTF8.self)
            _ = HCLParser.parseFile(source: source, path: "fuzz.tf")
            _ = HCLParser.parseJSONFile(source: source, path: "fuzz.tf.json")
        case .terraform: scan(data, named: "main.tf")
        case .json: scan(data, named: "input.json")
        case .yaml: scan(data, named: "input.yaml")
        case .text: scan(data, named: "kubelet-args")
        case .awsXML: mapXML(data)
        }
    }

    private func scan(_ data: Data, named name: String) {
        let file = (Self.scratch as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: file, contents: data) else { return }
        _ = Scanner.scan(ScanOptions(paths: [file]))
    }

    private func mapXML(_ data: Data) {
        guard let root = try? XMLElement.parse(data) else { return }
        for item in root.list("item") + (root.find("securityGroupInfo")?.list("item") ?? []) {
            _ = EC2Mapping.securityGroup(item, clusterOwners: [:])
            _ = EC2Mapping.instance(item)
            _ = EC2Mapping.networkInterface(item)
            _ = EC2Mapping.launchTemplate(item)
            _ = EC2Mapping.vpc(item)
            _ = EC2Mapping.subnet(item)
            _ = EC2Mapping.routeTable(item)
            _ = EC2Mapping.peering(item)
            _ = EC2Mapping.networkACL(item)
        }
        _ = EC2Mapping.instances(reservations: root.find("reservationSet")?.list("item") ?? [])
    }
}
