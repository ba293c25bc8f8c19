package dev.lumen.domain.agent.sandbox;

import dev.lumen.domain.custody.AgentProfile;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyTest;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.custody.AgentProfiles;
import dev.lumen.domain.custody.ExamAnswerer;
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
     * B carries, in every category, the worked examples the other three agents hold today (their
     * home material and what they were taught): would pooling the team's material help more than
     * transfer's one category at a time? The material is whatever the agents hold when the cycle
     * runs, so the answer changes as transfers happen.
     */
    TEAM_MATERIAL("Pooling the other agents' worked examples into the agent's own raises its custody scores.",
            "the agent with its own material", "the agent plus every other agent's worked examples") {
        @Override
        Variant variant(AgentProfile profile, ExamAnswerer answerer, List<CustodyTest> sample) {
            Map<CustodyCategory, List<WorkedExample>> extra = new EnumMap<>(CustodyCategory.class);
            for (CustodyCategory category : CustodyCategory.values()) {
                List<WorkedExample> pooled = new java.util.ArrayList<>();
                for (AgentType other : AgentType.values()) {
                    if (other != profile.agent()) {
                        pooled.addAll(answerer.examples(AgentProfiles.of(other), category, List.of()));
                    }
                }
                extra.put(category, pooled);
            }
            return new Variant(profile, extra);
        }
    },
    /**
     * B answers with at most {@link #FEW} worked examples per category instead of up to
     * {@link ExamAnswerer#MAX_EXAMPLES}: shorter prompts cost less; does quality hold?
     */
    FEWER_EXAMPLES("Keeping only the last " + Experiment.FEW + " worked examples per category holds the agent's custody"
            + " scores at a fraction of the prompt tokens.", "the agent with all its worked examples",
            "the agent with its last " + Experiment.FEW + " worked examples per category") {
        @Override
        Variant variant(AgentProfile profile, ExamAnswerer answerer, List<CustodyTest> sample) {
            return new Variant(profile, Map.of(), FEW);
        }
    },
    /**
     * B adds one instruction line to the agent's system prompt. The offline model ignores wording,
     * so offline this is an honest null result; with a real model it measures the line.
     */
    TERSE_INSTRUCTION("Telling the agent to name the key terms first in one sentence raises its custody scores.",
            "the agent's system prompt", "the system prompt plus: " + Experiment.TERSE_LINE) {
        @Override
        Variant variant(AgentProfile profile, ExamAnswerer answerer, List<CustodyTest> sample) {
            return new Variant(new AgentProfile(profile.agent(), profile.systemPrompt() + "\n" + TERSE_LINE,
                    profile.homeCategories()), Map.of());
        }
    };

    static final int FEW = 4;
    static final String TERSE_LINE = "Name the key terms first, in one sentence.";
    static final List<Experiment> ALL = List.of(values());

    /**
     * How a variant answers: its profile (system prompt), extra worked examples per category, and
     * how many worked examples per category it keeps at most.
     */
    record Variant(AgentProfile profile, Map<CustodyCategory, List<WorkedExample>> extraExamples, int maxExamples) {
        Variant(AgentProfile profile, Map<CustodyCategory, List<WorkedExample>> extraExamples) {
            this(profile, extraExamples, ExamAnswerer.MAX_EXAMPLES);
        }
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

    abstract Variant variant(AgentProfile profile, ExamAnswerer answerer, List<CustodyTest> sample);
}
