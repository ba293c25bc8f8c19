package dev.lumen.domain.agent.imperium;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.agent.Agent;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.FindingRepository;
import dev.lumen.domain.agent.Severity;
import dev.lumen.domain.custody.KnowledgeTransfer;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.UserEmotion;
import dev.lumen.domain.proposal.ProposalDraft;
import dev.lumen.domain.proposal.ProposalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The learning orchestrator. Each cycle it distils the activity window into facts (turns per
 * persona, the share of degraded replies, the busiest personas, crisis flags), reads what the
 * other agents found in the window, runs cross-agent knowledge transfer, and proposes a trait
 * adjustment where the learned signals call for one: when most of a persona's users in the window
 * are in a negative emotional state, it proposes more empathy for that persona.
 *
 * <p>Everything it says is counted, never guessed, so it is deterministic for a given window. A
 * source that fails (the feed, the findings, the learned states, the transfer) is reported as an
 * error and the rest of the cycle goes on.
 */
public final class Imperium implements Agent {
    static final int MAX_ACTIVITIES = 5_000;
    static final int MAX_FINDINGS = 500;
    static final int BUSIEST = 3;
    /** A persona with fewer turns than this in the window says too little to flag. */
    static final int MIN_TURNS_TO_FLAG = 5;
    static final double DEGRADED_SHARE_TO_FLAG = 0.2;
    /** Users of a persona needed before their moods say anything about it. */
    static final int MIN_USERS_FOR_TRAIT = 2;
    static final double NEGATIVE_SHARE_FOR_TRAIT = 0.5;
    static final double NEGATIVE_LEVEL = 0.5;
    static final double EMPATHY_STEP = 0.1;
    static final int MAX_USERS_LOOKED_UP = 200;
    /** States read as negative valence; the worker learns short lower-case labels. */
    static final Set<String> NEGATIVE_STATES = Set.of("anxious", "sad", "stressed", "angry", "frustrated",
            "overwhelmed", "lonely", "afraid", "fearful", "depressed", "worried", "upset", "hopeless", "nervous",
            "scared", "distressed", "discouraged");

    private final ActivityFeed feed;
    private final FindingRepository findings;
    private final LearningRepository learning;
    private final KnowledgeTransfer transfer;

    /**
     * @param findings the other agents' findings, or null when none are kept
     * @param learning learned emotional states, or null to propose no trait adjustments
     */
    public Imperium(ActivityFeed feed, FindingRepository findings, LearningRepository learning, KnowledgeTransfer transfer) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.findings = findings;
        this.learning = learning;
        this.transfer = Objects.requireNonNull(transfer, "transfer");
    }

    @Override
    public AgentType type() {
        return AgentType.IMPERIUM;
    }

    @Override
    public CycleOutcome run(CycleContext context) {
        List<Finding> out = new ArrayList<>();
        List<ProposalDraft> proposals = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int read = 0;

        List<Activity> window = List.of();
        try {
            window = feed.between(context.since(), context.now(), MAX_ACTIVITIES);
            read += window.size();
            activityInsights(window, context, out);
        } catch (RuntimeException e) {
            errors.add("activity feed: " + e.getClass().getSimpleName());
        }
        if (findings != null) {
            try {
                List<Finding> others = findings.list(null, null, context.since(), MAX_FINDINGS).stream()
                        .filter(f -> f.agent() != AgentType.IMPERIUM).toList();
                read += others.size();
                agentInsight(others, context).ifPresent(out::add);
            } catch (RuntimeException e) {
                errors.add("findings: " + e.getClass().getSimpleName());
            }
        }
        if (learning != null) {
            try {
                read += traitProposals(window, proposals);
            } catch (RuntimeException e) {
                errors.add("emotional states: " + e.getClass().getSimpleName());
            }
        }
        try {
            out.addAll(transfer.run(AgentType.IMPERIUM, context.runId(), context.now()));
        } catch (dev.lumen.domain.error.BudgetExceededException e) {
            // Say which budget stopped it and until when: the operator's next question.
            errors.add("knowledge transfer: " + e.getMessage());
        } catch (RuntimeException e) {
            errors.add("knowledge transfer: " + e.getClass().getSimpleName());
        }
        return new CycleOutcome(read, out, proposals, errors);
    }

    private void activityInsights(List<Activity> window, CycleContext context, List<Finding> out) {
        List<Activity> turns = window.stream().filter(a -> a.kind() == ActivityKind.CHAT_TURN).toList();
        if (window.isEmpty()) {
            return;
        }
        Map<String, int[]> perPersona = new TreeMap<>();
        for (Activity turn : turns) {
            int[] counts = perPersona.computeIfAbsent(turn.personaId() == null ? "(none)" : turn.personaId(), p -> new int[2]);
            counts[0]++;
            counts[1] += degraded(turn) ? 1 : 0;
        }
        long degraded = turns.stream().filter(Imperium::degraded).count();
        long crises = window.stream().filter(a -> a.attributes().containsKey("crisisSeverity")).count();
        Set<String> users = new TreeSet<>();
        turns.stream().map(Activity::userId).filter(Objects::nonNull).forEach(users::add);
        List<Map.Entry<String, int[]>> busiest = perPersona.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(BUSIEST).toList();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("activities", Integer.toString(window.size()));
        evidence.put("chatTurns", Integer.toString(turns.size()));
        evidence.put("users", Integer.toString(users.size()));
        evidence.put("personas", Integer.toString(perPersona.size()));
        evidence.put("degradedTurns", Long.toString(degraded));
        evidence.put("degradedShare", share(degraded, turns.size()));
        evidence.put("crisisFlags", Long.toString(crises));
        evidence.put("busiestPersonas", String.join(",", busiest.stream().map(e -> e.getKey() + ":" + e.getValue()[0]).toList()));
        for (ActivityKind kind : ActivityKind.values()) {
            evidence.put("kind." + kind.name(), Long.toString(window.stream().filter(a -> a.kind() == kind).count()));
        }
        out.add(insight(context, out.size(), crises > 0 ? Severity.MEDIUM : Severity.INFO,
                "Activity since " + context.since() + ": " + turns.size() + " chat turns by " + users.size() + " users",
                String.format(Locale.ROOT, "%d chat turns across %d personas; %s of replies degraded (fallback or error);"
                        + " %d crisis flags; busiest: %s.", turns.size(), perPersona.size(), share(degraded, turns.size()),
                        crises, evidence.get("busiestPersonas")), evidence));
        for (Map.Entry<String, int[]> persona : perPersona.entrySet()) {
            int count = persona.getValue()[0];
            int bad = persona.getValue()[1];
            if (count >= MIN_TURNS_TO_FLAG && (double) bad / count >= DEGRADED_SHARE_TO_FLAG) {
                out.add(insight(context, out.size(), Severity.MEDIUM,
                        "Persona " + persona.getKey() + " often answers degraded",
                        String.format(Locale.ROOT, "%d of its %d turns in the window were fallback or error replies.", bad, count),
                        Map.of("personaId", persona.getKey(), "turns", Integer.toString(count),
                                "degradedTurns", Integer.toString(bad), "degradedShare", share(bad, count))));
            }
        }
        lowRatings(window, context, out);
    }

    /** A persona needs this many rated replies in the window before its mean rating is flagged. */
    static final int MIN_RATINGS_TO_FLAG = 3;
    /** A mean rating (1..5) at or below this is low. */
    static final double LOW_MEAN_RATING = 2.5;

    /**
     * An INSIGHT per persona whose users' mean rating in the window is low ({@link ActivityKind#FEEDBACK}
     * entries, one per message, the latest rating counting): the learning input users give explicitly.
     */
    private static void lowRatings(List<Activity> window, CycleContext context, List<Finding> out) {
        Map<String, Activity> latest = new TreeMap<>();
        window.stream().filter(a -> a.kind() == ActivityKind.FEEDBACK && a.attributes().containsKey("rating"))
                .forEach(a -> latest.merge(a.id(), a, (x, y) -> y.at().isAfter(x.at()) ? y : x));
        Map<String, int[]> perPersona = new TreeMap<>();
        for (Activity a : latest.values()) {
            int[] f = perPersona.computeIfAbsent(a.personaId() == null ? "(none)" : a.personaId(), p -> new int[2]);
            f[0]++;
            f[1] += Integer.parseInt(a.attributes().get("rating"));
        }
        for (Map.Entry<String, int[]> persona : perPersona.entrySet()) {
            int count = persona.getValue()[0];
            double mean = (double) persona.getValue()[1] / count;
            if (count >= MIN_RATINGS_TO_FLAG && mean <= LOW_MEAN_RATING) {
                String meanText = String.format(Locale.ROOT, "%.2f", mean);
                out.add(insight(context, out.size(), Severity.MEDIUM,
                        "Persona " + persona.getKey() + " is rated low by its users",
                        String.format(Locale.ROOT, "Mean rating %s of 5 over %d rated replies in the window.", meanText, count),
                        Map.of("personaId", persona.getKey(), "ratings", Integer.toString(count), "meanRating", meanText)));
            }
        }
    }

    private static Optional<Finding> agentInsight(List<Finding> others, CycleContext context) {
        if (others.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        others.forEach(f -> counts.merge(f.agent().slug() + "." + f.kind().name(), 1, Integer::sum));
        counts.forEach((key, count) -> evidence.put(key, Integer.toString(count)));
        Finding worst = others.stream().max(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::at).thenComparing(Finding::id)).orElseThrow();
        evidence.put("findings", Integer.toString(others.size()));
        evidence.put("mostSevere", worst.id());
        evidence.put("mostSevereLevel", worst.severity().name());
        return Optional.of(new Finding(context.runId() + "-insight-agents", AgentType.IMPERIUM, context.runId(),
                FindingKind.INSIGHT, worst.severity().compareTo(Severity.HIGH) >= 0 ? Severity.MEDIUM : Severity.INFO,
                "The other agents reported " + others.size() + " findings",
                "Most severe: " + worst.agent().slug() + " " + worst.severity() + " \"" + worst.title() + "\".",
                evidence, context.now()));
    }

    /** Proposes more empathy for personas whose users in the window are mostly in a negative state. */
    private int traitProposals(List<Activity> window, List<ProposalDraft> proposals) {
        Map<String, Set<String>> usersByPersona = new TreeMap<>();
        window.stream().filter(a -> a.kind() == ActivityKind.CHAT_TURN && a.personaId() != null && a.userId() != null)
                .forEach(a -> usersByPersona.computeIfAbsent(a.personaId(), p -> new TreeSet<>()).add(a.userId()));
        Map<String, Optional<UserEmotion>> moods = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> persona : usersByPersona.entrySet()) {
            if (persona.getValue().size() < MIN_USERS_FOR_TRAIT) {
                continue;
            }
            List<String> negative = new ArrayList<>();
            for (String user : persona.getValue()) {
                if (moods.size() >= MAX_USERS_LOOKED_UP && !moods.containsKey(user)) {
                    continue;
                }
                Optional<EmotionalState> state = moods.computeIfAbsent(user, learning::emotionalState).map(UserEmotion::current);
                if (state.filter(s -> NEGATIVE_STATES.contains(s.state()) && s.level() >= NEGATIVE_LEVEL).isPresent()) {
                    negative.add(user + ":" + state.get().state());
                }
            }
            double negativeShare = (double) negative.size() / persona.getValue().size();
            if (negativeShare >= NEGATIVE_SHARE_FOR_TRAIT) {
                Map<String, String> change = new LinkedHashMap<>();
                change.put("personaId", persona.getKey());
                change.put("traitId", "empathy");
                change.put("action", "increase");
                change.put("intensity", Double.toString(EMPATHY_STEP));
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put("users", Integer.toString(persona.getValue().size()));
                evidence.put("negativeUsers", Integer.toString(negative.size()));
                evidence.put("negativeShare", share(negative.size(), persona.getValue().size()));
                evidence.put("states", String.join(",", negative));
                proposals.add(new ProposalDraft(ProposalType.TRAIT_ADJUSTMENT,
                        "More empathy for " + persona.getKey(),
                        String.format(Locale.ROOT, "%d of the %d users who talked to %s in the window are in a negative"
                                + " emotional state (level >= %.1f).", negative.size(), persona.getValue().size(),
                                persona.getKey(), NEGATIVE_LEVEL), change, evidence));
            }
        }
        return moods.size();
    }

    private static boolean degraded(Activity activity) {
        return activity.error() || "fallback".equals(activity.model());
    }

    private static Finding insight(CycleContext context, int index, Severity severity, String title, String detail,
                                   Map<String, String> evidence) {
        return new Finding(context.runId() + "-insight-" + index, AgentType.IMPERIUM, context.runId(), FindingKind.INSIGHT,
                severity, title, detail, evidence, context.now());
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "0.000" : String.format(Locale.ROOT, "%.3f", (double) part / whole);
    }
}
