package dev.lumen.fakes;

import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.learning.ConversationPattern;
import dev.lumen.domain.learning.EmotionalState;
import dev.lumen.domain.learning.InteractionLearning;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.learning.TokenUsage;
import dev.lumen.domain.learning.TokenUsage.UsageScope;
import dev.lumen.domain.learning.UserEmotion;
import dev.lumen.domain.learning.UserProfile;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory {@link LearningRepository}; same contract as the real adapters. Built with the
 * conversation and pending fakes, {@link #apply} also puts the traits on the reply message and
 * removes the pending interaction, as the DynamoDB adapter does in the same transaction. Every
 * method holds one lock, which gives the atomicity and the no-lost-update guarantee for free.
 */
public final class InMemoryLearningRepository implements LearningRepository {
    private final InMemoryConversationRepository conversations;
    private final InMemoryPendingInteractions pending;
    private final Set<String> applied = new HashSet<>();
    private final Map<String, UserEmotion> emotions = new HashMap<>();
    private final Map<String, UserProfile> profiles = new HashMap<>();
    private final Map<List<String>, ConversationPattern> patterns = new HashMap<>();
    private final Map<List<String>, TokenUsage> usage = new HashMap<>();

    public InMemoryLearningRepository() {
        this(null, null);
    }

    /** @param conversations may be null (traits are then dropped); so may {@code pending} */
    public InMemoryLearningRepository(InMemoryConversationRepository conversations, InMemoryPendingInteractions pending) {
        this.conversations = conversations;
        this.pending = pending;
    }

    @Override
    public synchronized boolean isApplied(String interactionId) {
        return applied.contains(interactionId);
    }

    @Override
    public synchronized boolean apply(InteractionLearning learning) {
        InteractionRecorded interaction = learning.interaction();
        if (!applied.add(interaction.interactionId())) {
            return false;
        }
        if (conversations != null && !learning.traits().isEmpty()) {
            // A reply that is gone (expired) simply gets no traits, as in the real store.
            conversations.storeTraits(interaction.personaId(), interaction.sessionId(), interaction.interactionId(),
                    learning.traits());
        }
        String userId = interaction.userId();
        if (userId != null) {
            if (learning.emotion() != null) {
                setEmotionalState(userId, learning.emotion());
            }
            profiles.put(userId, profiles.getOrDefault(userId, UserProfile.empty(userId))
                    .merge(learning.profile(), interaction.occurredAt()));
            patterns.merge(List.of(interaction.personaId(), userId, learning.intentKey()),
                    new ConversationPattern(interaction.personaId(), userId, learning.intentKey(), 1,
                            interaction.occurredAt()),
                    (old, one) -> new ConversationPattern(old.personaId(), old.userId(), old.intent(),
                            old.frequency() + 1, latest(old.lastUsedAt(), one.lastUsedAt())));
        }
        Usage spent = interaction.usage() == null ? Usage.NONE : interaction.usage();
        count(UsageScope.USER, userId == null ? TokenUsage.ANONYMOUS_USER : userId, spent);
        count(UsageScope.PERSONA, interaction.personaId(), spent);
        if (interaction.model() != null) {
            count(UsageScope.MODEL, interaction.model(), spent);
        }
        if (pending != null) {
            pending.remove(interaction.interactionId());
        }
        return true;
    }

    @Override
    public synchronized Optional<UserEmotion> emotionalState(String userId) {
        return Optional.ofNullable(emotions.get(userId));
    }

    @Override
    public synchronized UserEmotion setEmotionalState(String userId, EmotionalState state) {
        UserEmotion current = emotions.get(userId);
        UserEmotion next = current == null ? UserEmotion.first(userId, state) : current.with(state);
        emotions.put(userId, next);
        return next;
    }

    @Override
    public synchronized void replaceProfile(UserProfile profile) {
        profiles.put(profile.userId(), profile);
    }

    @Override
    public synchronized Optional<UserProfile> profile(String userId) {
        return Optional.ofNullable(profiles.get(userId));
    }

    @Override
    public synchronized List<ConversationPattern> patterns(String personaId, String userId) {
        List<ConversationPattern> found = new ArrayList<>();
        patterns.values().forEach(p -> {
            if (p.personaId().equals(personaId) && p.userId().equals(userId)) {
                found.add(p);
            }
        });
        found.sort(Comparator.comparingLong(ConversationPattern::frequency).reversed()
                .thenComparing(ConversationPattern::lastUsedAt, Comparator.reverseOrder())
                .thenComparing(ConversationPattern::intent));
        return List.copyOf(found);
    }

    @Override
    public synchronized int eraseUser(String userId) {
        int erased = 0;
        erased += emotions.remove(userId) == null ? 0 : 1;
        erased += profiles.remove(userId) == null ? 0 : 1;
        int patternsBefore = patterns.size();
        patterns.values().removeIf(p -> p.userId().equals(userId));
        erased += patternsBefore - patterns.size();
        erased += usage.remove(List.of(UsageScope.USER.name(), userId)) == null ? 0 : 1;
        if (conversations != null) {
            erased += conversations.forgetSessionsOf(userId);
        }
        return erased;
    }

    @Override
    public synchronized TokenUsage usage(UsageScope scope, String id) {
        return usage.getOrDefault(List.of(scope.name(), id), TokenUsage.none(scope, id));
    }

    /** How many users have an emotional state and how many patterns exist, as the statistics count them. */
    public synchronized long emotionalStates() {
        return emotions.size();
    }

    public synchronized long patternCount() {
        return patterns.size();
    }

    private void count(UsageScope scope, String id, Usage spent) {
        usage.merge(List.of(scope.name(), id), new TokenUsage(scope, id, 1, spent.inputTokens(), spent.outputTokens()),
                (a, b) -> new TokenUsage(scope, id, a.interactions() + 1, a.inputTokens() + b.inputTokens(),
                        a.outputTokens() + b.outputTokens()));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
