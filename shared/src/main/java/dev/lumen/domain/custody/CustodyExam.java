package dev.lumen.domain.custody;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One custody examination of an agent: every category's tests at the agent's current tier, each
 * answer graded, then per-category scores, the pass rate, the experience earned, the level it
 * leads to and whether the agent is eligible to submit proposals.
 *
 * <p>Rules, in one place: a passed test earns its XP scaled by its score; a level takes
 * {@link #XP_PER_LEVEL} XP (level 1 at 0 XP); an agent is eligible when this run's pass rate at
 * its tier is at least {@link #ELIGIBLE_PASS_RATE}. Where a category has no test at the agent's
 * tier (the bank is only fully stocked up to EXPERT), the nearest lower tier that has some stands
 * in, so no category is skipped.
 */
public final class CustodyExam {
    public static final int XP_PER_LEVEL = 100;
    public static final double ELIGIBLE_PASS_RATE = 0.8;

    /** Where an agent stands: its level follows from its XP. */
    public record Standing(String agent, long xp) {
        public Standing {
            Objects.requireNonNull(agent, "agent");
            if (xp < 0) {
                throw new IllegalArgumentException("xp must not be negative, was " + xp);
            }
        }

        public static Standing newcomer(String agent) {
            return new Standing(agent, 0);
        }

        public int level() {
            return (int) Math.min(Integer.MAX_VALUE, 1 + xp / XP_PER_LEVEL);
        }

        public Tier tier() {
            return Tier.forLevel(level());
        }
    }

    /** One answered test. */
    public record Outcome(String testId, CustodyCategory category, Tier tier, Grade grade, long xpEarned) {
    }

    /** A category's results in this run. */
    public record CategoryScore(CustodyCategory category, Tier tier, int tests, int passed, double meanScore) {
    }

    /** The whole run: scores, pass rate, XP, the standing before and after, eligibility. */
    public record Result(Standing before, Standing after, Tier tier, List<CategoryScore> categories, double passRate,
                         long xpEarned, boolean eligible, List<Outcome> outcomes) {
        public Result {
            categories = List.copyOf(categories);
            outcomes = List.copyOf(outcomes);
        }

        public boolean leveledUp() {
            return after.level() > before.level();
        }
    }

    private final TestBank bank;
    private final Graders graders;

    public CustodyExam(TestBank bank, Graders graders) {
        this.bank = Objects.requireNonNull(bank, "bank");
        this.graders = Objects.requireNonNull(graders, "graders");
    }

    /**
     * Examines the agent: {@code agent} answers each test's prompt (a model call, or a scripted
     * answer in tests).
     */
    public Result examine(Standing standing, Function<CustodyTest, String> agent) {
        Tier tier = standing.tier();
        List<Outcome> outcomes = new ArrayList<>();
        for (CustodyCategory category : CustodyCategory.values()) {
            for (CustodyTest test : testsFor(category, tier)) {
                outcomes.add(outcome(test, agent.apply(test)));
            }
        }
        return summarise(standing, outcomes);
    }

    /** One test answered and graded; passing earns the test's XP scaled by the score. */
    public Outcome outcome(CustodyTest test, String answer) {
        Grade grade = graders.grade(test, answer);
        long xp = grade.passed() ? Math.round(test.xp() * grade.score()) : 0;
        return new Outcome(test.id(), test.category(), test.tier(), grade, xp);
    }

    /**
     * The run's figures from its graded outcomes (also how a stored run's outcomes become its
     * result again): per-category scores in category order, pass rate, XP, standing after, eligibility.
     */
    public static Result summarise(Standing standing, List<Outcome> outcomes) {
        Tier tier = standing.tier();
        Map<CustodyCategory, List<Outcome>> byCategory = new EnumMap<>(CustodyCategory.class);
        outcomes.forEach(o -> byCategory.computeIfAbsent(o.category(), c -> new ArrayList<>()).add(o));
        List<CategoryScore> scores = new ArrayList<>();
        byCategory.forEach((category, results) -> scores.add(new CategoryScore(category, results.get(0).tier(),
                results.size(), (int) results.stream().filter(o -> o.grade().passed()).count(),
                results.stream().mapToDouble(o -> o.grade().score()).average().orElse(0))));
        long passed = outcomes.stream().filter(o -> o.grade().passed()).count();
        double passRate = outcomes.isEmpty() ? 0 : (double) passed / outcomes.size();
        long earned = outcomes.stream().mapToLong(Outcome::xpEarned).sum();
        Standing after = new Standing(standing.agent(), standing.xp() + earned);
        return new Result(standing, after, tier, scores, passRate, earned, passRate >= ELIGIBLE_PASS_RATE, outcomes);
    }

    /** The category's tests at {@code tier}, or at the nearest lower tier that has some. */
    public List<CustodyTest> testsFor(CustodyCategory category, Tier tier) {
        for (int i = tier.ordinal(); i >= 0; i--) {
            List<CustodyTest> tests = bank.tests(category, Tier.values()[i]);
            if (!tests.isEmpty()) {
                return tests;
            }
        }
        return List.of();
    }
}
