package dev.lumen.domain.custody;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.usage.AgentCallScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How an agent answers a custody test: one model call with the agent's role as the system prompt,
 * the agent's worked examples for the test's category as history turns (question, then answer) and
 * the test's prompt as the message ({@link ModelRequest.Task#EXAMINATION}). In AWS a real model
 * gets real few-shot examples; offline the model answers from the nearest example, so what an
 * agent was taught is exactly what it knows.
 */
public final class ExamAnswerer {
    /** More examples than this would crowd the prompt; the most recently taught win. */
    public static final int MAX_EXAMPLES = 24;
    static final int MAX_ANSWER_TOKENS = 400;

    private final ChatModel model;
    private final TestBank bank;
    private final MentoringMaterial material;

    public ExamAnswerer(ChatModel model, TestBank bank, MentoringMaterial material) {
        this.model = Objects.requireNonNull(model, "model");
        this.bank = Objects.requireNonNull(bank, "bank");
        this.material = Objects.requireNonNull(material, "material");
    }

    /** The agent answering tests; examples are looked up once per category per call of the function. */
    public Function<CustodyTest, String> of(AgentType agent) {
        return of(AgentProfiles.of(agent), Map.of());
    }

    /**
     * The agent with this profile answering tests, with {@code extra} examples per category on top
     * of its own (Sandbox's variants).
     */
    public Function<CustodyTest, String> of(AgentProfile profile, Map<CustodyCategory, List<WorkedExample>> extra) {
        return of(profile, extra, MAX_EXAMPLES);
    }

    /** As {@link #of(AgentProfile, Map)}, keeping at most {@code maxExamples} worked examples per category (the last ones). */
    public Function<CustodyTest, String> of(AgentProfile profile, Map<CustodyCategory, List<WorkedExample>> extra,
                                            int maxExamples) {
        Map<CustodyCategory, List<ModelRequest.Turn>> turns = new java.util.EnumMap<>(CustodyCategory.class);
        return test -> {
            List<ModelRequest.Turn> history = turns.computeIfAbsent(test.category(),
                    c -> turns(last(examples(profile, c, extra.getOrDefault(c, List.of())), maxExamples)));
            // Named for the test, so the agent's metered call gets a receipt a redelivered run reproduces.
            return AgentCallScope.about(test.id(), () -> model.reply(new ModelRequest(profile.systemPrompt(), history,
                    test.prompt(), profile.agent().slug(), List.of(), MAX_ANSWER_TOKENS, List.of(),
                    ModelRequest.Task.EXAMINATION, List.of())).text());
        };
    }

    /**
     * The agent's material for a category: the bank's reference answers when the category is home,
     * then what it was taught, then {@code extra}; one example per test, the later replacing the
     * earlier; at most {@link #MAX_EXAMPLES}, the last ones kept.
     */
    public List<WorkedExample> examples(AgentProfile profile, CustodyCategory category, List<WorkedExample> extra) {
        Map<String, WorkedExample> byTest = new LinkedHashMap<>();
        if (profile.isHome(category)) {
            for (CustodyTest test : bank.all()) {
                if (test.category() == category && !test.example().isBlank()) {
                    byTest.put(test.id(), WorkedExample.reference(test));
                }
            }
        }
        for (WorkedExample example : material.examples(profile.agent().slug(), category)) {
            byTest.remove(example.testId());
            byTest.put(example.testId(), example);
        }
        for (WorkedExample example : extra) {
            byTest.remove(example.testId());
            byTest.put(example.testId(), example);
        }
        List<WorkedExample> all = new ArrayList<>(byTest.values());
        return List.copyOf(all.subList(Math.max(0, all.size() - MAX_EXAMPLES), all.size()));
    }

    private static List<WorkedExample> last(List<WorkedExample> examples, int max) {
        return examples.subList(Math.max(0, examples.size() - Math.max(0, max)), examples.size());
    }

    private static List<ModelRequest.Turn> turns(List<WorkedExample> examples) {
        List<ModelRequest.Turn> turns = new ArrayList<>(examples.size() * 2);
        for (WorkedExample example : examples) {
            turns.add(new ModelRequest.Turn(Role.USER, example.question()));
            turns.add(new ModelRequest.Turn(Role.ASSISTANT, example.answer()));
        }
        return List.copyOf(turns);
    }
}
