/// Golden DOT text of the architecture diagrams of `ArchitectureDOTTests.diagram`. Regenerate only after looking
/// at the rendered pictures (`dlexplain graph`).
enum ArchitectureGolden {
    static let graph = #"""
        digraph architecture {
          graph [rankdir=TB, fontname="DejaVu Sans", bgcolor="white", pad=0.3, nodesep=0.3, ranksep=0.32, labelloc=t, labeljust=l, label=<<table border="0" cellspacing="2" cellpadding="1"><tr><td align="left"><font point-size="15"><b>Architecture tiny: 1,120 trainable parameters</b></font></td></tr><tr><td align="left"><font color="#6b7280">each box: layer · what it computes · output shape (one example) · parameters; edges: the tensor passed on</font></td></tr></table>>];
          node [shape=record, style=filled, fontname="DejaVu Sans", fontsize=11, color="#374151", fontcolor="#111827"];
          edge [fontname="DejaVu Sans", fontsize=10, color="#6b7280", fontcolor="#6b7280", arrowsize=0.7];
          n0 [label="input | 1×8×8", fillcolor="#e6eef7"];
          n1 [label="conv1 | Conv2d 1→3 3×3 | 3×6×6 | 30 params", fillcolor="#fcf0d2"];
          n2 [label="relu1 | ReLU | 3×6×6 | no params", fillcolor="#ece8f5"];
          n3 [label="flatten | Flatten | 108 | no params", fillcolor="#ece8f5"];
          n4 [label="fc | Linear 108→10 | 10 | 1,090 params", fillcolor="#fcf0d2"];
          n0 -> n1 [label="  1×8×8"];
          n1 -> n2 [label="  3×6×6"];
          n2 -> n3 [label="  3×6×6"];
          n3 -> n4 [label="  108"];
        }

        """#

    static let backprop = #"""
        digraph architecture {
          graph [rankdir=TB, fontname="DejaVu Sans", bgcolor="white", pad=0.3, nodesep=0.3, ranksep=0.32, labelloc=t, labeljust=l, label=<<table border="0" cellspacing="2" cellpadding="1"><tr><td align="left"><font point-size="15"><b>Backprop flow, tiny: gradient norms of one batch of 4 (loss 2.3026)</b></font></td></tr><tr><td align="left"><font color="#6b7280">edge: ‖grad‖ = ‖∂L/∂tensor‖ flowing back; width and colour on a log scale over 4 decades below the largest · box: ‖∂L/∂W‖ of the layer's parameters</font></td></tr></table>>];
          node [shape=record, style=filled, fontname="DejaVu Sans", fontsize=11, color="#374151", fontcolor="#111827"];
          edge [fontname="DejaVu Sans", fontsize=10, color="#6b7280", fontcolor="#6b7280", arrowsize=0.7];
          n0 [label="input | 1×8×8", fillcolor="#e6eef7"];
          n1 [label="conv1 | Conv2d 1→3 3×3 | 3×6×6 | 30 params | ‖∂L/∂W‖ 3.00e-01", fillcolor="#fcf0d2"];
          n2 [label="relu1 | ReLU | 3×6×6 | no params", fillcolor="#ece8f5"];
          n3 [label="flatten | Flatten | 108 | no params", fillcolor="#ece8f5"];
          n4 [label="fc | Linear 108→10 | 10 | 1,090 params | ‖∂L/∂W‖ 1.25e+00", fillcolor="#fcf0d2"];
          n0 -> n1 [dir=back, color="#fde2d2", penwidth=1, fontcolor="#cf5246", label="  1×8×8\n  ‖grad‖ 1.00e-05"];
          n1 -> n2 [dir=back, color="#da6853", penwidth=4.25, fontcolor="#cf5246", label="  3×6×6\n  ‖grad‖ 2.00e-02"];
          n2 -> n3 [dir=back, color="#e17960", penwidth=3.88, fontcolor="#cf5246", label="  3×6×6\n  ‖grad‖ 1.00e-02"];
          n3 -> n4 [dir=back, color="#b2182b", penwidth=6, fontcolor="#cf5246", label="  108\n  ‖grad‖ 5.00e-01"];
        }

        """#
}
