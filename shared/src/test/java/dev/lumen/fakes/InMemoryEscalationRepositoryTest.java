package dev.lumen.fakes;

import dev.lumen.contract.EscalationRepositoryContract;
import dev.lumen.domain.escalation.EscalationRepository;

class InMemoryEscalationRepositoryTest extends EscalationRepositoryContract {
    @Override
    protected EscalationRepository newRepository() {
        return new InMemoryEscalationRepository();
    }
}
