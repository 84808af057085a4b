import Foundation

/// Rewrites the command line so that words starting with one minus sign reach ArgumentParser as the user meant
/// them. ArgumentParser reads every `-word` as short options, so `trace "-x^2"` said "Missing expected argument"
/// and `explain --index -1` said "Missing value". dlexplain has no short options besides `-h`, so such a word is
/// always a value or a positional argument:
///
/// - right after an option that takes a value (`--index -1`, `--lr -0.5`), it is glued on: `--index=-1`, and the
///   option's own check then answers (a negative index gets the valid range, a negative rate its bounds);
/// - anywhere else it is a positional argument (`trace "-x^2"`, `trace -3`) and moves behind a `--` terminator
///   at the end, where ArgumentParser takes it literally.
///
/// Which options take a value comes from `Grammar`, read from the commands' own declarations, so a new option
/// is covered without a list to keep in step.
enum ArgumentSyntax {
    /// Names of one (sub)command's options: those that take a value, and its subcommands' grammars.
    struct Grammar: Sendable {
        /// Long and short names (without dashes) of options that take a value.
        var valued: Set<String> = []
        /// Subcommands by name.
        var subcommands: [String: Grammar] = [:]
    }

    /// Whether `word` must be rewritten: one leading `-`, something after it, and not the help flag `-h`; or two
    /// leading `-` followed by something no option name has (`--x^2`, `--(x)`; `--x` stays an option word).
    static func isDashWord(_ word: String) -> Bool {
        if word.hasPrefix("--") {
            let name = word.dropFirst(2)
            return !name.isEmpty && !name.contains("=")
                && name.contains { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
        return word.count > 1 && word.hasPrefix("-") && word != "-h"
    }

    /// `arguments` (without the program name) rewritten as described above; unchanged when no word needs it.
    static func normalize(_ arguments: [String], grammar: @autoclosure () -> Grammar) -> [String] {
        guard arguments.contains(where: isDashWord) else { return arguments }
        var current = grammar()
        var result: [String] = [], positionals: [String] = []
        var index = 0, inSubcommands = true
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                positionals += arguments[(index + 1)...]
                break
            }
            if inSubcommands, !word.hasPrefix("-"), let sub = current.subcommands[word] {
                current = sub
                result.append(word)
                index += 1
                continue
            }
            inSubcommands = false
            if word.hasPrefix("--"), !word.contains("="), current.valued.contains(String(word.dropFirst(2))),
               index + 1 < arguments.count, isDashWord(arguments[index + 1]) {
                result.append(word + "=" + arguments[index + 1])
                index += 2
                continue
            }
            if word.hasPrefix("--"), !word.contains("="), current.valued.contains(String(word.dropFirst(2))),
               index + 1 < arguments.count, arguments[index + 1] != "--" {
                // The option's value, whatever it looks like, stays with it — except the terminator: `trace -x
                // --set` becomes `trace --set -- -x`, and reading that `--` as the value would make the rewrite
                // differ on a second pass (found by FuzzCommandLine).
                result += [word, arguments[index + 1]]
                index += 2
                continue
            }
            if isDashWord(word) { positionals.append(word) } else { result.append(word) }
            index += 1
        }
        return positionals.isEmpty ? result : result + ["--"] + positionals
    }

    /// The grammar of a command tree, from ArgumentParser's description of it (`_dumpHelp()`, the JSON behind
    /// `--experimental-dump-help`). An unreadable description gives an empty grammar: nothing is rewritten.
    static func grammar(fromHelpJSON json: String) -> Grammar {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let command = object["command"] as? [String: Any] else { return Grammar() }
        return grammar(of: command)
    }

    private static func grammar(of command: [String: Any]) -> Grammar {
        var result = Grammar()
        for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                if let text = name["name"] as? String { result.valued.insert(text) }
            }
        }
        for sub in command["subcommands"] as? [[String: Any]] ?? [] {
            if let name = sub["commandName"] as? String { result.subcommands[name] = grammar(of: sub) }
        }
        return result
    }
}
