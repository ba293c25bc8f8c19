package dev.lumen.fakes;

import dev.lumen.contract.PersonaRepositoryContract;
import dev.lumen.domain.persona.PersonaRepository;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryPersonaRepositoryTest extends PersonaRepositoryContract {

    @Override
    protected PersonaRepository newRepository() {
        return new InMemoryPersonaRepository();
    }
}
