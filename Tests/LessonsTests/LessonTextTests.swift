import Testing
@testable import Lessons
import Render

@Suite struct LessonTextTests {
    let text = LessonText(file: "t.en.md", markdown: """
        # Title
        <!-- section: first -->
        a = {{a}}, b = {{ b }}
        <!-- section: second -->
        no numbers
        """)

    @Test func sectionsSplitAndPlaceholdersFill() throws {
        #expect(text.order == ["intro", "first", "second"])
        #expect(text.placeholders(in: "first") == ["a", "b"])
        #expect(try text.render(section: "first", values: ["a": "1.5", "b": "-2"]) == "a = 1.5, b = -2")
    }

    @Test func anUnfilledPlaceholderIsAnErrorNotABlank() {
        #expect(throws: LessonTextError.unfilled(file: "t.en.md", placeholder: "b")) {
            try text.render(section: "first", values: ["a": "1"])
        }
        #expect(throws: LessonTextError.missingSection(file: "t.en.md", section: "third")) {
            try text.render(section: "third", values: [:])
        }
    }

    @Test func everyLessonHasBothLanguagesWithTheSameSectionsAndPlaceholders() throws {
        for lesson in LessonCatalog.all {
            let en = try LessonText(lesson: lesson.name, language: .en)
            let zh = try LessonText(lesson: lesson.name, language: .zh)
            #expect(en.order == zh.order, "\(lesson.name): sections differ between en and zh")
            for section in en.order {
                #expect(Set(en.placeholders(in: section)) == Set(zh.placeholders(in: section)),
                        "\(lesson.name)/\(section): placeholders differ between en and zh")
            }
            #expect(lesson.summary[.en] != nil && lesson.summary[.zh] != nil)
        }
    }

    @Test func unknownLessonSuggestsTheNearestName() {
        #expect {
            try LessonCatalog.lesson(named: "backprp")
        } throws: { error in
            "\(error)".contains("Did you mean 'backprop'")
        }
    }

    @Test func markdownWrapsCJKByDisplayWidth() {
        let long = String(repeating: "反向传播计算梯度。", count: 20)
        let lines = MarkdownTerminal(width: 40).render(long).split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 40 })
    }
}

@Suite struct MarkdownTerminalTests {
    @Test func chineseLinesNeverStartWithClosingPunctuation() {
        let text = String(repeating: "梯度", count: 19) + "，" + String(repeating: "损失", count: 30) + "。"
        let lines = MarkdownTerminal(width: 40).render(text).split(separator: "\n").map(String.init)
        #expect(lines.count > 1)
        for line in lines.dropFirst() { #expect(!MarkdownTerminal.closingPunctuation.contains(String(line.prefix(1)))) }
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
    }

    @Test func onlyShortNumbersFollowedByAPeriodStartAList() {
        let rendered = MarkdownTerminal(width: 30).render("lower by\n0.5515, as promised. And more text here.")
        #expect(rendered.hasPrefix("lower by 0.5515"))
        #expect(MarkdownTerminal(width: 80).render("1. first\n2. second") == "1. first\n2. second")
    }
}

@Suite struct EmphasisTests {
    @Test func singleStarsEmphasiseWordsButNotArithmetic() {
        #expect(MarkdownTerminal.doubledEmphasis("（也叫*滤波器*）") == "（也叫**滤波器**）")
        #expect(MarkdownTerminal.doubledEmphasis("times *its input*.") == "times **its input**.")
        #expect(MarkdownTerminal.doubledEmphasis("f = a*b + c*d") == "f = a*b + c*d")
        #expect(MarkdownTerminal.doubledEmphasis("2 * 3 * 4") == "2 * 3 * 4")
        #expect(MarkdownTerminal.doubledEmphasis("`x *y* z`") == "`x *y* z`")
    }
}

@Suite struct KinsokuTests {
    @Test func punctuationAfterALatinWordTakesTheWordAlong() {
        let text = String(repeating: "中", count: 33) + "RMSProp、Adam。"
        let lines = MarkdownTerminal(width: 70).render(text).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("RMSProp、"))
    }
}
