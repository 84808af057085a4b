import Foundation
import Render

extension LessonReport {
    /// The closing part of a lesson in the terminal: the self-check table right after the lesson's self-check
    /// prose, then the files written (each path shown as the lesson's text shows paths, `LessonFiles.display`).
    public func render(language: Language, style: Style, relativeTo base: String? = nil) -> String {
        let zh = language == .zh
        var out: [String] = []
        out.append(style.heading(zh ? "自我检查：课程给出的数 vs 独立计算" : "Self-check: each number shown vs an independent computation"))
        let rows = checks.map { check -> [String] in
            [check.name, fmt(check.shown, digits: 6), fmt(check.expected, digits: 6),
             String(format: "%.1e", abs(check.shown - check.expected)),
             style.mark(check.passed)]
        }
        let header = zh ? ["量", "课程给出", "独立计算", "|差|", "通过"]
                        : ["quantity", "shown", "independent", "|diff|", "ok"]
        out.append(Table(header: header, rows: rows, alignments: [.left, .right, .right, .right, .left]).render())
        let failed = checks.filter { !$0.passed }.count
        if passed {
            out.append(style.green(zh ? "全部 \(checks.count) 项检查通过。" : "All \(checks.count) checks passed."))
        } else {
            out.append(style.red(zh ? "\(failed) 项检查未通过（共 \(checks.count) 项）。"
                                    : "\(failed) of \(checks.count) checks failed."))
        }
        out.append("")
        out.append(style.heading(zh ? "写出的文件" : "Files written"))
        for file in files {
            out.append("  " + (base.map { Self.display(file, relativeTo: $0) } ?? LessonFiles.display(file)))
        }
        return out.joined(separator: "\n")
    }

    /// `path` relative to `base` when inside it (shorter lines), else unchanged.
    static func display(_ path: String, relativeTo base: String?) -> String {
        guard let base, path.hasPrefix(base + "/") else { return path }
        return String(path.dropFirst(base.count + 1))
    }
}
