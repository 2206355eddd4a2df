/// A file a directory scan found but did not read as an input, and why. Every one is listed, so
/// "0 findings" never hides a file that was never looked at.
public struct SkippedInput: Codable, Hashable, Sendable {
    public enum Reason: String, Codable, Hashable, Sendable, CaseIterable {
        case fifo
        case socket
        case device
        case symlinkOutsideTree
        case symlinkLoop
        /// A second path (a symlink) to a file or directory already scanned.
        case alreadyScanned
        case brokenSymlink
        case unreadable
        case tooLarge
        case binary
        case notUTF8
        case helmTemplate
        /// `.tpl`, `.j2`, `.tmpl`, `.gotmpl`: text that becomes an input only once rendered.
        case template
        case shellScript
        case kustomization
        /// Text that is none of the inputs perimeter reads.
        case notAnInput
    }

    public var path: String
    public var reason: Reason
    /// More about this one file (the error the file system gave), when there is more to say.
    public var detail: String?

    public init(path: String, reason: Reason, detail: String? = nil) {
        self.path = path
        self.reason = reason
        self.detail = detail
    }
}

extension SkippedInput.Reason {
    /// `Helm template (render with helm template first)`.
    public var singular: String { String(label(count: 1).dropFirst(2)) }

    /// `2 Helm templates (render with helm template first)`.
    public func label(count: Int) -> String {
        let (one, many, hint): (String, String, String?) =
            switch self {
            case .fifo: ("FIFO", "FIFOs", nil)
            case .socket: ("socket", "sockets", nil)
            case .device: ("device file", "device files", nil)
            case .symlinkOutsideTree: ("symlink out of the scanned tree", "symlinks out of the scanned tree", nil)
            case .symlinkLoop: ("symlink loop", "symlink loops", nil)
            case .alreadyScanned: ("second path to a file already scanned", "second paths to files already scanned", nil)
            case .brokenSymlink: ("broken symlink", "broken symlinks", nil)
            case .unreadable: ("unreadable file", "unreadable files", nil)
            case .tooLarge: ("file too large", "files too large", nil)
            case .binary: ("binary file", "binary files", nil)
            case .notUTF8: ("file not in UTF-8", "files not in UTF-8", nil)
            case .helmTemplate: ("Helm template", "Helm templates", "render with helm template first")
            case .template: ("template", "templates", "render it first")
            case .shellScript: ("shell script", "shell scripts", nil)
            case .kustomization: ("kustomization", "kustomizations", "render with kustomize build first")
            case .notAnInput: ("other file", "other files", nil)
            }
        return "\(count) \(count == 1 ? one : many)" + (hint.map { " (\($0))" } ?? "")
    }
}

extension Array where Element == SkippedInput {
    /// `3 files skipped: 2 Helm templates (render with helm template first), 1 FIFO`; nil when nothing was skipped.
    public var groupedSummary: String? {
        guard !isEmpty else { return nil }
        var counts: [SkippedInput.Reason: Int] = [:]
        for skipped in self { counts[skipped.reason, default: 0] += 1 }
        let groups = SkippedInput.Reason.allCases.compactMap { reason in counts[reason].map { reason.label(count: $0) } }
        return "\(count) file\(count == 1 ? "" : "s") skipped: " + groups.joined(separator: ", ")
    }
}
