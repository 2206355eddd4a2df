/// One kubelet endpoint to probe: a host, a port, and whether it speaks plain HTTP (the read-only
/// port) or HTTPS (the authenticated port).
public struct ProbeTarget: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var useTLS: Bool

    public init(host: String, port: Int, useTLS: Bool) {
        self.host = host
        self.port = port
        self.useTLS = useTLS
    }

    /// `host:port`, with brackets around IPv6: what findings name as the resource.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    func url(_ path: String) -> String { "\(useTLS ? "https" : "http")://\(description)\(path)" }

    static let readOnlyPort = 10255

    /// Targets from one ADDRESS argument: `host` (every port of `ports`), `host:port`, `[v6]:port`,
    /// or `http://host:port` / `https://host:port` to say the protocol. Without a scheme, 10255 is
    /// plain HTTP and every other port HTTPS.
    public static func parse(_ address: String, ports: [Int]) -> Result<[ProbeTarget], ProbeError> {
        var text = address
        var scheme: Bool?
        if text.hasPrefix("http://") {
            scheme = false
            text.removeFirst("http://".count)
        } else if text.hasPrefix("https://") {
            scheme = true
            text.removeFirst("https://".count)
        }
        while text.hasSuffix("/") { text.removeLast() }
        var host = text
        var port: Int?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return .failure(.badAddress(address)) }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") {
                guard let number = Int(rest.dropFirst()) else { return .failure(.badAddress(address)) }
                port = number
            } else if !rest.isEmpty {
                return .failure(.badAddress(address))
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            guard let number = Int(text[text.index(after: colon)...]) else { return .failure(.badAddress(address)) }
            port = number
        }
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == " " || $0 == "@" }) else { return .failure(.badAddress(address)) }
        if let port, !(1...65535).contains(port) { return .failure(.badAddress(address)) }
        let chosen = port.map { [$0] } ?? ports
        return .success(chosen.map { ProbeTarget(host: host, port: $0, useTLS: scheme ?? ($0 != readOnlyPort)) })
    }
}

/// Usage problems with probe arguments.
public enum ProbeError: Error, Equatable, CustomStringConvertible {
    case badAddress(String)

    public var description: String {
        switch self {
        case .badAddress(let address): "'\(address)' is not an address: use HOST, HOST:PORT, [IPv6]:PORT or http(s)://HOST:PORT"
        }
    }
}
