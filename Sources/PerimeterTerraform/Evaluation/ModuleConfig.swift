import PerimeterModel

/// The static contents of one module directory: what its files declare, before any evaluation.
final class ModuleConfig {
    struct ResourceKey: Hashable {
        var mode: ResourceInstance.Mode
        var type: String
        var name: String
    }

    let directory: String
    private(set) var variables: [String: Block] = [:]
    private(set) var locals: [String: Attribute] = [:]
    private(set) var resources: [ResourceKey: Block] = [:]
    /// Declaration order, so results come out in the order people wrote them.
    private(set) var resourceOrder: [ResourceKey] = []
    private(set) var moduleCalls: [String: Block] = [:]
    private(set) var moduleCallOrder: [String] = []
    private(set) var outputs: [String: Block] = [:]
    /// `source` strings of module calls that point into this file system (`./x`, `../x`).
    private(set) var localModuleSources: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    let fileCount: Int

    init(directory: String, files: [ConfigFile]) {
        self.directory = directory
        fileCount = files.count
        for file in files {
            collect(file.body)
        }
    }

    private func collect(_ body: Body) {
        for block in body.blocks {
            switch block.type {
            case "variable":
                if let name = singleLabel(block) { declare(&variables, name, block, what: "variable") }
            case "locals":
                for attribute in block.body.attributes {
                    if locals[attribute.name] != nil {
                        duplicate("local value", attribute.name, at: attribute.range)
                    } else {
                        locals[attribute.name] = attribute
                    }
                }
            case "resource", "data":
                guard block.labels.count == 2 else {
                    diagnostics.append(.error("A \(block.type) block needs two labels, a type and a name", at: block.range.location))
                    continue
                }
                let key = ResourceKey(mode: block.type == "data" ? .data : .managed, type: block.labels[0], name: block.labels[1])
                if resources[key] != nil {
                    duplicate(block.type, "\(block.labels[0]).\(block.labels[1])", at: block.range)
                } else {
                    resources[key] = block
                    resourceOrder.append(key)
                }
            case "module":
                if let name = singleLabel(block) {
                    if case .template(let parts)? = block.body.attribute("source")?.expression.kind,
                        parts.count == 1, case .literal(let source) = parts[0],
                        source.hasPrefix("./") || source.hasPrefix("../")
                    {
                        localModuleSources.append(source)
                    }
                    if moduleCalls[name] == nil { moduleCallOrder.append(name) }
                    declare(&moduleCalls, name, block, what: "module")
                }
            case "output":
                if let name = singleLabel(block) { declare(&outputs, name, block, what: "output") }
            default:
                // terraform, provider, moved, import, check, removed: nothing perimeter evaluates.
                continue
            }
        }
    }

    private func singleLabel(_ block: Block) -> String? {
        guard block.labels.count == 1 else {
            diagnostics.append(.error("A \(block.type) block needs exactly one label", at: block.range.location))
            return nil
        }
        return block.labels[0]
    }

    private func declare(_ table: inout [String: Block], _ name: String, _ block: Block, what: String) {
        if table[name] != nil {
            duplicate(what, name, at: block.range)
        } else {
            table[name] = block
        }
    }

    private func duplicate(_ what: String, _ name: String, at range: SourceRange) {
        diagnostics.append(.error("Duplicate \(what) '\(name)'", at: range.location))
    }
}
