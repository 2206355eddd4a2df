import Foundation

/// Calls of the Query protocol (EC2, AutoScaling, IAM, STS): a form POST, an XML answer.
extension AWSClient {
    func query(_ service: AWSService, _ action: String, _ parameters: [(String, String)] = []) async throws -> XMLElement {
        let form = [("Action", action), ("Version", service.apiVersion ?? "")] + parameters
        let body = form.map { "\(SigV4Signer.uriEncode($0.0, keepSlash: false))=\(SigV4Signer.uriEncode($0.1, keepSlash: false))" }
            .joined(separator: "&")
        let operation = "\(service.rawValue):\(action)"
        let response = try await send(
            AWSRequest(
                service: service, operation: operation, method: "POST", path: "/",
                body: Data(body.utf8),
                contentType: "application/x-www-form-urlencoded; charset=utf-8"))
        do {
            return try XMLElement.parse(response.body)
        } catch {
            throw AWSCallError(
                operation: operation, kind: .other, status: response.status, code: nil,
                message: "answer is not XML (\(error))")
        }
    }

    /// An EC2 Describe call followed through every `nextToken`; returns the items of `listName` from all pages.
    func ec2Pages(
        _ action: String, _ parameters: [(String, String)] = [], listName: String,
        pageSize: Int? = nil
    ) async throws -> [XMLElement] {
        var items: [XMLElement] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            var page = parameters
            if let pageSize { page.append(("MaxResults", String(pageSize))) }
            if let token { page.append(("NextToken", token)) }
            let root = try await query(.ec2, action, page)
            items += root.list(listName)
            token = root.string("nextToken").flatMap { $0.isEmpty ? nil : $0 }
            // A token seen twice would loop forever.
            if let current = token, !seen.insert(current).inserted { break }
        } while token != nil
        return items
    }

    /// A Query call of AutoScaling or IAM paged by `NextToken`/`Marker`; returns the `member`s of `listName`.
    func queryPages(
        _ service: AWSService, _ action: String, _ parameters: [(String, String)] = [], listName: String,
        tokenParameter: String, tokenElement: String
    ) async throws -> [XMLElement] {
        var items: [XMLElement] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            var page = parameters
            if let token { page.append((tokenParameter, token)) }
            let root = try await query(service, action, page)
            let result = root.find("\(action)Result") ?? root
            items += result.list(listName)
            token = result.string(tokenElement).flatMap { $0.isEmpty ? nil : $0 }
            if let current = token, !seen.insert(current).inserted { break }
        } while token != nil
        return items
    }
}

/// EC2 Query list parameters: `Name.1=a&Name.2=b`, filters as `Filter.N.Name` / `Filter.N.Value.M`.
enum QueryParameters {
    static func list(_ name: String, _ values: [String]) -> [(String, String)] {
        values.enumerated().map { ("\(name).\($0.offset + 1)", $0.element) }
    }

    static func filters(_ filters: [(String, [String])]) -> [(String, String)] {
        var out: [(String, String)] = []
        for (index, filter) in filters.enumerated() {
            out.append(("Filter.\(index + 1).Name", filter.0))
            for (valueIndex, value) in filter.1.enumerated() {
                out.append(("Filter.\(index + 1).Value.\(valueIndex + 1)", value))
            }
        }
        return out
    }
}
