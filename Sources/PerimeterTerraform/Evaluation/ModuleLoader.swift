import Foundation
import PerimeterModel

/// Reads and parses module directories, each once however many module calls use it.
public final class ModuleLoader {
    private var cache: [String: ModuleConfig] = [:]
    /// Problems reading or parsing files; each file is read once, so each problem is said once.
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var filesParsed = 0

    /// Asked for remote module sources that `terraform init` did not install; nil keeps the scan offline.
    public let remoteSources: (any ModuleSourceResolver)?

    public init(remoteSources: (any ModuleSourceResolver)? = nil) {
        self.remoteSources = remoteSources
    }

    /// The configuration files of a directory, in the order Terraform reads them (lexical).
    static func configurationFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return
            names
            .filter { ($0.hasSuffix(".tf") || $0.hasSuffix(".tf.json")) && !$0.hasPrefix(".") }
            .sorted()
            .map { PathNormalization.join(directory, $0) }
    }

    func load(directory: String) -> ModuleConfig {
        let directory = PathNormalization.normalize(directory)
        if let cached = cache[directory] { return cached }
        var files: [ConfigFile] = []
        for path in Self.configurationFiles(in: directory) {
            if let file = parse(path) { files.append(file) }
        }
        let config = ModuleConfig(directory: directory, files: files)
        diagnostics += config.diagnostics
        cache[directory] = config
        return config
    }

    /// A root module made of one file only: what `perimeter scan main.tf` asks for.
    func load(file: String) -> ModuleConfig {
        let path = PathNormalization.normalize(file)
        if let cached = cache["file:" + path] { return cached }
        let directory = PathNormalization.join(path, "..")
        let config = ModuleConfig(directory: directory, files: parse(path).map { [$0] } ?? [])
        diagnostics += config.diagnostics
        cache["file:" + path] = config
        return config
    }

    /// Parses one file; an unreadable or binary file is reported, never fatal.
    func parse(_ path: String) -> ConfigFile? {
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.append(.error("Cannot read file", file: path))
            return nil
        }
        guard let source = String(data: data, encoding: .utf8), !data.contains(0) else {
            diagnostics.append(.error("Not a text file (binary or not UTF-8)", file: path))
            return nil
        }
        filesParsed += 1
        let result =
            path.hasSuffix(".json")
            ? HCLParser.parseJSONFile(source: source, path: path)
            : HCLParser.parseFile(source: source, path: path)
        diagnostics += result.diagnostics
        return result.file
    }
}
