import Foundation

/// Calls of the REST-JSON protocol (EKS): GET a path, decode JSON.
extension AWSClient {
    func restGet<T: Decodable>(
        _ service: AWSService, operation: String, pathSegments: [String],
        query: [(String, String)] = [], as type: T.Type
    ) async throws -> T {
        let path = "/" + pathSegments.map { SigV4Signer.uriEncode($0, keepSlash: false) }.joined(separator: "/")
        let name = "\(service.rawValue):\(operation)"
        let response = try await send(AWSRequest(service: service, operation: name, method: "GET", path: path, query: query))
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw AWSCallError(
                operation: name, kind: .other, status: response.status, code: nil,
                message: "unexpected answer: \(error)")
        }
    }
}
