package dev.lumen.functions.priming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: every handler registers here from its public constructor, and before Lambda
 * takes the snapshot each registered hook runs the handler's hot path against no real service, so
 * a restored container starts with its classes loaded and its code paths exercised.
 *
 * <p>What a hook may do: build objects (SDK clients are already built by the handler's
 * constructor, without a call), parse and write JSON, build prompts, run validation and the
 * domain's pure code. What it must never do: call DynamoDB, SQS, Bedrock, OpenSearch or S3 — a
 * snapshot must hold no open connection and no resolved credentials (they would be shared by
 * every container restored from it). {@code PrimingTest} enforces that: it builds every handler
 * with every endpoint pointed at a loopback socket and fails if priming connects to it.
 *
 * <p>After a restore, {@link #afterRestore} re-seeds what must be unique per container
 * ({@link dev.lumen.domain.Ids}' generator): the snapshot is restored into many containers, and
 * ids drawn from one copied generator state would repeat.
 */
public final class Priming {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /**
     * Strong references: CRaC's global context only holds its resources weakly, and a hook that
     * was collected before the checkpoint would silently not run.
     */
    private static final List<Hook> HOOKS = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /** Registers the common priming (JSON, the API envelope, the SDK's request model) for {@code handler}. */
    public static void register(Object handler) {
        register(handler, () -> { });
    }

    /**
     * Registers the common priming plus {@code specific}, the handler's own hot path (see {@link Primers}).
     * The handler is held so the hook lives as long as it does.
     */
    public static void register(Object handler, Runnable specific) {
        Hook hook = new Hook(handler.getClass().getSimpleName(), specific);
        HOOKS.add(hook);
        Core.getGlobalContext().register(hook);
    }

    /**
     * Runs every registered hook now, as a checkpoint would, and returns how many ran. Failures
     * propagate here (tests, the cold-start benchmark); under a real checkpoint they are logged
     * instead, since a failed priming must not stop a version from being published.
     */
    public static int primeAll() {
        List<Hook> hooks = new ArrayList<>(HOOKS);
        for (Hook hook : hooks) {
            hook.prime();
        }
        return hooks.size();
    }

    /** The names of the handlers registered so far (tests). */
    public static List<String> registered() {
        return HOOKS.stream().map(Hook::name).toList();
    }

    /** Runs the after-restore part of every hook, as a restore would (tests, the benchmark). */
    public static void restoreAll() {
        afterRestore();
    }

    static void afterRestore() {
        dev.lumen.domain.Ids.reseed();
    }

    private static final class Hook implements Resource {
        private final String name;
        private final Runnable specific;

        Hook(String name, Runnable specific) {
            this.name = name;
            this.specific = specific;
        }

        String name() {
            return name;
        }

        void prime() {
            long started = System.nanoTime();
            Primers.common();
            specific.run();
            LOG.atInfo().addKeyValue("handler", name).addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                    .log("primed for the snapshot");
        }

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            try {
                prime();
            } catch (RuntimeException e) {
                // A colder start is better than no published version: say so once, with the cause.
                LOG.warn("priming failed, the snapshot is taken without it handler={}", name, e);
            }
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            Priming.afterRestore();
        }
    }
}
