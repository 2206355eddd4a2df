import PerimeterModel

/// A plan JSON document whose shape does not match `terraform show -json` output.
struct PlanShapeError: Error {
    var message: String
}

/// One resource instance as the plan states it, before unknowns are resolved.
struct PlanEntry {
    var module: String
    var mode: ResourceInstance.Mode
    var type: String
    var name: String
    var key: ResourceInstance.Key?
    /// The planned values (`change.after`, or `planned_values`), unknown attributes absent.
    var values: [String: JSONValue]
    /// `change.after_unknown`: `true` where a value is known only after apply.
    var afterUnknown: JSONValue?

    var address: String {
        ResourceInstance(mode: mode, type: type, name: name, module: module, key: key, values: [:]).address
    }
}

/// The parts of `terraform show -json` output the reader uses, checked for shape.
struct PlanDocument {
    var entries: [PlanEntry] = []
    var configuration: [String: JSONValue]?

    init(_ root: JSONValue) throws(PlanShapeError) {
        guard case .object(let top) = root else {
            throw PlanShapeError(message: "expected a JSON object from `terraform show -json`, found \(root.kindName)")
        }
        guard top["format_version"] != nil else {
            throw PlanShapeError(message: "expected `terraform show -json` plan output: there is no \"format_version\"")
        }
        let planned = try Self.object(top["planned_values"], "planned_values")
        let changes = try Self.array(top["resource_changes"], "resource_changes")
        guard planned != nil || changes != nil else {
            let what =
                top["values"] != nil
                ? "this is state output (`terraform show -json` without a plan file), not a plan"
                : "there is neither \"planned_values\" nor \"resource_changes\""
            throw PlanShapeError(message: "expected `terraform show -json` plan output: \(what)")
        }
        configuration = try Self.object(top["configuration"], "configuration")

        var afterByAddress: [String: (after: [String: JSONValue], unknown: JSONValue?)] = [:]
        var changeOrder: [PlanEntry] = []
        for (offset, change) in (changes ?? []).enumerated() {
            let path = "resource_changes[\(offset)]"
            guard case .object(let members) = change else { throw Self.wrong(path, "an object", change) }
            let details = try Self.object(members["change"], path + ".change") ?? [:]
            // Resources being destroyed have no `after`; they will not exist.
            guard let after = try Self.object(details["after"], path + ".change.after") else { continue }
            var entry = try Self.entry(
                members, module: try Self.string(members["module_address"], path + ".module_address") ?? "",
                values: after, path: path)
            entry.afterUnknown = details["after_unknown"]
            afterByAddress[entry.address] = (after, entry.afterUnknown)
            changeOrder.append(entry)
        }

        var seen = Set<String>()
        if let root = try Self.object(planned?["root_module"], "planned_values.root_module") {
            try collect(module: root, path: "planned_values.root_module", seen: &seen) { entry in
                guard let change = afterByAddress[entry.address] else { return entry }
                var merged = entry
                merged.values = change.after
                merged.afterUnknown = change.unknown
                return merged
            }
        }
        for entry in changeOrder where seen.insert(entry.address).inserted {
            entries.append(entry)
        }
        // Data sources read while planning appear only in the prior state.
        if let prior = try Self.object(top["prior_state"], "prior_state"),
            let values = try Self.object(prior["values"], "prior_state.values"),
            let root = try Self.object(values["root_module"], "prior_state.values.root_module")
        {
            try collect(module: root, path: "prior_state.values.root_module", seen: &seen, only: .data) { $0 }
        }
    }

    /// Resources of a module and its `child_modules`, recursively.
    private mutating func collect(
        module: [String: JSONValue], path: String, seen: inout Set<String>,
        only mode: ResourceInstance.Mode? = nil,
        _ transform: (PlanEntry) -> PlanEntry
    ) throws(PlanShapeError) {
        let address = try Self.string(module["address"], path + ".address") ?? ""
        for (offset, resource) in (try Self.array(module["resources"], path + ".resources") ?? []).enumerated() {
            let resourcePath = "\(path).resources[\(offset)]"
            guard case .object(let members) = resource else { throw Self.wrong(resourcePath, "an object", resource) }
            let values = try Self.object(members["values"], resourcePath + ".values") ?? [:]
            let entry = transform(try Self.entry(members, module: address, values: values, path: resourcePath))
            if let mode, entry.mode != mode { continue }
            guard seen.insert(entry.address).inserted else { continue }
            entries.append(entry)
        }
        for (offset, child) in (try Self.array(module["child_modules"], path + ".child_modules") ?? []).enumerated() {
            let childPath = "\(path).child_modules[\(offset)]"
            guard case .object(let members) = child else { throw Self.wrong(childPath, "an object", child) }
            try collect(module: members, path: childPath, seen: &seen, only: mode, transform)
        }
    }

    private static func entry(
        _ members: [String: JSONValue], module: String, values: [String: JSONValue],
        path: String
    ) throws(PlanShapeError) -> PlanEntry {
        guard let type = try string(members["type"], path + ".type"), let name = try string(members["name"], path + ".name") else {
            throw PlanShapeError(message: "\(path) has no \"type\" and \"name\"")
        }
        let modeText = try string(members["mode"], path + ".mode") ?? "managed"
        guard let mode = ResourceInstance.Mode(rawValue: modeText) else {
            throw PlanShapeError(message: "\(path).mode must be \"managed\" or \"data\", not \"\(modeText)\"")
        }
        let key: ResourceInstance.Key?
        switch members["index"] {
        case nil, .null?: key = nil
        case .string(let text)?: key = .string(text)
        case .number(let number)?:
            guard let int = ValueText.int(number) else { throw PlanShapeError(message: "\(path).index must be a whole number") }
            key = .int(int)
        case let other?: throw wrong(path + ".index", "a number or a string", other)
        }
        return PlanEntry(module: module, mode: mode, type: type, name: name, key: key, values: values)
    }

    static func wrong(_ path: String, _ expected: String, _ found: JSONValue) -> PlanShapeError {
        PlanShapeError(message: "\(path) must be \(expected), found \(found.kindName)")
    }

    static func object(_ value: JSONValue?, _ path: String) throws(PlanShapeError) -> [String: JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?: return members
        case let other?: throw wrong(path, "an object", other)
        }
    }

    static func array(_ value: JSONValue?, _ path: String) throws(PlanShapeError) -> [JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .array(let items)?: return items
        case let other?: throw wrong(path, "an array", other)
        }
    }

    static func string(_ value: JSONValue?, _ path: String) throws(PlanShapeError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw wrong(path, "a string", other)
        }
    }
}
