import Foundation
import PerimeterModel

/// Reads kubelet `/metrics` text (Prometheus exposition format), or `kubectl logs --prefix` output of
/// a DaemonSet that greps it, for `kubelet_http_requests_total{server_type="readonly"}`.
public enum KubeletMetricsReader {
    static let metric = "kubelet_http_requests_total"

    public static func looksLikeMetrics(_ text: String) -> Bool { text.contains(metric + "{") }

    /// One use per file when any read-only request was served; an unreadable count makes the use unknown.
    public static func read(_ text: String, file: String, resource: String) -> ReadOnlyPortUse? {
        // Counters repeat when a loop prints them; the last value of each series (by prefix and labels) counts.
        var lastValue: [String: (path: String, value: Double?)] = [:]
        var firstLine: Int?
        var unreadable: [String] = []
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard let start = line.range(of: metric + "{"), !line.drop(while: { $0 == " " }).hasPrefix("#") else { continue }
            guard let close = line[start.upperBound...].firstIndex(of: "}") else { continue }
            let labels = parseLabels(line[start.upperBound..<close])
            guard labels["server_type"] == "readonly" else { continue }
            firstLine = firstLine ?? number + 1
            let valueText = line[line.index(after: close)...].split(separator: " ").first.map(String.init) ?? ""
            let value = Double(valueText).flatMap { $0.isNaN ? nil : $0 }
            if value == nil { unreadable.append(valueText) }
            let series =
                String(line[..<start.lowerBound]) + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            lastValue[series] = (labels["path"] ?? "other", value)
        }
        guard let firstLine else { return nil }
        var byPath: [String: Double] = [:]
        for (_, entry) in lastValue { byPath[entry.path, default: 0] += entry.value ?? 0 }
        let total = byPath.values.reduce(0, +)
        let location = SourceLocation(file: file, line: firstLine)
        let provenance = Provenance(resource: resource, location: location, origin: .file)
        let paths = byPath.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let text = paths.map { "/\($0.key): \(Int($0.value))" }.joined(separator: ", ")
        if total > 0 {
            return ReadOnlyPortUse(
                key: resource, provenance: provenance, kind: .metrics, port: .known(10255),
                field: metric, text: text, requestsByPath: byPath.filter { $0.value > 0 })
        }
        if !unreadable.isEmpty {
            return ReadOnlyPortUse(
                key: resource, provenance: provenance, kind: .metrics,
                port: .unknown("read-only request counts are not numbers (\(unreadable.joined(separator: ", ")))"),
                field: metric, text: "")
        }
        return nil
    }

    /// `a="1",b="x\"y"` into a dictionary; escapes as Prometheus writes them.
    static func parseLabels(_ text: Substring) -> [String: String] {
        var labels: [String: String] = [:]
        var index = text.startIndex
        while index < text.endIndex {
            while index < text.endIndex, text[index] == "," || text[index] == " " { index = text.index(after: index) }
            guard let equals = text[index...].firstIndex(of: "=") else { break }
            let name = text[index..<equals].trimmingCharacters(in: .whitespaces)
            index = text.index(after: equals)
            guard index < text.endIndex, text[index] == "\"" else { break }
            index = text.index(after: index)
            var value = ""
            while index < text.endIndex, text[index] != "\"" {
                if text[index] == "\\", text.index(after: index) < text.endIndex {
                    index = text.index(after: index)
                    value.append(text[index] == "n" ? "\n" : text[index])
                } else {
                    value.append(text[index])
                }
                index = text.index(after: index)
            }
            labels[name] = value
            if index < text.endIndex { index = text.index(after: index) }
        }
        return labels
    }
}
