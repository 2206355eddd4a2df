import Foundation
import PerimeterModel

/// Where text stops being UTF-8, as a 1-based line and column (columns count characters before the bad byte, plus one).
enum UTF8Position {
    static func firstInvalid(in data: Data, file: String) -> SourceLocation? {
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
