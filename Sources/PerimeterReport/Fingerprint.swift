/// FNV-1a, 64 bit: a small stable hash for SARIF's `partialFingerprints`, so code-scanning
/// services match a finding across runs. Not a security boundary, so no crypto dependency.
enum Fingerprint {
    private static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// 16 lowercase hex digits over the parts' UTF-8, each part ended by a 0x1F unit separator
    /// so that ("ab", "c") and ("a", "bc") differ.
    static func fnv1a(_ parts: [String]) -> String {
        var hash = offsetBasis
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= prime
            }
            hash ^= 0x1F
            hash &*= prime
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
