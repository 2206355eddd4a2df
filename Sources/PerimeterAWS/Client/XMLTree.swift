import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element: name without namespace prefix, children in order, text content.
/// AWS Query responses are small trees read by element name, so a DOM is the simplest fit.
public final class XMLElement: @unchecked Sendable {
    public let name: String
    public fileprivate(set) var children: [XMLElement] = []
    public fileprivate(set) var text: String = ""

    init(name: String) { self.name = name }

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
        // FoundationXML traps on element names that are not UTF-8 (found by fuzzing): refuse such a body first.
        let isUTF8 = data.withUnsafeBytes { String(validating: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) != nil }
        guard isUTF8 else { throw XMLParseError(reason: "the response is not UTF-8 text") }
        let delegate = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "no root element"
            throw XMLParseError(reason: "line \(parser.lineNumber): \(reason)")
        }
        return root
    }
}

public struct XMLParseError: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "malformed XML: \(reason)" }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLElement?
    private var stack: [XMLElement] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        let element = XMLElement(name: local)
        stack.last?.children.append(element)
        if root == nil { root = element }
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if let element = stack.popLast() {
            element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
