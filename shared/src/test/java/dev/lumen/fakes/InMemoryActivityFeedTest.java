package dev.lumen.fakes;

import dev.lumen.contract.ActivityFeedContract;
import dev.lumen.domain.activity.ActivityFeed;

class InMemoryActivityFeedTest extends ActivityFeedContract {
    @Override
    protected ActivityFeed newFeed() {
        return new InMemoryActivityFeed();
    }
}
