/// Trimming without Foundation.
extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// Without leading and trailing line breaks and spaces.
    var trimmingNewlines: String {
        var s = Substring(self)
        while let c = s.last, c.isNewline || c == " " { s = s.dropLast() }  // "\r\n" is one Character
        while let c = s.first, c.isNewline || c == " " { s = s.dropFirst() }
        return String(s)
    }
}
