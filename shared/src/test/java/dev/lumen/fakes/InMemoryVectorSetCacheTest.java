package dev.lumen.fakes;

import dev.lumen.contract.VectorSetCacheContract;
import dev.lumen.domain.vector.VectorSetCache;

/** The fake must keep the same contract as the real adapters, or domain tests prove nothing. */
class InMemoryVectorSetCacheTest extends VectorSetCacheContract {

    @Override
    protected VectorSetCache newCache() {
        return new InMemoryVectorSetCache();
    }
}
