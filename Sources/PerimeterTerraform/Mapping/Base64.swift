extension Base64 {
    /// The decoded text, or nil when `text` is not base64 of valid UTF-8 (then it is plain text already);
    /// for user data that configurations encode with `base64encode`.
    static func decodeText(_ text: String) -> String? {
        let compact = String(text.unicodeScalars.filter { $0 != " " && $0 != "\t" })
        guard let bytes = decode(compact), !bytes.isEmpty else { return nil }
        var decoded = ""
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): decoded.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return decoded
    }
}
