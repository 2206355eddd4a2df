/// The plan oracle's cases, by theme.
enum OracleCorpus {
    static let cases: [OracleCase] = expressions + conditionals + templates + collections + functions + expansion + modules
}
