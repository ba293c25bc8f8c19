package dev.lumen.domain.agent;

/** One of the four agents: studies what happened since its last cycle and says what it found and proposes. */
public interface Agent {

    AgentType type();

    CycleOutcome run(CycleContext context);
}
