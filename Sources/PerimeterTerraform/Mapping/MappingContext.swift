import PerimeterModel

/// State shared while one list of resource instances becomes a snapshot: the index used to
/// resolve references, the snapshot being filled, and the diagnostics found on the way.
final class MappingContext {
    let origin: Provenance.Origin
    let index: ResourceIndex
    var snapshot = Snapshot()
    var diagnostics: [Diagnostic] = []

    init(resources: [ResourceInstance], origin: Provenance.Origin) {
        self.origin = origin
        self.index = ResourceIndex(resources)
    }

    /// The provenance of a model object: the instance's address and the most specific location
    /// known for `path` (a nested block such as `ingress[0]`, or the resource block itself).
    func provenance(_ instance: ResourceInstance, path: String = "") -> Provenance {
        Provenance(resource: instance.address, location: Self.location(in: instance, path: path), origin: origin)
    }

    /// The location of `path`, or of the closest enclosing block that has one.
    static func location(in instance: ResourceInstance, path: String) -> SourceLocation? {
        var candidate = path
        while !candidate.isEmpty {
            if let location = instance.locations[candidate] { return location }
            candidate = Self.parentPath(of: candidate)
        }
        return instance.location
    }

    /// `ingress[0].cidr_blocks` -> `ingress[0]` -> `ingress` -> ``.
    static func parentPath(of path: String) -> String {
        guard let last = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return "" }
        return String(path[..<last])
    }

    func warn(_ message: String, instance: ResourceInstance, path: String) {
        diagnostics.append(.warning("\(instance.address): \(message)", at: Self.location(in: instance, path: path)))
    }

    /// Reads the top-level attributes of an instance.
    func fields(of instance: ResourceInstance) -> Fields {
        Fields(values: instance.values, path: "", instance: instance, context: self)
    }
}

/// Joins an attribute path and a step the way Terraform prints paths.
func joinPath(_ path: String, _ step: String) -> String {
    if path.isEmpty || step.hasPrefix("[") { return path + step }
    return path + "." + step
}
