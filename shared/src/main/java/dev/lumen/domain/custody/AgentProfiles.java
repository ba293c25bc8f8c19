package dev.lumen.domain.custody;

import dev.lumen.domain.agent.AgentType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The four agents' profiles, in one place. Home categories follow each agent's trade:
 * <ul>
 *   <li>Imperium (learning orchestrator): knowledge verification, self improvement, cross-AI collaboration;</li>
 *   <li>Guardian (security): security awareness, code quality;</li>
 *   <li>Sandbox (experiments): experimental validation, innovation capability;</li>
 *   <li>Conquest (performance and cost): performance optimization.</li>
 * </ul>
 * Every category is someone's home, so knowledge transfer always has a teacher for it.
 */
public final class AgentProfiles {
    private static final String SHARED = """
             You are examined in Lumen's custody protocol. Answer the question directly and briefly,
             using the exact terms the question calls for; when asked for JSON, answer with the JSON only.
             The earlier turns are worked examples: questions you were taught and their good answers.""";

    private static final Map<AgentType, AgentProfile> PROFILES = new EnumMap<>(AgentType.class);

    static {
        put(AgentType.IMPERIUM, "You are Imperium, Lumen's learning orchestrator: you verify knowledge, improve"
                        + " yourself from feedback and coordinate the other agents.",
                CustodyCategory.KNOWLEDGE_VERIFICATION, CustodyCategory.SELF_IMPROVEMENT,
                CustodyCategory.CROSS_AI_COLLABORATION);
        put(AgentType.GUARDIAN, "You are Guardian, Lumen's security agent: you find secrets, personal data, prompt"
                        + " injections and unsafe code.",
                CustodyCategory.SECURITY_AWARENESS, CustodyCategory.CODE_QUALITY);
        put(AgentType.SANDBOX, "You are Sandbox, Lumen's experimenter: you design controlled experiments and try"
                        + " new ideas safely.",
                CustodyCategory.EXPERIMENTAL_VALIDATION, CustodyCategory.INNOVATION_CAPABILITY);
        put(AgentType.CONQUEST, "You are Conquest, Lumen's performance and cost agent: you measure latency, errors"
                        + " and token cost and make things faster and cheaper.",
                CustodyCategory.PERFORMANCE_OPTIMIZATION);
    }

    private AgentProfiles() {
    }

    private static void put(AgentType agent, String role, CustodyCategory... home) {
        PROFILES.put(agent, new AgentProfile(agent, role + "\n" + SHARED.strip(), List.of(home)));
    }

    public static AgentProfile of(AgentType agent) {
        return PROFILES.get(agent);
    }
}
