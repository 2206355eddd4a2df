#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether the table gets ANSI colors.
public enum Terminal {
    /// Color only on a terminal that can show it, and never when the user opted out:
    /// `NO_COLOR` set to anything non-empty (no-color.org) or `TERM=dumb` turn it off;
    /// `FORCE_COLOR` set to anything but empty or `0` turns it on without a terminal (CI logs).
    public static func wantsColor(stdoutIsTTY: Bool, environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
        if environment["TERM"] == "dumb" { return false }
        return stdoutIsTTY
    }

    /// Whether standard output is a terminal.
    public static var stdoutIsTTY: Bool {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
            isatty(STDOUT_FILENO) != 0
        #else
            false
        #endif
    }
}
