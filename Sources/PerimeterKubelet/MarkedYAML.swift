import PerimeterModel
import Yams

/// YAML (and so JSON) documents with every node's line and column, so findings point at the setting.
public enum MarkedYAML {
    /// Every document in `text`, or the parse error as a diagnostic at its position.
    public static func documents(_ text: String, file: String) -> Result<[Node], Diagnostic> {
        do {
            var documents: [Node] = []
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() { documents.append(node) }
            // The sequence keeps a parse error instead of throwing it.
            if let error = sequence.error { throw error }
            return .success(documents)
        } catch let error as YamlError {
            return .failure(diagnostic(error, file: file))
        } catch {
            return .failure(.error("Not valid YAML or JSON: \(error)", file: file))
        }
    }

    /// The position of a node in `file`.
    public static func location(_ node: Node?, file: String) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// The value of `key` in a mapping, and the key's own position (where an editor should go).
    public static func entry(_ node: Node?, _ key: String) -> (key: Node, value: Node)? {
        guard case .mapping(let mapping)? = node else { return nil }
        for (name, value) in mapping where name.string == key { return (name, value) }
        return nil
    }

    /// Follows a path of keys through nested mappings.
    public static func value(_ node: Node?, _ path: String...) -> Node? {
        var current = node
        for key in path { current = entry(current, key)?.value }
        return current
    }

    private static func diagnostic(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .error("Not valid YAML or JSON: \(problem)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("Duplicate keys \(duplicates.joined(separator: ", ")) \(context)", file: file)
        default:
            return .error("Not valid YAML or JSON: \(error)", file: file)
        }
    }
}

extension Node {
    // Shared with the GKE reader.
    /// The scalar text, whatever its resolved type (`10255`, `true`, `Webhook`).
    public var scalarText: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    public var mappingEntries: [(key: Node, value: Node)] {
        guard case .mapping(let mapping) = self else { return [] }
        return mapping.map { ($0.key, $0.value) }
    }

    public var sequenceItems: [Node] {
        guard case .sequence(let sequence) = self else { return [] }
        return Array(sequence)
    }
}
