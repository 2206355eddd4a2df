import Foundation

/// A strict reader for the XML of AWS Query responses: elements, attributes (read and dropped), text, CDATA,
/// comments, processing instructions and the five predefined and numeric character references.
/// Why our own and not FoundationXML: its libxml2 bridge crashed the process on inputs the fuzzer found (a
/// non-UTF-8 element name, a processing instruction without data), and a response body is untrusted input.
/// A DOCTYPE is refused: AWS never sends one, and entity definitions are how XML bombs work.
struct XMLReader {
    /// Deeper documents are refused: the tree is freed recursively, and AWS responses nest about ten levels.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ data: Data) { bytes = [UInt8](data) }

    mutating func readDocument() throws -> XMLElement {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw XMLParseError(reason: "the response is not UTF-8 text") }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        var stack: [XMLElement] = []
        var root: XMLElement?
        while index < bytes.count {
            if bytes[index] != UInt8(ascii: "<") {
                let text = try readText()
                guard let current = stack.last else {
                    guard text.allSatisfy(\.isWhitespace) else { throw error("text outside the root element") }
                    continue
                }
                current.text += text
                continue
            }
            if try skipMarkup(into: stack.last) { continue }
            if peek(1) == UInt8(ascii: "/") {
                let name = try readEndTag()
                guard let open = stack.popLast() else { throw error("end tag '\(name)' without a start tag") }
                guard open.qualifiedName == name else { throw error("end tag '\(name)' does not match '\(open.qualifiedName)'") }
                open.finish()
                continue
            }
            let (element, selfClosing) = try readStartTag()
            if let parent = stack.last {
                parent.append(element)
            } else {
                guard root == nil else { throw error("a second root element '\(element.qualifiedName)'") }
                root = element
            }
            if selfClosing {
                element.finish()
            } else {
                stack.append(element)
                guard stack.count <= Self.maximumDepth else { throw error("elements nested deeper than \(Self.maximumDepth)") }
            }
        }
        if let open = stack.last { throw error("element '\(open.qualifiedName)' is not closed") }
        guard let root else { throw error("no root element") }
        return root
    }

    // MARK: Markup that is not an element

    /// Skips a comment, processing instruction or XML declaration, or appends a CDATA section to the
    /// current element; false when the markup is a tag.
    private mutating func skipMarkup(into current: XMLElement?) throws -> Bool {
        if matches("<?") {
            try skip(past: "?>", what: "processing instruction")
            return true
        }
        if matches("<!--") {
            try skip(past: "-->", what: "comment")
            return true
        }
        if matches("<![CDATA[") {
            guard let current else { throw error("CDATA outside the root element") }
            let start = index + 9
            try skip(past: "]]>", what: "CDATA section")
            current.text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
            return true
        }
        if matches("<!") { throw error("a DOCTYPE or other declaration is not accepted in an AWS response") }
        return false
    }

    private mutating func skip(past terminator: String, what: String) throws {
        let start = line
        let end = Array(terminator.utf8)
        while index < bytes.count {
            if bytes[index] == end[0], bytes[index...].starts(with: end) {
                index += end.count
                return
            }
            advance()
        }
        throw XMLParseError(reason: "line \(start): \(what) is not closed")
    }

    // MARK: Tags

    private mutating func readStartTag() throws -> (XMLElement, selfClosing: Bool) {
        index += 1
        let name = try readName()
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("start tag '\(name)' is not closed") }
            switch bytes[index] {
            case UInt8(ascii: ">"):
                index += 1
                return (XMLElement(qualifiedName: name), false)
            case UInt8(ascii: "/"):
                guard peek(1) == UInt8(ascii: ">") else { throw error("'/' not followed by '>' in tag '\(name)'") }
                index += 2
                return (XMLElement(qualifiedName: name), true)
            default:
                try skipAttribute(in: name)
            }
        }
    }

    private mutating func skipAttribute(in tag: String) throws {
        _ = try readName()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw error("attribute without a value in tag '\(tag)'") }
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
            throw error("attribute value not quoted in tag '\(tag)'")
        }
        let quote = bytes[index]
        index += 1
        while index < bytes.count, bytes[index] != quote {
            guard bytes[index] != UInt8(ascii: "<") else { throw error("'<' inside an attribute value in tag '\(tag)'") }
            advance()
        }
        guard index < bytes.count else { throw error("attribute value not closed in tag '\(tag)'") }
        index += 1
    }

    private mutating func readEndTag() throws -> String {
        index += 2
        let name = try readName()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw error("end tag '\(name)' is not closed") }
        index += 1
        return name
    }

    private mutating func readName() throws -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        guard index > start else { throw error("a tag or attribute without a name") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Names are ASCII letters, digits, `_ - . :` or any non-ASCII byte (validated as UTF-8 up front).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":"):
            true
        default: byte >= 0x80
        }
    }

    // MARK: Text and references

    private mutating func readText() throws -> String {
        var text: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            if bytes[index] == UInt8(ascii: "&") {
                text.append(contentsOf: try readReference())
            } else {
                text.append(bytes[index])
                advance()
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func readReference() throws -> [UInt8] {
        let start = index + 1
        guard let semicolon = bytes[start...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw error("'&' that does not start a character reference")
        }
        let name = String(decoding: bytes[start..<semicolon], as: UTF8.self)
        index = semicolon + 1
        switch name {
        case "amp": return Array("&".utf8)
        case "lt": return Array("<".utf8)
        case "gt": return Array(">".utf8)
        case "quot": return Array("\"".utf8)
        case "apos": return Array("'".utf8)
        default:
            let value: UInt32? =
                if name.hasPrefix("#x") { UInt32(name.dropFirst(2), radix: 16) } else if name.hasPrefix("#") {
                    UInt32(name.dropFirst())
                } else { nil }
            guard let value, let scalar = Unicode.Scalar(value), value != 0 else { throw error("unknown reference '&\(name);'") }
            return Array(String(Character(scalar)).utf8)
        }
    }

    // MARK: Position

    private func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    private func matches(_ prefix: String) -> Bool { bytes[index...].starts(with: prefix.utf8) }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { advance() }
    }

    private func error(_ reason: String) -> XMLParseError { XMLParseError(reason: "line \(line): \(reason)") }
}
