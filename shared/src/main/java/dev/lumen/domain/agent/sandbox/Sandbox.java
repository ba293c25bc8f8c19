package dev.lumen.domain.agent.sandbox;

import dev.lumen.domain.agent.Agent;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.Severity;
import dev.lumen.domain.custody.AgentProfile;
import dev.lumen.domain.custody.AgentProfiles;
import dev.lumen.domain.custody.Custody;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.CustodyTest;
import dev.lumen.domain.custody.Tier;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.proposal.ProposalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * The experimenter: one experiment per cycle. The experiment and a sample of custody tests at
 * Sandbox's tier are chosen from the run id (so a redelivered cycle repeats the same experiment,
 * and successive cycles rotate through experiments and samples); both variants answer the same
 * tests, each answer is graded, and the paired pass/fail outcomes go through the exact sign test
 * ({@link SignTest}). The finding records the hypothesis, the variants, the scores, the winner and
 * whether the difference is significant at α = 0.05; a PROMPT_CHANGE is proposed only when B
 * wins significantly. Nothing is recorded in the custody ledger: experiments earn no XP.
 */
public final class Sandbox implements Agent {
    public static final int SAMPLE_SIZE = 16;

    private final Custody custody;

    public Sandbox(Custody custody) {
        this.custody = Objects.requireNonNull(custody, "custody");
    }

    @Override
    public AgentType type() {
        return AgentType.SANDBOX;
    }

    /** What one experiment measured. */
    record Measurement(Experiment experiment, List<CustodyTest> sample, int passedA, int passedB, double meanA,
                       double meanB, int onlyA, int onlyB, double pValue) {
        boolean significant() {
            return pValue < SignTest.ALPHA;
        }

        String winner() {
            if (passedA != passedB) {
                return passedB > passedA ? "B" : "A";
            }
            if (meanA != meanB) {
                return meanB > meanA ? "B" : "A";
            }
            return "none";
        }
    }

    @Override
    public CycleOutcome run(CycleContext context) {
        Random seeded = new Random(context.runId().hashCode());
        Experiment experiment = Experiment.ALL.get(Math.floorMod(context.runId().hashCode(), Experiment.ALL.size()));
        Measurement m = measure(experiment, sample(seeded));
        List<ProposalDraft> proposals = m.significant() && m.winner().equals("B")
                ? List.of(proposal(m, context)) : List.of();
        return new CycleOutcome(m.sample().size(), List.of(finding(m, context)), proposals, List.of());
    }

    /** A deterministic sample of Sandbox's current-tier tests, the same for the same seed. */
    List<CustodyTest> sample(Random seeded) {
        Tier tier = custody.standing(AgentType.SANDBOX).tier();
        List<CustodyTest> pool = new ArrayList<>();
        for (CustodyCategory category : CustodyCategory.values()) {
            pool.addAll(custody.exam().testsFor(category, tier));
        }
        pool.sort(Comparator.comparing(CustodyTest::id));
        java.util.Collections.shuffle(pool, seeded);
        return List.copyOf(pool.subList(0, Math.min(SAMPLE_SIZE, pool.size())));
    }

    Measurement measure(Experiment experiment, List<CustodyTest> sample) {
        AgentProfile profile = AgentProfiles.of(AgentType.SANDBOX);
        Function<CustodyTest, String> a = custody.answerer().of(profile, Map.of());
        Experiment.Variant variant = experiment.variant(profile, custody.answerer(), sample);
        Function<CustodyTest, String> b = custody.answerer().of(variant.profile(), variant.extraExamples(),
                variant.maxExamples());
        int passedA = 0;
        int passedB = 0;
        int onlyA = 0;
        int onlyB = 0;
        double sumA = 0;
        double sumB = 0;
        for (CustodyTest test : sample) {
            CustodyExam.Outcome outcomeA = custody.exam().outcome(test, a.apply(test));
            CustodyExam.Outcome outcomeB = custody.exam().outcome(test, b.apply(test));
            boolean passA = outcomeA.grade().passed();
            boolean passB = outcomeB.grade().passed();
            passedA += passA ? 1 : 0;
            passedB += passB ? 1 : 0;
            onlyA += passA && !passB ? 1 : 0;
            onlyB += passB && !passA ? 1 : 0;
            sumA += outcomeA.grade().score();
            sumB += outcomeB.grade().score();
        }
        int n = Math.max(1, sample.size());
        return new Measurement(experiment, sample, passedA, passedB, sumA / n, sumB / n, onlyA, onlyB,
                SignTest.pValue(onlyA, onlyB));
    }

    private static Finding finding(Measurement m, CycleContext context) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("experiment", m.experiment().name());
        evidence.put("hypothesis", m.experiment().hypothesis());
        evidence.put("variantA", m.experiment().describeA());
        evidence.put("variantB", m.experiment().describeB());
        evidence.put("sampleSize", Integer.toString(m.sample().size()));
        evidence.put("tests", String.join(",", m.sample().stream().map(CustodyTest::id).toList()));
        evidence.put("passedA", Integer.toString(m.passedA()));
        evidence.put("passedB", Integer.toString(m.passedB()));
        evidence.put("scoreA", format(m.meanA()));
        evidence.put("scoreB", format(m.meanB()));
        evidence.put("onlyA", Integer.toString(m.onlyA()));
        evidence.put("onlyB", Integer.toString(m.onlyB()));
        evidence.put("test", "exact two-sided sign test on paired pass/fail (McNemar), alpha 0.05");
        evidence.put("pValue", String.format(Locale.ROOT, "%.4f", m.pValue()));
        evidence.put("significant", Boolean.toString(m.significant()));
        evidence.put("winner", m.winner());
        String title = "Experiment " + m.experiment().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": "
                + (m.significant() ? "variant " + m.winner() + " wins" : "no significant difference");
        String detail = String.format(Locale.ROOT, "%s A passed %d of %d, B passed %d; p = %.4f%s.",
                m.experiment().hypothesis(), m.passedA(), m.sample().size(), m.passedB(), m.pValue(),
                m.significant() ? " (significant at 0.05)" : " (not significant at 0.05)");
        return new Finding(context.runId() + "-experiment-0", AgentType.SANDBOX, context.runId(), FindingKind.EXPERIMENT,
                Severity.INFO, title, detail, evidence, context.now());
    }

    private static ProposalDraft proposal(Measurement m, CycleContext context) {
        Map<String, String> change = new LinkedHashMap<>();
        change.put("target", "agent:" + AgentType.SANDBOX.slug());
        change.put("experiment", m.experiment().name());
        change.put("prompt", m.experiment().describeB());
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("runId", context.runId());
        evidence.put("passedA", Integer.toString(m.passedA()));
        evidence.put("passedB", Integer.toString(m.passedB()));
        evidence.put("sampleSize", Integer.toString(m.sample().size()));
        evidence.put("pValue", String.format(Locale.ROOT, "%.4f", m.pValue()));
        return new ProposalDraft(ProposalType.PROMPT_CHANGE, "Adopt: " + m.experiment().describeB(),
                m.experiment().hypothesis() + " Variant B passed " + m.passedB() + " of " + m.sample().size()
                        + " tests against " + m.passedA() + " for A (exact sign test p = "
                        + String.format(Locale.ROOT, "%.4f", m.pValue()) + ").", change, evidence);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
