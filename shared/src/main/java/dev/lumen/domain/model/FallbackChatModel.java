package dev.lumen.domain.model;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.error.UnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} that asks a chain of models in order — the primary, then each fallback — and
 * is the one place model calls are retried (the Bedrock client under it is built without SDK
 * retries, so the two never multiply).
 *
 * <ul>
 *   <li>Throttling and 5xx are retried on the same model, up to {@link Policy#attemptsPerModel},
 *       after a pause with exponential backoff and full jitter (uniform in [0, min(cap, base·2ⁿ⁻¹)]),
 *       so containers throttled together do not retry together.</li>
 *   <li>A timeout, an unreadable answer or a rejected request moves straight to the next model:
 *       the same model would most likely fail the same way.</li>
 *   <li>Each model has a {@link CircuitBreaker}: a model that keeps failing is skipped without a
 *       call until its cool-down ends, then probed once.</li>
 *   <li>Everything fits in {@link Policy#budget}: an attempt starts only while a whole attempt
 *       ({@link Policy#attemptTimeout}, which the adapter enforces) still fits, so the chain never
 *       outlives the function's timeout.</li>
 * </ul>
 *
 * When every model failed, a reply in character ({@link ModelRequest.Task#REPLY}) becomes a
 * graceful apology labelled with the model {@value #DEGRADED_MODEL}: chat answers 200, never a
 * 5xx, for a model failure. Other tasks (trait extraction, grounded answers, drafts) get a
 * {@link ModelCallException}: the interaction worker retries the message later, the knowledge
 * routes answer 503.
 */
public final class FallbackChatModel implements ChatModel {
    /** The {@link ModelReply#model()} of the graceful reply given when every model failed. */
    public static final String DEGRADED_MODEL = "fallback";
    /** The stop reason of that reply. */
    public static final String DEGRADED_STOP_REASON = "degraded";
    public static final String GRACEFUL_MESSAGE = "I'm sorry, I can't answer right now: the AI model behind me is "
            + "temporarily unavailable. Your message was received; please try again in a minute.";

    private static final Logger LOG = LoggerFactory.getLogger(FallbackChatModel.class);

    private final List<Link> links;
    private final Policy policy;
    private final Clock clock;
    private final Pause pause;
    private final LongUnaryOperator jitter;

    /**
     * How hard the chain tries.
     *
     * @param attemptsPerModel  attempts at one model for throttling / 5xx (1 = no retry)
     * @param baseBackoff       the first retry's backoff ceiling; it doubles per retry
     * @param maxBackoff        the ceiling's ceiling
     * @param attemptTimeout    the longest one attempt can take (the adapter's own timeout)
     * @param budget            the longest the whole chain may take
     * @param breakerThreshold  consecutive failures that open a model's breaker
     * @param breakerCoolDown   how long an open breaker skips its model
     */
    public record Policy(int attemptsPerModel, Duration baseBackoff, Duration maxBackoff, Duration attemptTimeout,
                         Duration budget, int breakerThreshold, Duration breakerCoolDown) {
        public Policy {
            if (attemptsPerModel < 1) {
                throw new IllegalArgumentException("attemptsPerModel must be at least 1");
            }
            if (budget.compareTo(attemptTimeout) < 0) {
                throw new IllegalArgumentException("the chain's budget " + budget
                        + " must hold at least one attempt of " + attemptTimeout);
            }
        }

        /**
         * Chat's defaults: 2 attempts per model, backoff 200 ms doubling to 2 s, 8 s per attempt,
         * 20 s in all (the chat function times out at 28 s, API Gateway at 30 s: what is left covers
         * the reads and writes around the call); a breaker opens after 5 failures for 30 s.
         */
        public static Policy defaults() {
            return new Policy(2, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(8),
                    Duration.ofSeconds(20), 5, Duration.ofSeconds(30));
        }
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration);

        Pause THREAD = duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("model_unavailable", "interrupted while waiting to retry the model", e);
            }
        };
    }

    /** One model of the chain, with its breaker. */
    public record Link(String name, ChatModel model, CircuitBreaker breaker) {
        public Link {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(breaker, "breaker");
        }
    }

    /** A chain over {@code models} (name → model, in order), sleeping for real, with random jitter. */
    public static FallbackChatModel of(List<Named> models, Policy policy, Clock clock) {
        return of(models, policy, clock, Pause.THREAD, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /**
     * @param jitter given the backoff ceiling in milliseconds, the pause to take (0..ceiling)
     */
    public static FallbackChatModel of(List<Named> models, Policy policy, Clock clock, Pause pause,
                                       LongUnaryOperator jitter) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the model chain needs at least one model");
        }
        List<Link> links = new ArrayList<>(models.size());
        for (Named m : models) {
            links.add(new Link(m.name(), m.model(), new CircuitBreaker(policy.breakerThreshold(),
                    policy.breakerCoolDown(), clock)));
        }
        return new FallbackChatModel(links, policy, clock, pause, jitter);
    }

    /** A model and the name it goes by in logs (its model id). */
    public record Named(String name, ChatModel model) {
    }

    private FallbackChatModel(List<Link> links, Policy policy, Clock clock, Pause pause, LongUnaryOperator jitter) {
        this.links = List.copyOf(links);
        this.policy = policy;
        this.clock = clock;
        this.pause = pause;
        this.jitter = jitter;
    }

    /** The chain's models with their breakers, in order. */
    public List<Link> links() {
        return links;
    }

    @Override
    public ModelReply reply(ModelRequest request) {
        Instant deadline = clock.instant().plus(policy.budget());
        RuntimeException last = null;
        for (Link link : links) {
            if (!link.breaker().tryAcquire()) {
                LOG.atInfo().addKeyValue("model", link.name()).log("model skipped: its circuit breaker is open");
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                if (!fits(deadline)) {
                    // A probe's permit is handed back untried: the next request may probe.
                    link.breaker().release();
                    return exhausted(request, last, "budget");
                }
                try {
                    ModelReply reply = link.model().reply(request);
                    link.breaker().onSuccess();
                    if (attempt > 1 || link != links.get(0)) {
                        LOG.atInfo().addKeyValue("model", link.name()).addKeyValue("attempt", attempt)
                                .log("model answered after a failure");
                    }
                    return reply;
                } catch (RuntimeException e) {
                    last = e;
                    ModelFailure failure = kindOf(e);
                    link.breaker().onFailure();
                    LOG.atWarn().addKeyValue("model", link.name()).addKeyValue("attempt", attempt)
                            .addKeyValue("failure", failure).addKeyValue("breaker", link.breaker().state())
                            .log("model call failed");
                    if (!failure.retrySameModel() || attempt >= policy.attemptsPerModel()
                            || link.breaker().state() != CircuitBreaker.State.CLOSED) {
                        break;
                    }
                    Duration wait = backoff(attempt);
                    if (Duration.between(clock.instant(), deadline).minus(wait).compareTo(policy.attemptTimeout()) < 0) {
                        break;
                    }
                    pause.sleep(wait);
                }
            }
        }
        return exhausted(request, last, "chain");
    }

    /** Full jitter: uniform in [0, min(maxBackoff, baseBackoff · 2^(attempt-1))]. */
    Duration backoff(int attempt) {
        long ceiling = Math.min(policy.maxBackoff().toMillis(),
                policy.baseBackoff().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(Math.max(0, Math.min(ceiling, jitter.applyAsLong(ceiling))));
    }

    private boolean fits(Instant deadline) {
        return Duration.between(clock.instant(), deadline).compareTo(policy.attemptTimeout()) >= 0;
    }

    private static ModelFailure kindOf(RuntimeException e) {
        if (e instanceof ModelCallException call) {
            return call.failure();
        }
        // Another adapter's "unavailable" is taken as transient; anything else as a broken answer.
        return e instanceof UnavailableException ? ModelFailure.SERVER_ERROR : ModelFailure.MALFORMED;
    }

    private ModelReply exhausted(ModelRequest request, RuntimeException last, String why) {
        if (request.task() == ModelRequest.Task.REPLY) {
            LOG.atError().setCause(last).addKeyValue("reason", why).addKeyValue("models", links.size())
                    .log("no model answered; the user gets the graceful reply");
            return new ModelReply(GRACEFUL_MESSAGE, DEGRADED_MODEL, Usage.NONE, DEGRADED_STOP_REASON);
        }
        if (last instanceof UnavailableException unavailable) {
            throw unavailable;
        }
        throw new ModelCallException(ModelFailure.SERVER_ERROR, null, last);
    }
}
