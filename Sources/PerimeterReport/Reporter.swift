/// Turns a scan report into text for people or tools.
public protocol Reporter {
    /// The whole output, without a trailing newline (the caller prints it as one line would be).
    func render(_ report: ScanReport) -> String
}

/// The formats `--format` accepts.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table
    case json
    case sarif
}

/// The reporter for a format; `color` only matters to the table.
public func makeReporter(_ format: OutputFormat, color: Bool) -> any Reporter {
    switch format {
    case .table: TableReporter(color: color)
    case .json: JSONReporter()
    case .sarif: SARIFReporter()
    }
}
