package dev.lumen.domain.custody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.adapter.offline.OfflineChatModel;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.fakes.ScriptedChatModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TestBankTest {
    private final Graders graders = Graders.standard(new ScriptedChatModel("SCORE: 1"));

    @Test
    void shippedBankLoadsAndStocksEveryCategoryAndTier() {
        TestBank bank = TestBank.load(graders);

        assertThat(bank.categories()).containsExactly(CustodyCategory.values());
        for (CustodyCategory category : CustodyCategory.values()) {
            for (Tier tier : TestBank.STOCKED_TIERS) {
                assertThat(bank.tests(category, tier)).as(category + " " + tier).hasSizeGreaterThanOrEqualTo(5)
                        .allSatisfy(test -> {
                            assertThat(test.category()).isEqualTo(category);
                            assertThat(test.tier()).isEqualTo(tier);
                        });
            }
        }
        assertThat(bank.all()).hasSizeGreaterThanOrEqualTo(8 * 4 * 5);
        assertThat(bank.all().stream().map(CustodyTest::id).collect(Collectors.toSet())).hasSize(bank.all().size());
    }

    @Test
    void shippedBankUsesEveryGraderAndTierXp() {
        TestBank bank = TestBank.load(graders);

        assertThat(bank.all().stream().map(test -> test.grader().type()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("exact", "regex", "json-schema", "keywords", "rubric");
        assertThat(bank.tests(CustodyCategory.SECURITY_AWARENESS, Tier.EXPERT))
                .allSatisfy(test -> assertThat(test.xp()).isEqualTo(Tier.EXPERT.baseXp()));
        assertThat(bank.tests(CustodyCategory.SECURITY_AWARENESS, Tier.BASIC).get(0).prompt())
                .contains("ignore previous instructions");
    }

    @Test
    void everyReferenceAnswerPassesItsTestAndEveryMachineGradedTestHasOne() {
        TestBank bank = TestBank.load(graders);
        List<String> failures = new ArrayList<>();
        for (CustodyTest test : bank.all()) {
            if (test.grader().type().equals(RubricGrader.TYPE)) {
                continue;
            }
            if (test.example().isBlank()) {
                failures.add(test.id() + ": no example");
                continue;
            }
            Grade grade = graders.grade(test, test.example());
            if (!grade.passed()) {
                failures.add(test.id() + ": " + grade.feedback());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void answerThatOnlyRepeatsTheQuestionPassesNoMachineGradedTest() {
        // Agents (and the offline stand-in) echo the question's words; the graders must not reward that.
        TestBank bank = TestBank.load(graders);

        List<String> passedByEcho = bank.all().stream()
                .filter(test -> !test.grader().type().equals(RubricGrader.TYPE))
                .filter(test -> graders.grade(test, test.prompt()).passed())
                .map(CustodyTest::id)
                .toList();

        assertThat(passedByEcho).isEmpty();
    }

    @Test
    void offlineRunsOfTheWholeBankAreDeterministic() {
        // GIVEN the offline model as both the agent answering and the rubric judge
        OfflineChatModel offline = new OfflineChatModel();
        Graders offlineGraders = Graders.standard(offline);
        TestBank bank = TestBank.load(offlineGraders);

        // WHEN the bank is run twice
        List<Grade> first = run(bank, offline, offlineGraders);
        List<Grade> second = run(bank, offline, offlineGraders);

        // THEN every grade is the same
        assertThat(second).isEqualTo(first);
        assertThat(first).hasSize(bank.all().size());
        // the stand-in's template reply answers nothing, so it earns nothing
        assertThat(first).noneMatch(Grade::passed);
    }

    @Test
    void duplicateIdIsRefusedNamingFileAndId() {
        Map<String, String> files = Map.of(
                "code-quality.json", file("CODE_QUALITY", test("dup-1", "BASIC", EXACT)),
                "security-awareness.json", file("SECURITY_AWARENESS", test("dup-1", "BASIC", EXACT)));

        assertThatThrownBy(() -> TestBank.parse(new LinkedHashMap<>(files), graders, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test dup-1: duplicate id, already used in");
    }

    @Test
    void unknownGraderIsRefusedNamingFileAndId() {
        String file = file("CODE_QUALITY", test("cq-1", "BASIC", "{\"type\": \"vibes\"}"));

        assertThatThrownBy(() -> TestBank.parse(Map.of("code-quality.json", file), graders, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("code-quality.json test cq-1: unknown grader 'vibes'");
    }

    @Test
    void unusableGraderSettingsAreRefused() {
        String file = file("CODE_QUALITY", test("cq-1", "BASIC", "{\"type\": \"regex\", \"pattern\": \"(\"}"));

        assertThatThrownBy(() -> TestBank.parse(Map.of("code-quality.json", file), graders, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("code-quality.json test cq-1: grader 'regex' pattern does not compile");
    }

    @Test
    void tooFewTestsInATierIsRefusedNamingCategoryAndTier() {
        List<String> tests = new ArrayList<>();
        for (Tier tier : TestBank.STOCKED_TIERS) {
            int count = tier == Tier.ADVANCED ? 4 : 5;
            for (int i = 0; i < count; i++) {
                tests.add(test("kv-" + tier + "-" + i, tier.name(), EXACT));
            }
        }
        String file = file("KNOWLEDGE_VERIFICATION", tests.toArray(String[]::new));

        assertThatThrownBy(() -> TestBank.parse(Map.of("knowledge-verification.json", file), graders, 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 problem)")
                .hasMessageContaining("knowledge-verification.json: KNOWLEDGE_VERIFICATION has 4 ADVANCED tests, needs at least 5");
    }

    @Test
    void fullyStockedSmallBankLoadsAndAnswersQueries() {
        List<String> tests = new ArrayList<>();
        for (Tier tier : TestBank.STOCKED_TIERS) {
            for (int i = 0; i < 5; i++) {
                tests.add(test("kv-" + tier + "-" + i, tier.name(), EXACT));
            }
        }
        tests.add("{\"id\": \"kv-legend\", \"tier\": \"LEGENDARY\", \"prompt\": \"Q\", \"xp\": 999, \"grader\": " + EXACT + "}");

        TestBank bank = TestBank.parse(Map.of("knowledge-verification.json",
                file("KNOWLEDGE_VERIFICATION", tests.toArray(String[]::new))), graders, 5);

        assertThat(bank.all()).hasSize(21);
        assertThat(bank.categories()).containsExactly(CustodyCategory.KNOWLEDGE_VERIFICATION);
        assertThat(bank.tests(CustodyCategory.KNOWLEDGE_VERIFICATION, Tier.LEGENDARY)).singleElement()
                .satisfies(test -> assertThat(test.xp()).isEqualTo(999));
        assertThat(bank.tests(CustodyCategory.KNOWLEDGE_VERIFICATION, Tier.MASTER)).isEmpty();
        assertThat(bank.tests(CustodyCategory.CODE_QUALITY, Tier.BASIC)).isEmpty();
        assertThat(bank.tests(CustodyCategory.KNOWLEDGE_VERIFICATION, Tier.BASIC).get(0).xp()).isEqualTo(Tier.BASIC.baseXp());
    }

    @Test
    void fileHoldingAnotherCategoryAndBrokenTestsAreAllListed() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("code-quality.json", file("SECURITY_AWARENESS", test("x", "BASIC", EXACT)));
        files.put("self-improvement.json", file("SELF_IMPROVEMENT",
                test("si-1", "GODLIKE", EXACT), "{\"tier\": \"BASIC\", \"prompt\": \"Q\", \"grader\": " + EXACT + "}"));
        files.put("innovation-capability.json", "{not json");

        assertThatThrownBy(() -> TestBank.parse(files, graders, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining("code-quality.json: holds SECURITY_AWARENESS, whose file is security-awareness.json")
                .hasMessageContaining("self-improvement.json test si-1: unknown tier \"GODLIKE\"")
                .hasMessageContaining("self-improvement.json test #2: needs an 'id'")
                .hasMessageContaining("innovation-capability.json: not valid JSON");
    }

    private static final String EXACT = "{\"type\": \"exact\", \"expected\": \"yes\"}";

    private static String test(String id, String tier, String grader) {
        return "{\"id\": \"" + id + "\", \"tier\": \"" + tier + "\", \"prompt\": \"Question?\", \"grader\": " + grader + "}";
    }

    private static String file(String category, String... tests) {
        return "{\"category\": \"" + category + "\", \"tests\": [" + String.join(",", tests) + "]}";
    }

    /** Each test answered by the offline model as the agent, then graded. */
    private static List<Grade> run(TestBank bank, OfflineChatModel agent, Graders graders) {
        List<Grade> grades = new ArrayList<>();
        for (CustodyTest test : bank.all()) {
            String answer = agent.reply(new ModelRequest("You are an agent under test.", List.of(), test.prompt(),
                    "Security agent", List.of(), 400)).text();
            grades.add(graders.grade(test, answer));
        }
        return grades;
    }
}
