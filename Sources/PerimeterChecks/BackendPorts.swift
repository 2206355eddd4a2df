import PerimeterModel

/// The pod ports behind an APIService or webhook: its Service's port, followed to the target port,
/// a named port looked up in the pods the Service selects. nil when the inputs do not say.
enum BackendPorts {
    static func ports(of backend: KubeAPIBackend, in objects: KubernetesObjects) -> Set<Int>? {
        guard
            let service = objects.services.first(where: {
                $0.meta.namespace == backend.serviceNamespace && $0.meta.name == backend.serviceName
            }), let port = service.ports.first(where: { $0.port == backend.servicePort })
        else { return nil }
        guard let target = port.targetPort else { return [port.port] }
        if let number = Int(target) { return [number] }
        let selected = objects.workloads.filter { workload in
            workload.meta.namespace == service.meta.namespace && !service.selector.isEmpty
                && service.selector.allSatisfy { workload.podLabels?[$0.key] == $0.value }
        }
        let numbers = Set(selected.compactMap { $0.namedPorts?[target] })
        return numbers.isEmpty ? nil : numbers
    }
}
