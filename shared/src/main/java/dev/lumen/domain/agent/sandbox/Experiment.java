package dev.lumen.domain.agent.sandbox;

import dev.lumen.domain.custody.AgentProfile;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyTest;
import dev.lumen.domain.custody.TestBank;
import dev.lumen.domain.custody.WorkedExample;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One of Sandbox's experiments: a hypothesis and the variant B that tests it against A, the agent
 * as it is. Kept as data so that adding an experiment is adding an entry to {@link #ALL}.
 */
enum Experiment {
    /**
     * B carries the bank's reference answers as worked examples in every category: what knowledge
     * transfer would give the agent all at once. With the offline model this is a strong effect.
     */
    REFERENCE_EXAMPLES("Carrying the test bank's reference answers as worked examples in every category raises the"
            + " agent's custody scores.", "the agent as it is", "the agent plus the bank's reference answers as worked examples") {
        @Override
        Variant variant(AgentProfile profile, TestBank bank, List<CustodyTest> sample) {
            Map<CustodyCategory, List<WorkedExample>> extra = new EnumMap<>(CustodyCategory.class);
            for (CustodyCategory category : CustodyCategory.values()) {
                extra.put(category, bank.all().stream()
                        .filter(t -> t.category() == category && !t.example().isBlank())
                        .map(WorkedExample::reference).toList());
            }
            return new Variant(profile, extra);
        }
    },
    /**
     * B adds one instruction line to the agent's system prompt. The offline model ignores wording,
     * so offline this is an honest null result; with a real model it measures the line.
     */
    TERSE_INSTRUCTION("Telling the agent to name the key terms first in one sentence raises its custody scores.",
            "the agent's system prompt", "the system prompt plus: " + Experiment.TERSE_LINE) {
        @Override
        Variant variant(AgentProfile profile, TestBank bank, List<CustodyTest> sample) {
            return new Variant(new AgentProfile(profile.agent(), profile.systemPrompt() + "\n" + TERSE_LINE,
                    profile.homeCategories()), Map.of());
        }
    };

    static final String TERSE_LINE = "Name the key terms first, in one sentence.";
    static final List<Experiment> ALL = List.of(values());

    /** How a variant answers: its profile (system prompt) and extra worked examples per category. */
    record Variant(AgentProfile profile, Map<CustodyCategory, List<WorkedExample>> extraExamples) {
    }

    private final String hypothesis;
    private final String variantA;
    private final String variantB;

    Experiment(String hypothesis, String variantA, String variantB) {
        this.hypothesis = hypothesis;
        this.variantA = variantA;
        this.variantB = variantB;
    }

    String hypothesis() {
        return hypothesis;
    }

    String describeA() {
        return variantA;
    }

    String describeB() {
        return variantB;
    }

    abstract Variant variant(AgentProfile profile, TestBank bank, List<CustodyTest> sample);
}
