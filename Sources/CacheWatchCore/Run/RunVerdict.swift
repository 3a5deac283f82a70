/// A run's verdict in words, as the status bar, the headless summary and the history say it.
public enum RunVerdict {
    /// "succeeded in 6.1 s", "failed with exit 101 after 3.2 s", "killed by signal 11 after 0.4 s",
    /// "stopped after 2.0 s", "failed to start".
    public static func text(_ outcome: RunOutcome, duration: Double) -> String {
        let time = Durations.format(duration)
        switch outcome {
        case .ended(_, stopped: true): return "stopped after \(time)"
        case .ended(.exited(0), _): return "succeeded in \(time)"
        case .ended(.exited(let code), _): return "failed with exit \(code) after \(time)"
        case .ended(.signaled(let signal), _): return "killed by signal \(signal) after \(time)"
        case .failedToStart: return "failed to start"
        }
    }

    /// The verdict of a kept run, with why it failed to start: "failed to start: docker not found".
    public static func text(_ record: RunRecord) -> String {
        if case .failedToStart(let why) = record.outcome { return "failed to start: \(why)" }
        return text(record.outcome, duration: record.duration)
    }

    /// The verdict's mark: ✔ for a success, `warning` (the status bar's bullet) for a stop, ✘ otherwise.
    public static func mark(_ outcome: RunOutcome, warning: String) -> String {
        switch role(outcome) {
        case .success: return "✔"
        case .warning: return warning
        default: return "✘"
        }
    }

    /// The verdict's role: success, a warning for a stop, a failure otherwise.
    public static func role(_ outcome: RunOutcome) -> StyleRole {
        switch outcome {
        case .ended(_, stopped: true): return .warning
        case .ended(.exited(0), _): return .success
        default: return .failure
        }
    }
}
