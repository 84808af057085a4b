import Render

extension Table {
    /// The table indented by four spaces, so a lesson's Markdown keeps it exactly as laid out (aligned
    /// columns) instead of wrapping it as a paragraph.
    func renderedBlock() -> String {
        render().split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
