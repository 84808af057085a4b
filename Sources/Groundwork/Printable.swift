/// Text quoted from a file, made safe to print: a crafted checkpoint or IDX file must not write raw NUL bytes,
/// escape sequences or carriage returns to the user's terminal through an error message.
public enum Printable {
    /// `text` with every control character and other non-printable scalar written as `\u{…}` (`\0` for NUL,
    /// `\n`, `\r`, `\t` as themselves escaped), and at most `limit` characters followed by "…".
    public static func escape(_ text: String, limit: Int = 200) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { out += "…"; break }
            count += 1
            switch scalar {
            case "\0": out += "\\0"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let property = scalar.properties.generalCategory
                let invisible: Bool
                switch property {
                case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
                    invisible = true
                default: invisible = false
                }
                out += invisible ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }
        return out
    }
}
