package dev.lumen.domain.custody;

import java.util.EnumMap;
import java.util.Map;

/** What each custody category examines, in a sentence, for the API's category listing. */
final class CustodyCatalog {
    private static final Map<CustodyCategory, String> DESCRIPTIONS = new EnumMap<>(Map.of(
            CustodyCategory.KNOWLEDGE_VERIFICATION, "Checks facts and sources: knows what is true, what is uncertain and how to verify it.",
            CustodyCategory.CODE_QUALITY, "Reads and writes code well: correctness, clarity, tests and safe error handling.",
            CustodyCategory.SECURITY_AWARENESS, "Spots secrets, personal data, prompt injection and unsafe settings, and responds safely.",
            CustodyCategory.PERFORMANCE_OPTIMIZATION, "Reasons about latency, throughput, caching and cost, with measurements.",
            CustodyCategory.INNOVATION_CAPABILITY, "Proposes new approaches and weighs them against what exists.",
            CustodyCategory.SELF_IMPROVEMENT, "Learns from feedback and failures and changes its own behaviour.",
            CustodyCategory.CROSS_AI_COLLABORATION, "Works with other agents: hand-offs, shared formats, disagreement and escalation.",
            CustodyCategory.EXPERIMENTAL_VALIDATION, "Designs experiments: hypotheses, controls, samples and significance."));

    private CustodyCatalog() {
    }

    static String description(CustodyCategory category) {
        return DESCRIPTIONS.get(category);
    }
}
