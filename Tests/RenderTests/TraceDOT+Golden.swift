/// Golden DOT text for the neuron o = tanh(x1·w1 + x2·w2 + b). Regenerate only after looking at the
/// rendered pictures: a change here is a change to every lesson's diagrams.
enum Golden {
    static let neuronGraph = #"""
        digraph trace {
          graph [rankdir=LR, fontname="DejaVu Sans", bgcolor="white", pad=0.3, nodesep=0.3, ranksep=0.45, ordering=in, labelloc=t, labeljust=l, label=<<table border="0" cellspacing="2" cellpadding="1"><tr><td align="left"><font point-size="15"><b>Computation graph: tanh(x1*w1 + x2*w2 + b)</b></font></td></tr><tr><td align="left"><font color="#6b7280">each box: name · data = its value · grad = ∂o/∂(that value)</font></td></tr><tr><td align="left"><table border="0" cellspacing="4" cellpadding="0"><tr><td>legend:</td><td bgcolor="#e6eef7" color="#374151" border="1" cellpadding="3">input</td><td bgcolor="#fcf0d2" color="#374151" border="1" cellpadding="3">parameter</td><td><table style="rounded" bgcolor="#ece8f5" color="#374151" border="1" cellborder="0" cellpadding="3" cellspacing="0"><tr><td>operation</td></tr></table></td><td bgcolor="white" color="#374151" border="1" cellpadding="3">result</td><td bgcolor="#e2f2e0" color="#2f7d32" border="1" cellpadding="3">output</td></tr></table></td></tr></table>>];
          node [fontname="DejaVu Sans", fontsize=11, color="#374151", fontcolor="#111827"];
          edge [fontname="DejaVu Sans", fontsize=11, color="#6b7280", arrowsize=0.7];
          v0 [label="x1 | data 2.0000 | <g> grad -1.5000", shape=record, style="filled", fillcolor="#e6eef7"];
          v1 [label="w1 | data -3.0000 | <g> grad 1.0000", shape=record, style="filled", fillcolor="#fcf0d2"];
          v2 [label="x2 | data 0.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="#e6eef7"];
          v3 [label="w2 | data 1.0000 | <g> grad 0.0000", shape=record, style="filled", fillcolor="#fcf0d2"];
          v4 [label="b | data 6.8814 | <g> grad 0.5000", shape=record, style="filled", fillcolor="#fcf0d2"];
          v5 [label="x1·w1 | data -6.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op5 [label="×", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v6 [label="x2·w2 | data 0.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op6 [label="×", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v7 [label="n1 | data -6.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op7 [label="+", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v8 [label="n | data 0.8814 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op8 [label="+", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v9 [label="o | data 0.7071 | <g> grad 1.0000", shape=record, style="filled", fillcolor="#e2f2e0", color="#2f7d32", penwidth=2.2];
          op9 [label="tanh", shape=ellipse, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v0 -> op5;
          v1 -> op5;
          op5 -> v5;
          v2 -> op6;
          v3 -> op6;
          op6 -> v6;
          v5 -> op7;
          v6 -> op7;
          op7 -> v7;
          v7 -> op8;
          v4 -> op8;
          op8 -> v8;
          v8 -> op9;
          op9 -> v9;
        }

        """#

    static let neuronBackprop = #"""
        digraph trace {
          graph [rankdir=LR, fontname="DejaVu Sans", bgcolor="white", pad=0.3, nodesep=0.3, ranksep=0.45, ordering=in, labelloc=t, labeljust=l, label=<<table border="0" cellspacing="2" cellpadding="1"><tr><td align="left"><font point-size="15"><b>Backprop flow: tanh(x1*w1 + x2*w2 + b)</b></font></td></tr><tr><td align="left"><font color="#6b7280">edge ①: upstream grad × local ∂ = contribution to the input's grad · red &gt; 0, blue &lt; 0, thicker = larger</font></td></tr></table>>];
          node [fontname="DejaVu Sans", fontsize=11, color="#374151", fontcolor="#111827"];
          edge [fontname="DejaVu Sans", fontsize=11, color="#6b7280", arrowsize=0.7];
          v0 [label="x1 | data 2.0000 | <g> grad -1.5000", shape=record, style="filled", fillcolor="#e6eef7"];
          v1 [label="w1 | data -3.0000 | <g> grad 1.0000", shape=record, style="filled", fillcolor="#fcf0d2"];
          v2 [label="x2 | data 0.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="#e6eef7"];
          v3 [label="w2 | data 1.0000 | <g> grad 0.0000", shape=record, style="filled", fillcolor="#fcf0d2"];
          v4 [label="b | data 6.8814 | <g> grad 0.5000", shape=record, style="filled", fillcolor="#fcf0d2"];
          v5 [label="x1·w1 | data -6.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op5 [label="×", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v6 [label="x2·w2 | data 0.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op6 [label="×", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v7 [label="n1 | data -6.0000 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op7 [label="+", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v8 [label="n | data 0.8814 | <g> grad 0.5000", shape=record, style="filled", fillcolor="white"];
          op8 [label="+", shape=ellipse, fontsize=14, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          v9 [label="o | data 0.7071 | <g> grad 1.0000", shape=record, style="filled", fillcolor="#e2f2e0", color="#2f7d32", penwidth=2.2];
          op9 [label="tanh", shape=ellipse, style=filled, margin="0.04,0.02", height=0.3, fillcolor="#ece8f5"];
          op5 -> v5:g:w [dir=back];
          v0:g:e -> op5 [dir=back, label="⑧ 0.5000 × -3.0000\n= -1.5000", color="#2166ac", fontcolor="#2166ac", penwidth=4.5];
          v1:g:e -> op5 [dir=back, label="⑨ 0.5000 × 2.0000\n= 1.0000", color="#c53e3d", fontcolor="#b2182b", penwidth=3.4];
          op6 -> v6:g:w [dir=back];
          v2:g:e -> op6 [dir=back, label="⑥ 0.5000 × 1.0000\n= 0.5000", color="#d86551", fontcolor="#b2182b", penwidth=2.3];
          v3:g:e -> op6 [dir=back, label="⑦ 0.5000 × 0.0000\n= 0.0000", color="#6b7280", fontcolor="#374151", penwidth=1.2];
          op7 -> v7:g:w [dir=back];
          v5:g:e -> op7 [dir=back, label="④ 0.5000 × 1.0000\n= 0.5000", color="#d86551", fontcolor="#b2182b", penwidth=2.3];
          v6:g:e -> op7 [dir=back, label="⑤ 0.5000 × 1.0000\n= 0.5000", color="#d86551", fontcolor="#b2182b", penwidth=2.3];
          op8 -> v8:g:w [dir=back];
          v7:g:e -> op8 [dir=back, label="② 0.5000 × 1.0000\n= 0.5000", color="#d86551", fontcolor="#b2182b", penwidth=2.3];
          v4:g:e -> op8 [dir=back, label="③ 0.5000 × 1.0000\n= 0.5000", color="#d86551", fontcolor="#b2182b", penwidth=2.3];
          op9 -> v9:g:w [dir=back];
          v8:g:e -> op9 [dir=back, label="① 1.0000 × 0.5000\n= 0.5000", color="#d86551", fontcolor="#b2182b", penwidth=2.3];
        }

        """#
}
