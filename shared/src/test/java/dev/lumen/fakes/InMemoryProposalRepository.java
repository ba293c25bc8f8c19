package dev.lumen.fakes;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.proposal.Proposal;
import dev.lumen.domain.proposal.ProposalRepository;
import dev.lumen.domain.proposal.ProposalStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ProposalRepository} in a map; the same ordering rules as the DynamoDB adapter. */
public final class InMemoryProposalRepository implements ProposalRepository {
    private static final Comparator<Proposal> NEWEST_FIRST =
            Comparator.comparing(Proposal::createdAt).thenComparing(Proposal::id).reversed();

    private final Map<String, Proposal> proposals = new LinkedHashMap<>();

    @Override
    public synchronized boolean add(Proposal proposal) {
        return proposals.putIfAbsent(proposal.id(), proposal) == null;
    }

    @Override
    public synchronized Optional<Proposal> find(String id) {
        return Optional.ofNullable(proposals.get(id));
    }

    @Override
    public synchronized List<Proposal> list(ProposalStatus status, AgentType agent, int limit) {
        return proposals.values().stream()
                .filter(p -> status == null || p.status() == status)
                .filter(p -> agent == null || p.agent() == agent)
                .sorted(NEWEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized boolean transition(Proposal updated, ProposalStatus expected) {
        Proposal stored = proposals.get(updated.id());
        if (stored == null || stored.status() != expected) {
            return false;
        }
        proposals.put(updated.id(), updated);
        return true;
    }
}
