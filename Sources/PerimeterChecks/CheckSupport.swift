import PerimeterModel

/// Shared wording for findings, so every check describes rules and objects the same way.
enum Describe {
    /// `ingress tcp 10250 from 0.0.0.0/0`
    static func rule(_ rule: SecurityGroupRule, endpoint: RuleEndpoint? = nil) -> String {
        let proto = rule.ipProtocol.value.map(\.description) ?? "?"
        let ports: String
        if case .known(.all) = rule.ipProtocol {
            ports = "all ports"
        } else {
            ports = rule.ports.value.map(\.description) ?? "?"
        }
        let direction = rule.direction == .ingress ? "from" : "to"
        let peer = endpoint.map(Self.endpoint) ?? rule.endpoints.map(Self.endpoint).joined(separator: ", ")
        return "\(rule.direction.rawValue) \(proto) \(ports) \(direction) \(peer)"
    }

    static func endpoint(_ endpoint: RuleEndpoint) -> String {
        switch endpoint {
        case .cidr(let cidr): cidr
        case .securityGroup(let ref): "security group '\(ref)'"
        case .selfGroup: "itself (self)"
        case .prefixList(let ref): "prefix list '\(ref)'"
        case .unknown(let reason): "an unknown source (\(reason))"
        }
    }

    static func location(_ location: SourceLocation?) -> String {
        location.map { "\($0.file):\($0.line)" } ?? "no file location"
    }

    static func name<T>(_ name: Resolved<T>?, fallback: String) -> String {
        if case .known(let value)? = name { return "\(value)" }
        return fallback
    }
}
