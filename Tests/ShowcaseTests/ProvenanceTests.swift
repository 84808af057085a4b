import Testing
@testable import Showcase

@Suite struct ProvenanceTests {
    @Test func plainArgumentsStayAndOthersAreQuotedForAShell() {
        #expect(Provenance.shellQuoted("--set") == "--set")
        #expect(Provenance.shellQuoted("x1=2") == "x1=2")
        #expect(Provenance.shellQuoted("tanh(x)") == "'tanh(x)'")
        #expect(Provenance.shellQuoted("it's") == "'it'\\''s'")
        #expect(Provenance.shellQuoted("") == "''")
        #expect(Provenance.commandLine(["trace", "a*b", "--set", "a=1"]) == "dlexplain trace 'a*b' --set a=1")
    }
}
