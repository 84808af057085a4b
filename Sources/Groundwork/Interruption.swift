import Foundation
import Synchronization

/// SIGINT and SIGTERM turned into a flag that long loops check between steps, so a run stops at a point where
/// its files are consistent, says where it stopped, and exits with the shell's code for the signal (130, 143).
///
/// Only the command-line front end installs the handlers; a library never does. The handler only stores the
/// signal number (async-signal-safe); everything else happens in the loop that sees it.
public enum Interruption {
    private static let pending = Atomic<Int32>(0)

    /// Catches SIGINT and SIGTERM from now on (a second signal of the same kind still ends the process at once).
    public static func install() {
        // A parent may start us with the signals blocked (a test harness's thread, some launchers); a blocked
        // SIGTERM would never reach the handler, so unblock both for this thread, which runs the training loop.
        var both = sigset_t()
        sigemptyset(&both)
        sigaddset(&both, SIGINT)
        sigaddset(&both, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &both, nil)
        for number in [SIGINT, SIGTERM] {
            signal(number) { received in
                if Interruption.pending.load(ordering: .relaxed) != 0 { signal(received, SIG_DFL); raise(received) }
                Interruption.pending.store(received, ordering: .relaxed)
            }
        }
    }

    /// Restores the default handlers; a signal that arrived meanwhile is returned (and stays pending).
    @discardableResult
    public static func uninstall() -> Int32? {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        return requested
    }

    /// The signal received since `install`, if any.
    public static var requested: Int32? {
        let value = pending.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// The exit status a shell reports for a process ended by `signal` (128 + its number).
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// "SIGINT", "SIGTERM" or "signal N".
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }
}
