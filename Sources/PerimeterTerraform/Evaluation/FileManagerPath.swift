import Foundation

enum FileManagerPath {
    static var current: String { FileManager.default.currentDirectoryPath }
}
