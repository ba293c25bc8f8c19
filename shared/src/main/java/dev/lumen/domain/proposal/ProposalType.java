package dev.lumen.domain.proposal;

/** The kinds of change an agent may propose. */
public enum ProposalType {
    /** Raise or lower one trait of one persona; applies itself when approved, through the trait-update use case. */
    TRAIT_ADJUSTMENT,
    /** A new system-prompt wording (for a persona or for an agent). */
    PROMPT_CHANGE,
    /** Knowledge a creator's base is missing. */
    KNOWLEDGE_ADDITION,
    /** A runtime setting (model, budget, rate limit, authentication, …). */
    CONFIGURATION_CHANGE
}
