import Render

extension Table {
    /// The table indented by four spaces, so a lesson's Markdown keeps it exactly as laid out.
    func renderedBlock() -> String { indented(render()) }
}
