/// The named classes of RE2's syntax: Perl's `\d \s \w`, POSIX's `[:alpha:]` (both ASCII-only,
/// as in Go), and Unicode's general categories and scripts for `\p{...}`.
enum RE2UnicodeClasses {
    static let perl: [Character: RE2CharSet] = [
        "d": RE2CharSet(ranges: [0x30...0x39]),
        "s": RE2CharSet(ranges: [0x09...0x0A, 0x0C...0x0D, 0x20...0x20]),
        "w": RE2CharSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    ]

    static let posix: [String: RE2CharSet] = [
        "alnum": RE2CharSet(ranges: [0x30...0x39, 0x41...0x5A, 0x61...0x7A]),
        "alpha": RE2CharSet(ranges: [0x41...0x5A, 0x61...0x7A]),
        "ascii": RE2CharSet(ranges: [0x00...0x7F]),
        "blank": RE2CharSet(ranges: [0x09...0x09, 0x20...0x20]),
        "cntrl": RE2CharSet(ranges: [0x00...0x1F, 0x7F...0x7F]),
        "digit": RE2CharSet(ranges: [0x30...0x39]),
        "graph": RE2CharSet(ranges: [0x21...0x7E]),
        "lower": RE2CharSet(ranges: [0x61...0x7A]),
        "print": RE2CharSet(ranges: [0x20...0x7E]),
        "punct": RE2CharSet(ranges: [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E]),
        "space": RE2CharSet(ranges: [0x09...0x0D, 0x20...0x20]),
        "upper": RE2CharSet(ranges: [0x41...0x5A]),
        "word": RE2CharSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]),
        "xdigit": RE2CharSet(ranges: [0x30...0x39, 0x41...0x46, 0x61...0x66])
    ]

    /// ASCII word characters, for `\b` and `\B`.
    static func isWordScalar(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x5F
    }

    /// A class named in `\p{name}`: `Any`, a general category (`L`, `Lu`, `N`, `Nd`, ...) or a script.
    static func unicode(_ name: String) -> RE2CharSet? {
        if name == "Any" { return RE2CharSet(ranges: [0...RE2CharSet.maximumScalar]) }
        if let category = categories[name] { return category }
        return RE2Scripts.script(name)
    }

    private static let categoryCodes: [Unicode.GeneralCategory: String] = [
        .uppercaseLetter: "Lu", .lowercaseLetter: "Ll", .titlecaseLetter: "Lt", .modifierLetter: "Lm",
        .otherLetter: "Lo", .nonspacingMark: "Mn", .spacingMark: "Mc", .enclosingMark: "Me",
        .decimalNumber: "Nd", .letterNumber: "Nl", .otherNumber: "No", .connectorPunctuation: "Pc",
        .dashPunctuation: "Pd", .openPunctuation: "Ps", .closePunctuation: "Pe", .initialPunctuation: "Pi",
        .finalPunctuation: "Pf", .otherPunctuation: "Po", .mathSymbol: "Sm", .currencySymbol: "Sc",
        .modifierSymbol: "Sk", .otherSymbol: "So", .spaceSeparator: "Zs", .lineSeparator: "Zl",
        .paragraphSeparator: "Zp", .control: "Cc", .format: "Cf", .surrogate: "Cs", .privateUse: "Co"
    ]

    /// Every general category and its one-letter group, from one pass over the code points
    /// (planes 4 to 13 hold no assigned code points). Go's `C` has no unassigned code points.
    private static let categories: [String: RE2CharSet] = {
        var ranges: [String: [ClosedRange<UInt32>]] = [:]
        var currentCode: String?
        var start: UInt32 = 0
        func close(at end: UInt32) {
            if let code = currentCode { ranges[code, default: []].append(start...end) }
        }
        for plane in [0x0...0x3FFFF, 0xE0000...0x10FFFF] as [ClosedRange<UInt32>] {
            for value in plane {
                let code: String?
                if let scalar = Unicode.Scalar(value) {
                    code = categoryCodes[scalar.properties.generalCategory]
                } else {
                    code = (0xD800...0xDFFF).contains(value) ? "Cs" : nil
                }
                if code != currentCode {
                    if value > 0 { close(at: value - 1) }
                    currentCode = code
                    start = value
                }
            }
            close(at: plane.upperBound)
            currentCode = nil
        }
        var sets: [String: RE2CharSet] = [:]
        for (code, list) in ranges {
            sets[code] = RE2CharSet(ranges: list)
            let group = String(code.prefix(1))
            sets[group] = (sets[group] ?? RE2CharSet()).union(sets[code]!)
        }
        return sets
    }()
}
