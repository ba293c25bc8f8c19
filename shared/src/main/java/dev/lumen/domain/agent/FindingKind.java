package dev.lumen.domain.agent;

/** What an agent found, by the agent's trade. */
public enum FindingKind {
    /** Imperium: something learned from interactions, feedback or the other agents. */
    INSIGHT,
    /** Imperium: a custody category taught by the best agent to the weakest, with before/after scores. */
    KNOWLEDGE_TRANSFER,
    /** Guardian: a secret, personal data, an injection, a missed red flag or a risky setting. */
    SECURITY,
    /** Sandbox: one experiment — hypothesis, variants, scores, winner, significance. */
    EXPERIMENT,
    /** Conquest: a performance or cost recommendation with its evidence. */
    RECOMMENDATION
}
