import Foundation

/// The module registry protocol: service discovery, the version list, and the download location.
struct RegistryClient: Sendable {
    var http: HTTPClient
    var environment: [String: String]

    /// `https://host`, or plain `http://` for a loopback registry (tests and local mirrors).
    static func origin(of host: String) -> String {
        let name = host.split(separator: ":").first.map(String.init) ?? host
        let loopback = name == "localhost" || name == "127.0.0.1" || name.hasPrefix("127.")
        return (loopback ? "http://" : "https://") + host
    }

    /// `modules.v1` of `/.well-known/terraform.json`, as an absolute URL ending in `/`.
    func modulesBase(host: String) throws(ModuleFetchError) -> URL {
        let discovery = URL(string: Self.origin(of: host) + "/.well-known/terraform.json")!
        let response = try ok(try client(for: host).get(discovery))
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw .badResponse(url: discovery.absoluteString, reason: "service discovery is not a JSON object")
        }
        guard let value = object["modules.v1"] as? String,
            var base = URL(string: value.hasSuffix("/") ? value : value + "/", relativeTo: discovery)?.absoluteURL
        else {
            throw .badResponse(url: discovery.absoluteString, reason: "'\(host)' offers no 'modules.v1' service")
        }
        if base.scheme != "https" && base.scheme != "http" { base = discovery }
        return base
    }

    func versions(_ address: RegistryAddress, base: URL) throws(ModuleFetchError) -> [String] {
        let url = base.appendingPathComponent("\(address.namespace)/\(address.name)/\(address.provider)/versions")
        let response = try ok(try client(for: address.host).get(url))
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let modules = object["modules"] as? [[String: Any]]
        else {
            throw .badResponse(url: url.absoluteString, reason: "the version list has no 'modules'")
        }
        return modules.flatMap { ($0["versions"] as? [[String: Any]]) ?? [] }.compactMap { $0["version"] as? String }
    }

    /// Where one version lives: `X-Terraform-Get` of a 204 (or a 200 with `location`), resolved against the
    /// download URL when relative.
    func location(_ address: RegistryAddress, version: String, base: URL) throws(ModuleFetchError) -> String {
        let url = base.appendingPathComponent("\(address.namespace)/\(address.name)/\(address.provider)/\(version)/download")
        let response = try ok(try client(for: address.host).get(url))
        var location = response.headers["x-terraform-get"]
        if location == nil, let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            location = object["location"] as? String
        }
        guard let location, !location.isEmpty else {
            throw .badResponse(url: url.absoluteString, reason: "the download answer has no 'X-Terraform-Get' header")
        }
        if location.hasPrefix("/") || location.hasPrefix("./") || location.hasPrefix("../") {
            guard let resolved = URL(string: location, relativeTo: response.url)?.absoluteString else {
                throw .badResponse(url: url.absoluteString, reason: "'X-Terraform-Get: \(location)' is not a URL")
            }
            return resolved
        }
        return location
    }

    private func ok(_ response: HTTPResponse) throws(ModuleFetchError) -> HTTPResponse {
        guard (200...299).contains(response.status) else { throw .http(url: response.url.absoluteString, status: response.status) }
        return response
    }

    /// A private registry's token, as Terraform reads it: `TF_TOKEN_app_example_com` for `app.example.com`.
    private func client(for host: String) -> HTTPClient {
        let name = "TF_TOKEN_" + host.replacingOccurrences(of: "-", with: "__").replacingOccurrences(of: ".", with: "_")
        guard let token = environment[name], !token.isEmpty else { return http }
        var client = http
        client.headers["Authorization"] = "Bearer " + token
        return client
    }
}
