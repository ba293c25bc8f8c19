package dev.lumen.domain.custody;

import dev.lumen.domain.agent.AgentExaminer;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.chat.ChatModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The custody protocol's use case: examines agents (the agent worker calls it for EXAM work),
 * and answers the custody API — overview, trends, the categories, and what each agent should
 * improve.
 *
 * <p>A redelivered examination (same run id) does not examine again: the run's transcript, saved
 * before the run is recorded, is found and its figures returned, and the run is recorded again
 * under the transcript's time — a no-op when it was recorded, the completion of a run interrupted
 * between the two writes otherwise. XP is therefore counted once per run id.
 */
public final class Custody implements AgentExaminer {
    public static final int MAX_ANALYTICS_RUNS = 100;
    /** A category scoring below this is a weakness worth a recommendation. */
    public static final double WEAK_BELOW = CustodyExam.ELIGIBLE_PASS_RATE;

    private final TestBank bank;
    private final CustodyExam exam;
    private final ExamAnswerer answerer;
    private final CustodyRepository repository;
    private final ExamTranscripts transcripts;
    private final MentoringMaterial material;
    private final Clock clock;

    public Custody(TestBank bank, Graders graders, ChatModel model, CustodyRepository repository,
                   ExamTranscripts transcripts, MentoringMaterial material, Clock clock) {
        this.bank = Objects.requireNonNull(bank, "bank");
        this.exam = new CustodyExam(bank, graders);
        this.answerer = new ExamAnswerer(model, bank, material);
        this.repository = Objects.requireNonNull(repository, "repository");
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.material = Objects.requireNonNull(material, "material");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CustodyExam.Result examine(AgentType agent, String runId) {
        Objects.requireNonNull(runId, "runId");
        Optional<ExamTranscripts.Transcript> earlier = transcripts.find(agent.slug(), runId);
        if (earlier.isPresent()) {
            CustodyExam.Result result = earlier.get().result();
            repository.record(runId, earlier.get().at(), result);
            return result;
        }
        CustodyExam.Standing standing = repository.agent(agent.slug()).standing();
        Map<String, String> answers = new HashMap<>();
        Function<CustodyTest, String> answering = answerer.of(agent);
        CustodyExam.Result fresh = exam.examine(standing, test -> {
            String answer = answering.apply(test);
            answers.put(test.id(), answer);
            return answer;
        });
        ExamTranscripts.Transcript stored = transcripts.saveIfAbsent(
                ExamTranscripts.Transcript.of(runId, clock.instant(), fresh, answers));
        CustodyExam.Result result = stored.result();
        repository.record(runId, stored.at(), result);
        return result;
    }

    /**
     * The agent's score in one category at its current tier, measured without recording anything
     * (no run, no XP): how knowledge transfer sees what teaching changed.
     */
    public CustodyExam.CategoryScore measure(AgentType agent, CustodyCategory category) {
        return measure(agent, category, answerer.of(agent));
    }

    CustodyExam.CategoryScore measure(AgentType agent, CustodyCategory category, Function<CustodyTest, String> answering) {
        CustodyExam.Standing standing = repository.agent(agent.slug()).standing();
        List<CustodyExam.Outcome> outcomes = exam.testsFor(category, standing.tier()).stream()
                .map(test -> exam.outcome(test, answering.apply(test))).toList();
        return CustodyExam.summarise(standing, outcomes).categories().stream().findFirst()
                .orElse(new CustodyExam.CategoryScore(category, standing.tier(), 0, 0, 0));
    }

    /** The agent's standing (XP, level, tier). */
    public CustodyExam.Standing standing(AgentType agent) {
        return repository.agent(agent.slug()).standing();
    }

    public ExamAnswerer answerer() {
        return answerer;
    }

    public CustodyExam exam() {
        return exam;
    }

    public TestBank bank() {
        return bank;
    }

    public MentoringMaterial material() {
        return material;
    }

    /** The agent's latest recorded run, if any. */
    public Optional<CustodyRepository.RunSummary> latestRun(AgentType agent) {
        return repository.runs(agent.slug(), 1).stream().findFirst();
    }

    /** The transcript of the agent's latest recorded run, if any. */
    public Optional<ExamTranscripts.Transcript> latestTranscript(AgentType agent) {
        return latestRun(agent).flatMap(run -> transcripts.find(agent.slug(), run.runId()));
    }

    // ---- the API's views

    /** One agent in the overview; {@code lastRun*} null when never examined. */
    public record AgentOverview(String agent, int level, long xp, Tier tier, boolean eligible, Instant lastRunAt,
                                String lastRunId, Double lastPassRate, Map<String, Double> categoryScores) {
    }

    public List<AgentOverview> overview() {
        List<AgentOverview> agents = new ArrayList<>();
        for (AgentType agent : AgentType.values()) {
            CustodyRepository.AgentRecord record = repository.agent(agent.slug());
            Optional<CustodyRepository.RunSummary> last = latestRun(agent);
            agents.add(new AgentOverview(agent.slug(), record.standing().level(), record.standing().xp(),
                    record.standing().tier(), record.eligible(), record.lastRunAt(),
                    last.map(CustodyRepository.RunSummary::runId).orElse(null),
                    last.map(CustodyRepository.RunSummary::passRate).orElse(null),
                    last.map(run -> slugged(run.categoryScores())).orElse(Map.of())));
        }
        return agents;
    }

    /** One point of a series: a run's figure (a score, a pass rate or a level). */
    public record Point(String runId, Instant at, double value) {
    }

    /** A series oldest first, with its first and last values and the change between them. */
    public record Trend(List<Point> series, double first, double last, double delta) {
        static Trend of(List<Point> series) {
            if (series.isEmpty()) {
                return new Trend(List.of(), 0, 0, 0);
            }
            double first = series.get(0).value();
            double last = series.get(series.size() - 1).value();
            return new Trend(List.copyOf(series), first, last, round(last - first));
        }
    }

    /** A transfer the agent received, as the analytics show it. */
    public record TransferView(String runId, Instant at, String mentor, String category, int examples,
                               double scoreBefore, double scoreAfter) {
    }

    /**
     * An agent's trends over its last runs: pass rate, level, each category's score, and the
     * knowledge transfers it received (newest first, at most as many as runs asked for).
     */
    public record AgentTrends(String agent, int runs, Trend passRate, List<Point> level, Map<String, Trend> categories,
                              List<TransferView> transfers) {
    }

    /** Trends per agent (all, or the one named) over each one's last {@code limit} runs. */
    public List<AgentTrends> analytics(Optional<AgentType> only, int limit) {
        int runs = Math.max(1, Math.min(MAX_ANALYTICS_RUNS, limit));
        List<AgentTrends> trends = new ArrayList<>();
        for (AgentType agent : only.map(List::of).orElse(List.of(AgentType.values()))) {
            List<CustodyRepository.RunSummary> history = new ArrayList<>(repository.runs(agent.slug(), runs));
            history.sort(Comparator.comparing(CustodyRepository.RunSummary::at));
            List<Point> passRate = new ArrayList<>();
            List<Point> level = new ArrayList<>();
            Map<CustodyCategory, List<Point>> byCategory = new EnumMap<>(CustodyCategory.class);
            for (CustodyRepository.RunSummary run : history) {
                passRate.add(new Point(run.runId(), run.at(), run.passRate()));
                level.add(new Point(run.runId(), run.at(), run.levelAfter()));
                run.categoryScores().forEach((category, score) -> byCategory
                        .computeIfAbsent(category, c -> new ArrayList<>()).add(new Point(run.runId(), run.at(), score)));
            }
            Map<String, Trend> categories = new LinkedHashMap<>();
            byCategory.forEach((category, series) -> categories.put(category.slug(), Trend.of(series)));
            List<TransferView> transfers = material.transfers(agent.slug(), runs).stream()
                    .map(t -> new TransferView(t.runId(), t.at(), t.mentor(), t.category().slug(), t.examples(),
                            t.scoreBefore(), t.scoreAfter())).toList();
            trends.add(new AgentTrends(agent.slug(), history.size(), Trend.of(passRate), level, categories, transfers));
        }
        return trends;
    }

    /** A category of the bank: what it examines, how many tests per tier, which graders judge them. */
    public record CategoryInfo(String category, String name, String description, int tests, Map<Tier, Integer> tiers,
                               Map<String, Integer> graders) {
    }

    public List<CategoryInfo> testCategories() {
        List<CategoryInfo> categories = new ArrayList<>();
        for (CustodyCategory category : CustodyCategory.values()) {
            Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
            Map<String, Integer> graders = new TreeMap<>();
            int total = 0;
            for (Tier tier : Tier.values()) {
                List<CustodyTest> tests = bank.tests(category, tier);
                tiers.put(tier, tests.size());
                total += tests.size();
                tests.forEach(t -> graders.merge(t.grader().type(), 1, Integer::sum));
            }
            categories.add(new CategoryInfo(category.slug(), category.name(), CustodyCatalog.description(category),
                    total, tiers, graders));
        }
        return categories;
    }

    /** A weak category of the last run, and who scored best in it (null when nobody scored better). */
    public record Weakness(String category, double score, String mentor, Double mentorScore) {
    }

    /** A test the agent failed in its last run, with the grader's feedback. */
    public record FailedTest(String testId, String category, Tier tier, double score, String feedback) {
    }

    /** What an agent should improve; empty lists when it was never examined. */
    public record Recommendation(String agent, String lastRunId, Instant lastRunAt, Double passRate,
                                 List<Weakness> weakest, List<FailedTest> failed, String summary) {
    }

    /**
     * Per agent (all, or the one named): its weakest categories of the last run (below
     * {@link #WEAK_BELOW}, weakest first) each with a suggested mentor — the agent with the best latest
     * score in that category, when better — and the tests it failed with the graders' feedback.
     */
    public List<Recommendation> recommendations(Optional<AgentType> only) {
        Map<AgentType, CustodyRepository.RunSummary> latest = new EnumMap<>(AgentType.class);
        for (AgentType agent : AgentType.values()) {
            latestRun(agent).ifPresent(run -> latest.put(agent, run));
        }
        List<Recommendation> recommendations = new ArrayList<>();
        for (AgentType agent : only.map(List::of).orElse(List.of(AgentType.values()))) {
            CustodyRepository.RunSummary run = latest.get(agent);
            if (run == null) {
                recommendations.add(new Recommendation(agent.slug(), null, null, null, List.of(), List.of(),
                        "Never examined: run POST /api/custody/test/" + agent.slug() + " first."));
                continue;
            }
            List<Weakness> weakest = new ArrayList<>();
            run.categoryScores().entrySet().stream()
                    .filter(e -> e.getValue() < WEAK_BELOW)
                    .sorted(Map.Entry.<CustodyCategory, Double>comparingByValue().thenComparing(Map.Entry::getKey))
                    .forEach(e -> {
                        Optional<Map.Entry<AgentType, Double>> mentor = bestIn(e.getKey(), latest, agent);
                        weakest.add(new Weakness(e.getKey().slug(), round(e.getValue()),
                                mentor.filter(m -> m.getValue() > e.getValue()).map(m -> m.getKey().slug()).orElse(null),
                                mentor.filter(m -> m.getValue() > e.getValue()).map(m -> round(m.getValue())).orElse(null)));
                    });
            List<FailedTest> failed = transcripts.find(agent.slug(), run.runId()).map(t -> t.answers().stream()
                    .filter(a -> !a.passed())
                    .map(a -> new FailedTest(a.testId(), a.category().slug(), a.tier(), round(a.score()), a.feedback()))
                    .toList()).orElse(List.of());
            String summary = weakest.isEmpty() ? "No weak category: every category scored at least "
                    + Math.round(WEAK_BELOW * 100) + "%."
                    : "Improve " + String.join(", ", weakest.stream().map(Weakness::category).toList())
                    + (weakest.get(0).mentor() == null ? "." : "; start with " + weakest.get(0).category()
                    + ", taught by " + weakest.get(0).mentor() + ".");
            recommendations.add(new Recommendation(agent.slug(), run.runId(), run.at(), run.passRate(), weakest, failed,
                    summary));
        }
        return recommendations;
    }

    private static Optional<Map.Entry<AgentType, Double>> bestIn(CustodyCategory category,
                                                                 Map<AgentType, CustodyRepository.RunSummary> latest,
                                                                 AgentType except) {
        Map.Entry<AgentType, Double> best = null;
        for (Map.Entry<AgentType, CustodyRepository.RunSummary> entry : latest.entrySet()) {
            Double score = entry.getValue().categoryScores().get(category);
            if (entry.getKey() != except && score != null && (best == null || score > best.getValue())) {
                best = Map.entry(entry.getKey(), score);
            }
        }
        return Optional.ofNullable(best);
    }

    private static Map<String, Double> slugged(Map<CustodyCategory, Double> scores) {
        Map<String, Double> slugged = new LinkedHashMap<>();
        new TreeMap<>(scores).forEach((category, score) -> slugged.put(category.slug(), round(score)));
        return slugged;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
