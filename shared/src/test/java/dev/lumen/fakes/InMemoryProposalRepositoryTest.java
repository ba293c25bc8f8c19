package dev.lumen.fakes;

import dev.lumen.contract.ProposalRepositoryContract;
import dev.lumen.domain.proposal.ProposalRepository;

class InMemoryProposalRepositoryTest extends ProposalRepositoryContract {
    @Override
    protected ProposalRepository newRepository() {
        return new InMemoryProposalRepository();
    }
}
