package dev.lumen.fakes;

import dev.lumen.contract.TypingRepositoryContract;
import dev.lumen.domain.presence.TypingRepository;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryTypingRepositoryTest extends TypingRepositoryContract {

    @Override
    protected TypingRepository newRepository() {
        return new InMemoryTypingRepository();
    }
}
