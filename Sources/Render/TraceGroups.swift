import Tracing

/// Named groups of trace nodes, each drawn as a dashed box (a Graphviz cluster): one box per time step of an
/// unrolled RNN turns a row of 150 look-alike records into steps a reader can count. Nodes in no group (shared
/// parameters, the loss) are drawn outside every box.
public struct TraceGroups: Sendable, Equatable {
    /// The boxes' captions, in order ("step 1", "第 1 步", …).
    public var names: [String]
    /// For each grouped node id, the index of its group in `names`.
    public var groupOf: [Int: Int]

    /// Groups with `names`; `groupOf` maps node ids to indices into `names`.
    public init(names: [String], groupOf: [Int: Int]) {
        precondition(groupOf.values.allSatisfy { names.indices.contains($0) }, "TraceGroups: group index out of range")
        (self.names, self.groupOf) = (names, groupOf)
    }
}

extension TraceLook {
    /// The node declarations of `drawOrder`, each made by `declaration`; with groups, the nodes of each group
    /// inside its cluster, ungrouped nodes first.
    func declarations(_ declaration: (Int) -> String) -> String {
        guard let groups else { return drawOrder.map(declaration).joined() }
        var members = [[Int]](repeating: [], count: groups.names.count)
        var text = ""
        for id in drawOrder {
            if let group = groups.groupOf[id] { members[group].append(id) } else { text += declaration(id) }
        }
        for (group, ids) in members.enumerated() where !ids.isEmpty {
            text += "  subgraph cluster_\(group) {\n"
                + "    label=\"\(Self.escape(groups.names[group]))\"; labeljust=l; style=\"rounded,dashed\"; "
                + "color=\"\(Self.soft)\"; fontcolor=\"\(Self.soft)\"; fontsize=12;\n"
                + ids.map(declaration).joined() + "  }\n"
        }
        return text
    }
}
