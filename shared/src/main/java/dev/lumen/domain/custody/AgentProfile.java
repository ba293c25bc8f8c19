package dev.lumen.domain.custody;

import dev.lumen.domain.agent.AgentType;
import java.util.List;
import java.util.Objects;

/**
 * How an agent answers custody tests: its role (the system prompt of every answer request) and
 * its home categories, whose reference answers in the bank are its starting few-shot material.
 * An agent therefore starts strong at home and weak elsewhere; knowledge transfer is how it learns
 * the rest.
 */
public record AgentProfile(AgentType agent, String systemPrompt, List<CustodyCategory> homeCategories) {

    public AgentProfile {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        homeCategories = List.copyOf(homeCategories);
    }

    public boolean isHome(CustodyCategory category) {
        return homeCategories.contains(category);
    }
}
