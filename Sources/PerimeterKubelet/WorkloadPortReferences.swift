import PerimeterModel
import Yams

/// Finds workloads that still call the kubelet's read-only port: 10255 in a container's command,
/// args, env, ports or probes. A port written as `$(VAR)` is followed through the container's env;
/// one that comes from a field or config map reference is unknown.
public enum WorkloadPortReferences {
    static let readOnlyPort = 10255
    static let podKinds: Set<String> = [
        "Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob",
        "ReplicationController"
    ]

    /// Whether a document (or a `kind: List`) holds a workload.
    public static func isWorkload(_ document: Node) -> Bool {
        guard let kind = MarkedYAML.value(document, "kind")?.scalarText else { return false }
        if kind == "List" || kind.hasSuffix("List") {
            return MarkedYAML.value(document, "items")?.sequenceItems.contains(where: isWorkload) ?? false
        }
        return podKinds.contains(kind)
    }

    public static func find(in document: Node, file: String) -> [ReadOnlyPortUse] {
        guard let kind = MarkedYAML.value(document, "kind")?.scalarText else { return [] }
        if kind == "List" || kind.hasSuffix("List") {
            return (MarkedYAML.value(document, "items")?.sequenceItems ?? []).flatMap { find(in: $0, file: file) }
        }
        guard podKinds.contains(kind) else { return [] }
        let name = MarkedYAML.value(document, "metadata", "name")?.scalarText ?? "unnamed"
        let namespace = MarkedYAML.value(document, "metadata", "namespace")?.scalarText ?? "default"
        let resource = "\(kind)/\(namespace)/\(name)"
        let podSpec: Node?
        switch kind {
        case "Pod": podSpec = MarkedYAML.value(document, "spec")
        case "CronJob": podSpec = MarkedYAML.value(document, "spec", "jobTemplate", "spec", "template", "spec")
        default: podSpec = MarkedYAML.value(document, "spec", "template", "spec")
        }
        var uses: [ReadOnlyPortUse] = []
        for list in ["initContainers", "containers"] {
            for container in MarkedYAML.value(podSpec, list)?.sequenceItems ?? [] {
                uses += references(in: container, list: list, resource: resource, file: file)
            }
        }
        return uses
    }

    private static func references(in container: Node, list: String, resource: String, file: String) -> [ReadOnlyPortUse] {
        let containerName = MarkedYAML.value(container, "name")?.scalarText ?? "?"
        let env = environment(container)
        var uses: [ReadOnlyPortUse] = []
        func add(_ field: String, _ node: Node, port: Resolved<Int>, text: String) {
            let location = MarkedYAML.location(node, file: file)
            uses.append(
                ReadOnlyPortUse(
                    key: "\(resource)#\(containerName).\(field)@\(location?.line ?? 0)",
                    provenance: Provenance(resource: resource, location: location, origin: .kubernetes),
                    kind: .workload, port: port, field: "\(list)[\(containerName)].\(field)", text: text))
        }
        for field in ["command", "args"] {
            for item in MarkedYAML.value(container, field)?.sequenceItems ?? [] {
                guard let text = item.scalarText, let port = port(inText: text, env: env) else { continue }
                add(field, item, port: port, text: text)
            }
        }
        for variable in MarkedYAML.value(container, "env")?.sequenceItems ?? [] {
            guard let value = MarkedYAML.value(variable, "value"), let text = value.scalarText else { continue }
            let name = MarkedYAML.value(variable, "name")?.scalarText ?? "?"
            if text == String(readOnlyPort) || port(inText: text, env: [:]) == .known(readOnlyPort) {
                add("env[\(name)]", value, port: .known(readOnlyPort), text: "\(name)=\(text)")
            }
        }
        for port in MarkedYAML.value(container, "ports")?.sequenceItems ?? [] {
            for field in ["containerPort", "hostPort"] {
                guard let node = MarkedYAML.value(port, field), node.scalarText == String(readOnlyPort) else { continue }
                add("ports.\(field)", node, port: .known(readOnlyPort), text: "\(field): \(readOnlyPort)")
            }
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            for handler in ["httpGet", "tcpSocket"] {
                guard let node = MarkedYAML.value(container, probe, handler, "port"), let text = node.scalarText else { continue }
                if text == String(readOnlyPort) {
                    add("\(probe).\(handler).port", node, port: .known(readOnlyPort), text: "port: \(text)")
                }
            }
        }
        return uses
    }

    /// Literal values and, for the others, why they cannot be known here.
    private static func environment(_ container: Node) -> [String: Resolved<String>] {
        var env: [String: Resolved<String>] = [:]
        for variable in MarkedYAML.value(container, "env")?.sequenceItems ?? [] {
            guard let name = MarkedYAML.value(variable, "name")?.scalarText else { continue }
            if let value = MarkedYAML.value(variable, "value")?.scalarText {
                env[name] = .known(value)
            } else if MarkedYAML.value(variable, "valueFrom") != nil {
                env[name] = .unknown("$(\(name)) comes from valueFrom, known only in the cluster")
            }
        }
        return env
    }

    /// The port a text refers to, if it is 10255 or cannot be known: `host:10255`, `--port=10255`,
    /// `:$(PORT)` with PORT from env.
    static func port(inText text: String, env: [String: Resolved<String>]) -> Resolved<Int>? {
        if mentions(readOnlyPort, in: text) { return .known(readOnlyPort) }
        var rest = text[...]
        while let colon = rest.firstIndex(of: ":") {
            rest = rest[rest.index(after: colon)...]
            guard let name = variableName(at: rest) else { continue }
            switch env[name] {
            case .known(let value)?:
                if Int(value) == readOnlyPort { return .known(readOnlyPort) }
            case .unknown(let reason)?:
                return .unknown(reason)
            case nil:
                continue
            }
        }
        return nil
    }

    /// `:10255` or `=10255` not followed by another digit.
    private static func mentions(_ port: Int, in text: String) -> Bool {
        let needle = String(port)
        var rest = text[...]
        while let range = rest.range(of: needle) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)] : nil
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            if before == ":" || before == "=" || before == " ", after.map({ !$0.isNumber }) ?? true { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    /// `$(NAME)` or `${NAME}` at the start of the text.
    private static func variableName(at text: Substring) -> String? {
        guard text.hasPrefix("$(") || text.hasPrefix("${") else { return nil }
        let close: Character = text.hasPrefix("$(") ? ")" : "}"
        let body = text.dropFirst(2).prefix { $0 != close }
        return body.isEmpty ? nil : String(body)
    }
}
