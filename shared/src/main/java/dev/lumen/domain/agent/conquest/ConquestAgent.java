package dev.lumen.domain.agent.conquest;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.agent.Agent;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleFindings;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.Severity;
import dev.lumen.domain.chat.ChatSafety;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.model.FallbackChatModel;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.proposal.ProposalType;
import dev.lumen.domain.usage.ModelPrices;
import dev.lumen.domain.usage.Price;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The performance and cost agent. From the activity feed over the cycle's window it computes, by
 * route, by model and by persona: turns, error rate (fallback replies), latency p50 / p95 / p99 and
 * token cost; it writes those as evidence-carrying recommendations and proposes changes where the
 * figures support one:
 * <ul>
 *   <li><b>a cheaper model for a persona</b>: another priced model served at least
 *       {@link Thresholds#minTurns} turns in the window with no higher error rate, and re-pricing the
 *       persona's own turns (their real token counts) at that model's prices saves at least
 *       {@link Thresholds#minSavings};</li>
 *   <li><b>a longer model timeout</b>: a model's p95 latency is at or above {@link Thresholds#slowP95Ms}
 *       while turns are failing over to the fallback reply (slow calls hitting the attempt timeout).
 *       A slow model with no failures gets a finding that suggests caching frequent questions or a
 *       faster model, and no proposal: raising a timeout would not make it faster.</li>
 * </ul>
 * Quality evidence is limited to what the feed records: the error rate. The feed does not carry
 * the reply-validation (grounding, persona) scores or custody results per model, so a "quality
 * holds" claim means "no more fallback replies", and every rationale says so. Deterministic: groups
 * are visited in name order, figures come from the window alone.
 */
public final class ConquestAgent implements Agent {
    static final int MAX_ACTIVITIES = 20_000;
    static final int MAX_FINDINGS = 60;
    /** Persona rows in the summary finding: the most expensive first. */
    static final int SUMMARY_PERSONAS = 10;

    /**
     * @param minTurns        a group needs this many turns before its figures count (small samples mislead)
     * @param slowP95Ms       p95 latency at or above this is slow
     * @param maxErrorRate    an error rate above this gets a finding
     * @param minSavings      share of cost a cheaper model must save (0.2 = 20%)
     * @param attemptTimeoutMs the model attempt timeout in force, to propose a longer one from
     * @param maxTimeoutMs    the longest attempt timeout that still fits the function's time budget
     */
    public record Thresholds(int minTurns, long slowP95Ms, double maxErrorRate, double minSavings, long attemptTimeoutMs,
                             long maxTimeoutMs) {
        public static Thresholds defaults() {
            return new Thresholds(20, 5_000, 0.05, 0.2, 8_000, 20_000);
        }
    }

    private final ActivityFeed feed;
    private final ModelPrices prices;
    private final Thresholds thresholds;

    public ConquestAgent(ActivityFeed feed, ModelPrices prices, Thresholds thresholds) {
        this.feed = feed;
        this.prices = prices;
        this.thresholds = thresholds;
    }

    @Override
    public AgentType type() {
        return AgentType.CONQUEST;
    }

    @Override
    public CycleOutcome run(CycleContext context) {
        List<Activity> window = feed.between(context.since(), context.now(), MAX_ACTIVITIES);
        List<Activity> turns = window.stream()
                .filter(a -> a.kind() != ActivityKind.DOCUMENT_INGESTED && a.kind() != ActivityKind.FEEDBACK).toList();
        CycleFindings findings = new CycleFindings(AgentType.CONQUEST, context, FindingKind.RECOMMENDATION, MAX_FINDINGS);
        List<ProposalDraft> proposals = new ArrayList<>();
        ratings(findings, window);
        if (turns.isEmpty()) {
            return new CycleOutcome(window.size(), findings.list(), proposals, List.of());
        }
        Map<String, Figures> byRoute = figures(turns, Activity::route);
        Map<String, Figures> byModel = figures(turns, Activity::model);
        Map<String, Figures> byPersona = figures(turns, a -> a.personaId() == null ? "" : a.personaId());
        summary(findings, "route", byRoute, byRoute.size());
        summary(findings, "model", byModel, byModel.size());
        summary(findings, "persona", byPersona, SUMMARY_PERSONAS);
        errorRates(findings, byRoute, "route");
        latency(findings, proposals, byModel);
        cheaperModels(findings, proposals, turns, byModel);
        return new CycleOutcome(window.size(), findings.list(), proposals, List.of());
    }

    private static Map<String, Figures> figures(List<Activity> turns, Function<Activity, String> key) {
        Map<String, List<Activity>> groups = new TreeMap<>();
        for (Activity a : turns) {
            String k = key.apply(a);
            groups.computeIfAbsent(k == null || k.isEmpty() ? "(none)" : k, x -> new ArrayList<>()).add(a);
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        groups.forEach((k, v) -> figures.put(k, Figures.of(v)));
        return figures;
    }

    /**
     * One INFO finding with the users' mean rating by persona and by model ({@link ActivityKind#FEEDBACK}
     * entries rated in the window; one entry per message, a re-rating replaces it), so a cheaper model
     * can be weighed against how its replies are liked, not only against its error rate.
     */
    static void ratings(CycleFindings findings, List<Activity> window) {
        Map<String, Activity> latest = new TreeMap<>();
        for (Activity a : window) {
            if (a.kind() == ActivityKind.FEEDBACK && a.attributes().containsKey("rating")) {
                latest.merge(a.id(), a, (x, y) -> y.at().isAfter(x.at()) ? y : x);
            }
        }
        if (latest.isEmpty()) {
            return;
        }
        Map<String, long[]> byPersona = new TreeMap<>();
        Map<String, long[]> byModel = new TreeMap<>();
        for (Activity a : latest.values()) {
            long rating = Long.parseLong(a.attributes().get("rating"));
            for (Map.Entry<Map<String, long[]>, String> group : List.of(
                    Map.entry(byPersona, a.personaId() == null ? "(none)" : a.personaId()),
                    Map.entry(byModel, a.model().isEmpty() ? "(none)" : a.model()))) {
                long[] f = group.getKey().computeIfAbsent(group.getValue(), k -> new long[2]);
                f[0]++;
                f[1] += rating;
            }
        }
        Map<String, String> evidence = new TreeMap<>();
        byPersona.forEach((k, f) -> {
            evidence.put("persona." + k + ".ratings", Long.toString(f[0]));
            evidence.put("persona." + k + ".meanRating", String.format(Locale.ROOT, "%.2f", (double) f[1] / f[0]));
        });
        byModel.forEach((k, f) -> {
            evidence.put("model." + k + ".ratings", Long.toString(f[0]));
            evidence.put("model." + k + ".meanRating", String.format(Locale.ROOT, "%.2f", (double) f[1] / f[0]));
        });
        findings.add(Severity.INFO, "User ratings by persona and model",
                String.format(Locale.ROOT, "%d rated replies over %d personas and %d models", latest.size(),
                        byPersona.size(), byModel.size()), evidence);
    }

    /** One INFO finding per dimension with every group's figures (personas: the costliest few). */
    private static void summary(CycleFindings findings, String dimension, Map<String, Figures> groups, int rows) {
        Map<String, String> evidence = new TreeMap<>();
        groups.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().costUsd(), a.getValue().costUsd()) != 0
                        ? Double.compare(b.getValue().costUsd(), a.getValue().costUsd()) : a.getKey().compareTo(b.getKey()))
                .limit(rows)
                .forEach(e -> figuresEvidence(evidence, e.getKey() + ".", e.getValue()));
        int turns = groups.values().stream().mapToInt(Figures::count).sum();
        double cost = groups.values().stream().mapToDouble(Figures::costUsd).sum();
        findings.add(Severity.INFO, "Latency, errors and cost by " + dimension,
                String.format(Locale.ROOT, "%d turns, $%.6f in the window, over %d %ss", turns, cost, groups.size(), dimension),
                evidence);
    }

    private void errorRates(CycleFindings findings, Map<String, Figures> groups, String dimension) {
        groups.forEach((name, f) -> {
            if (f.count() >= thresholds.minTurns() && f.errorRate() > thresholds.maxErrorRate()) {
                Map<String, String> evidence = new TreeMap<>();
                figuresEvidence(evidence, "", f);
                evidence.put(dimension, name);
                findings.add(f.errorRate() > 4 * thresholds.maxErrorRate() ? Severity.HIGH : Severity.MEDIUM,
                        String.format(Locale.ROOT, "%.1f%% of turns on %s fell back to the graceful reply", 100 * f.errorRate(), name),
                        "No model answered these turns in time. Check the model chain's health and quotas, or add a second "
                                + "model to LUMEN_MODEL_CHAIN.", evidence);
            }
        });
    }

    private void latency(CycleFindings findings, List<ProposalDraft> proposals, Map<String, Figures> byModel) {
        Figures fallbacks = byModel.get(FallbackChatModel.DEGRADED_MODEL);
        int failed = fallbacks == null ? 0 : fallbacks.count();
        byModel.forEach((model, f) -> {
            if (!priced(model) || f.count() < thresholds.minTurns() || f.p95Ms() < thresholds.slowP95Ms()) {
                return;
            }
            Map<String, String> evidence = new TreeMap<>();
            figuresEvidence(evidence, "", f);
            evidence.put("model", model);
            evidence.put("fallbackTurns", Integer.toString(failed));
            if (failed > 0) {
                long proposed = Math.min(thresholds.maxTimeoutMs(), roundUpToSecond(f.p99Ms() * 5 / 4));
                if (proposed > thresholds.attemptTimeoutMs()) {
                    String id = findings.add(Severity.MEDIUM, "Model " + model + " is slow while turns fail over: p95 "
                                    + f.p95Ms() + " ms", "Calls near the attempt timeout are cut off and answered by the "
                                    + "fallback; a longer timeout lets them finish.", evidence);
                    Map<String, String> proposalEvidence = new TreeMap<>(evidence);
                    if (id != null) {
                        proposalEvidence.put("findingId", id);
                    }
                    proposals.add(new ProposalDraft(ProposalType.CONFIGURATION_CHANGE,
                            "Raise the model attempt timeout to " + proposed + " ms",
                            String.format(Locale.ROOT, "%s: p95 %d ms, p99 %d ms over %d turns, with %d turns answered by the "
                                            + "fallback reply in the same window (timeout now %d ms). A longer attempt costs "
                                            + "latency on the slowest turns but fewer degraded replies.", model, f.p95Ms(),
                                    f.p99Ms(), f.count(), failed, thresholds.attemptTimeoutMs()),
                            Map.of("setting", "LUMEN_MODEL_ATTEMPT_TIMEOUT_MS", "value", Long.toString(proposed)),
                            proposalEvidence));
                    return;
                }
            }
            findings.add(Severity.LOW, "Model " + model + " is slow: p95 " + f.p95Ms() + " ms",
                    "Cache answers to frequent questions, shorten prompts (fewer memories or knowledge chunks), or move "
                            + "latency-sensitive personas to a faster model.", evidence);
        });
    }

    /** Per persona: its costliest priced model, and the cheapest priced model that served enough turns with no more errors. */
    private void cheaperModels(CycleFindings findings, List<ProposalDraft> proposals, List<Activity> turns,
                               Map<String, Figures> byModel) {
        Map<String, Map<String, List<Activity>>> byPersonaModel = new TreeMap<>();
        for (Activity a : turns) {
            if (a.personaId() != null && priced(a.model())) {
                byPersonaModel.computeIfAbsent(a.personaId(), p -> new TreeMap<>())
                        .computeIfAbsent(a.model(), m -> new ArrayList<>()).add(a);
            }
        }
        Set<String> candidates = new TreeSet<>();
        byModel.forEach((model, f) -> {
            if (priced(model) && f.count() >= thresholds.minTurns()) {
                candidates.add(model);
            }
        });
        byPersonaModel.forEach((persona, models) -> models.forEach((current, own) -> {
            Figures mine = Figures.of(own);
            if (mine.count() < thresholds.minTurns() || mine.costUsd() <= 0) {
                return;
            }
            String best = null;
            double bestCost = mine.costUsd();
            for (String candidate : candidates) {
                if (candidate.equals(current) || byModel.get(candidate).errorRate() > byModel.get(current).errorRate()) {
                    continue;
                }
                double repriced = repriced(own, candidate);
                if (repriced < bestCost) {
                    best = candidate;
                    bestCost = repriced;
                }
            }
            double savings = best == null ? 0 : 1 - bestCost / mine.costUsd();
            if (best == null || savings < thresholds.minSavings()) {
                return;
            }
            Figures theirs = byModel.get(best);
            Map<String, String> evidence = new TreeMap<>();
            evidence.put("personaId", persona);
            evidence.put("currentModel", current);
            evidence.put("candidateModel", best);
            evidence.put("turns", Integer.toString(mine.count()));
            evidence.put("currentCostUsd", usd(mine.costUsd()));
            evidence.put("candidateCostUsd", usd(bestCost));
            evidence.put("savings", pct(savings));
            evidence.put("currentErrorRate", pct(byModel.get(current).errorRate()));
            evidence.put("candidateErrorRate", pct(theirs.errorRate()));
            evidence.put("candidateTurns", Integer.toString(theirs.count()));
            evidence.put("candidateP95Ms", Long.toString(theirs.p95Ms()));
            evidence.put("currentP95Ms", Long.toString(byModel.get(current).p95Ms()));
            String title = "Use cheaper model " + best + " for persona " + persona;
            String rationale = String.format(Locale.ROOT, "Persona %s's %d turns on %s cost $%s; the same tokens at %s's prices "
                            + "cost $%s (%s less). %s served %d turns in this window with an error rate of %s (current "
                            + "model: %s). Quality evidence is that error rate only: reply-validation scores and custody "
                            + "results are not compared, so try it on this persona first and watch its grounding.",
                    persona, mine.count(), current, usd(mine.costUsd()), best, usd(bestCost), pct(savings), best,
                    theirs.count(), pct(theirs.errorRate()), pct(byModel.get(current).errorRate()));
            String id = findings.add(Severity.LOW, title, rationale, evidence);
            Map<String, String> proposalEvidence = new TreeMap<>(evidence);
            if (id != null) {
                proposalEvidence.put("findingId", id);
            }
            proposals.add(new ProposalDraft(ProposalType.CONFIGURATION_CHANGE, title, rationale,
                    Map.of("setting", "LUMEN_MODEL_CHAIN", "value", best, "personaId", persona), proposalEvidence));
        }));
    }

    private double repriced(List<Activity> turns, String model) {
        double total = 0;
        for (Activity a : turns) {
            total += prices.cost(model, new Usage((int) a.inputTokens(), (int) a.outputTokens())).doubleValue();
        }
        return total;
    }

    /** A model with a price: what a configuration could choose (not the offline model, the fallback or the safety replies). */
    private boolean priced(String model) {
        if (model == null || model.isEmpty() || FallbackChatModel.DEGRADED_MODEL.equals(model)
                || ChatSafety.SAFETY_MODEL.equals(model)) {
            return false;
        }
        Price price = prices.priceOf(model);
        return price.inputPer1k().signum() > 0 || price.outputPer1k().signum() > 0;
    }

    private static void figuresEvidence(Map<String, String> evidence, String prefix, Figures f) {
        evidence.put(prefix + "turns", Integer.toString(f.count()));
        evidence.put(prefix + "errorRate", pct(f.errorRate()));
        evidence.put(prefix + "p50Ms", Long.toString(f.p50Ms()));
        evidence.put(prefix + "p95Ms", Long.toString(f.p95Ms()));
        evidence.put(prefix + "tokens", (f.inputTokens() + f.outputTokens()) + "");
        evidence.put(prefix + "costUsd", usd(f.costUsd()));
    }

    private static long roundUpToSecond(long ms) {
        return (ms + 999) / 1000 * 1000;
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
