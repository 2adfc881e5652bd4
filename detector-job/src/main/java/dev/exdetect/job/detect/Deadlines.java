package dev.exdetect.job.detect;

import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.job.model.AlertActivity;
import dev.exdetect.job.model.CloseReason;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.response.Decision;
import dev.exdetect.rules.response.ResponsePlanner;
import java.time.Duration;

/**
 * What happens to a client as event time passes without a request: its command lapses at its {@code
 * expires_at} or steps down after a cool-down, its alert episode closes after the cool-down (never
 * while a command is in force), and after the idle TTL its state is dropped (lifting a command
 * still in force and closing an open episode first). Each deadline takes effect at its own event
 * time, whatever time the caller has reached, so live and replay agree.
 *
 * <p>Also keeps the timers that wake the function for these deadlines: one for the next deadline
 * and one for the idle cleanup, not one per request.
 */
final class Deadlines {
    /** What {@link #runDue} did. */
    enum Outcome {
        /** Nothing was due: the state is unchanged. */
        NONE_DUE,
        /** Deadlines ran: the caller keeps the changed state. */
        RAN,
        /** The client was idle for the TTL: the caller drops its state. */
        CLIENT_DROPPED
    }

    private final long idleTtlMillis;
    private final FeatureEngine engine;
    private final ClientMessages messages;

    Deadlines(Duration idleTtl, FeatureEngine engine, ClientMessages messages) {
        this.idleTtlMillis = idleTtl.toMillis();
        this.engine = engine;
        this.messages = messages;
    }

    /** Runs the client's deadlines that fall at or before {@code t}, earliest first. */
    Outcome runDue(ClientState s, long t, RuleSettings settings, ClientOutbox out) {
        Outcome outcome = Outcome.NONE_DUE;
        while (true) {
            long command = ResponsePlanner.nextDeadline(s.enforcement, settings.response());
            long close = closesAt(s, settings);
            long idle = idleAt(s);
            long next = Math.min(command, Math.min(close, idle));
            if (next > t) {
                return outcome;
            }
            outcome = Outcome.RAN;
            if (next == command) {
                commandDeadline(s, next, settings, out);
            } else if (next == close) {
                closeEpisode(s, next, out);
            } else {
                dropIdle(s, idle, out);
                return Outcome.CLIENT_DROPPED;
            }
        }
    }

    /** Makes sure a timer wakes the function for the client's next deadline and idle cleanup. */
    void scheduleWakeUps(ClientState s, long now, RuleSettings settings, ClientOutbox out) {
        long next =
                Math.min(
                        ResponsePlanner.nextDeadline(s.enforcement, settings.response()),
                        closesAt(s, settings));
        // One deadline timer at a time. While rules keep firing the cool-down moves later with
        // every request; a timer per request would pile up thousands for a busy client. A
        // deadline that moved later keeps the earlier timer, which finds nothing due and re-arms.
        if (next != Long.MAX_VALUE
                && next > now
                && (s.wakeUpTimer <= now || next < s.wakeUpTimer)) {
            s.wakeUpTimer = next;
            out.wakeAt(next);
        }
        if (s.cleanupTimer <= now) {
            armCleanup(s, s.features.lastSeenMillis, out);
        }
    }

    /** Sets the idle-cleanup timer of a client last seen at {@code lastSeen}. */
    void armCleanup(ClientState s, long lastSeen, ClientOutbox out) {
        s.cleanupTimer = lastSeen + idleTtlMillis;
        out.wakeAt(s.cleanupTimer);
    }

    /** The command lapses or steps down at {@code t}; the alert follows the action. */
    private void commandDeadline(ClientState s, long t, RuleSettings settings, ClientOutbox out) {
        Decision d =
                ResponsePlanner.onDeadline(s.enforcement, settings.response(), t).orElseThrow();
        AlertActivity activity = s.episode.onActionChange(s.actionInForce(t), t);
        if (activity != null) {
            messages.sendAlert(s, activity, nothingFired(s, t), out);
        }
        messages.sendCommand(s, d, s.lastRequest().requestId(), 0, out);
    }

    /** The risk fell for the cool-down: the episode closes at {@code t} and goes to the history. */
    private void closeEpisode(ClientState s, long t, ClientOutbox out) {
        AlertEpisode episode = s.episode;
        messages.sendAlert(s, episode.close(t, CloseReason.RISK_FELL), nothingFired(s, t), out);
        s.ensureHistory()
                .episodeClosed(
                        episode.alertId, episode.openedAt, t, episode.severity, episode.ruleIds);
        episode.reset();
    }

    /** Idle since the TTL at {@code t}: lifts what is in force and closes the open episode. */
    private void dropIdle(ClientState s, long t, ClientOutbox out) {
        ResponsePlanner.liftIfActive(s.enforcement, t)
                .ifPresent(d -> messages.sendCommand(s, d, s.lastRequest().requestId(), 0, out));
        if (s.episode.isOpen()) {
            messages.sendAlert(
                    s, s.episode.close(t, CloseReason.CLIENT_IDLE), nothingFired(s, t), out);
        }
    }

    /** When the open episode closes: after the cool-down, and never while a command is in force. */
    private static long closesAt(ClientState s, RuleSettings settings) {
        return s.enforcement.action == null
                ? s.episode.closesAt(settings.response().coolDown().toMillis())
                : Long.MAX_VALUE;
    }

    /** When the client's state is dropped if no request comes. */
    private long idleAt(ClientState s) {
        return s.features.lastSeenMillis + idleTtlMillis;
    }

    /** What a message raised by a deadline at {@code t} shows: the features as of then. */
    private Judgement nothingFired(ClientState s, long t) {
        return Judgement.nothingFired(s.lastRequest(), engine.snapshot(s.features, t));
    }
}
