package dev.lumen.functions.agent;

import dev.lumen.domain.agent.Agent;
import dev.lumen.domain.agent.AgentCycles;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.agent.CycleContext;
import dev.lumen.domain.agent.CycleOutcome;
import dev.lumen.domain.agent.Finding;
import dev.lumen.domain.agent.FindingKind;
import dev.lumen.domain.agent.Severity;
import dev.lumen.fakes.InMemoryAgentRunRepository;
import dev.lumen.fakes.InMemoryCustodyRepository;
import dev.lumen.fakes.InMemoryFindingRepository;
import dev.lumen.fakes.RecordingAgentWorkPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The agent platform over in-memory fakes: Guardian finds one secret per cycle, Conquest throws, the others are missing. */
public final class AgentPlatformFixture {
    public final RecordingAgentWorkPublisher publisher = new RecordingAgentWorkPublisher();
    public final InMemoryAgentRunRepository runs = new InMemoryAgentRunRepository();
    public final InMemoryFindingRepository findings = new InMemoryFindingRepository();
    public final InMemoryCustodyRepository custody = new InMemoryCustodyRepository();
    public final AtomicInteger guardianCycles = new AtomicInteger();
    public final AgentCycles cycles;

    public AgentPlatformFixture() {
        Map<AgentType, Agent> agents = new EnumMap<>(AgentType.class);
        agents.put(AgentType.GUARDIAN, new Agent() {
            @Override
            public AgentType type() {
                return AgentType.GUARDIAN;
            }

            @Override
            public CycleOutcome run(CycleContext context) {
                guardianCycles.incrementAndGet();
                return new CycleOutcome(7, List.of(new Finding(context.runId() + "-0", AgentType.GUARDIAN, context.runId(),
                        FindingKind.SECURITY, Severity.HIGH, "Secret in a knowledge chunk", "an AWS key",
                        Map.of("chunkId", "c-1"), context.now())), List.of(), List.of());
            }
        });
        agents.put(AgentType.CONQUEST, new Agent() {
            @Override
            public AgentType type() {
                return AgentType.CONQUEST;
            }

            @Override
            public CycleOutcome run(CycleContext context) {
                throw new IllegalStateException("usage ledger unreadable");
            }
        });
        cycles = new AgentCycles(publisher, runs, findings, (agent, runId, drafts, at) -> List.of(),
                (agent, runId) -> {
                    throw new IllegalStateException("no examiner here");
                }, custody, agents, Map.of(), Duration.ofMinutes(5), Clock.systemUTC());
    }
}
