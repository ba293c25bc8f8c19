package dev.lumen.fakes;

import dev.lumen.contract.ProactiveOutboxContract;
import dev.lumen.domain.proactive.ProactiveOutbox;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryProactiveOutboxTest extends ProactiveOutboxContract {

    @Override
    protected ProactiveOutbox newOutbox() {
        return new InMemoryProactiveOutbox();
    }
}
