import Foundation

/// A parsed XML element: name without namespace prefix, children in order, text content.
/// AWS Query responses are small trees read by element name, so a DOM is the simplest fit.
public final class XMLElement: @unchecked Sendable {
    public let name: String
    /// The name as written, with its namespace prefix: end tags must match it.
    let qualifiedName: String
    public private(set) var children: [XMLElement] = []
    public internal(set) var text: String = ""

    init(qualifiedName: String) {
        self.qualifiedName = qualifiedName
        name = qualifiedName.split(separator: ":").last.map(String.init) ?? qualifiedName
    }

    /// The first child with this name.
    public subscript(_ name: String) -> XMLElement? { children.first { $0.name == name } }

    /// Text of the first child with this name; nil when absent.
    public func string(_ name: String) -> String? { self[name]?.text }

    /// Children of a list element: `<name><item>…</item></name>` (EC2) or `<name><member>…</member></name>`.
    public func list(_ name: String) -> [XMLElement] {
        self[name]?.children ?? []
    }

    public func bool(_ name: String) -> Bool? {
        switch string(name)?.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    public func int(_ name: String) -> Int? { string(name).flatMap { Int($0) } }

    /// Depth-first search for the first descendant with this name (including self).
    public func find(_ name: String) -> XMLElement? {
        if self.name == name { return self }
        for child in children { if let hit = child.find(name) { return hit } }
        return nil
    }

    public static func parse(_ data: Data) throws -> XMLElement {
        var reader = XMLReader(data)
        return try reader.readDocument()
    }

    func append(_ child: XMLElement) { children.append(child) }

    /// Called at the end tag: the text of an element is its trimmed character content.
    func finish() { text = text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

public struct XMLParseError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "malformed XML: \(reason)" }
}
