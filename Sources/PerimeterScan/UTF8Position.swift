import Foundation
import PerimeterModel

/// Where text stops being UTF-8, as a 1-based line and column (columns count characters before the bad byte, plus one).
enum UTF8Position {
    static func firstInvalid(in data: Data, file: String) -> SourceLocation? {
        // The standard library validates in bulk; walking scalar by scalar is only for finding the place.
        let valid = data.withUnsafeBytes { String(validating: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) != nil }
        if valid { return nil }
        var line = 1
        var column = 1
        var decoder = UTF8()
        var iterator = data.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return SourceLocation(file: file, line: line, column: column)
            }
        }
    }
}

extension Data {
    /// Whether a NUL byte occurs, with memchr rather than byte-by-byte iteration (plans are hundreds of MB).
    var containsNUL: Bool {
        withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
    }
}
