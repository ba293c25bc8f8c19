package dev.lumen.domain.proactive;

import dev.lumen.domain.activity.Activity;
import dev.lumen.domain.activity.ActivityFeed;
import dev.lumen.domain.activity.ActivityKind;
import dev.lumen.domain.learning.LearningRepository;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Persona;
import dev.lumen.domain.persona.PersonaRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled trigger evaluation (hourly): every user with a chat turn in the activity feed's
 * window is an active user; for each, their turn times, emotional state, goals and connection are
 * gathered and handed to the {@link ProactivePlanner}, with the persona of their latest turn as the
 * voice. One user's failure (the model unavailable) is logged and counted, and the others go on:
 * the next run tries that user again, and the outbox keeps a retry from planning twice.
 */
public final class ProactiveEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(ProactiveEvaluation.class);
    /** Entries read per page of the feed. */
    static final int PAGE = 1_000;

    private final ActivityFeed feed;
    private final LearningRepository learning;
    private final PersonaRepository personas;
    private final CoreTraits coreTraits;
    private final GoalStatuses goals;
    private final Connections connections;
    private final java.util.function.Function<String, java.time.ZoneId> zones;
    private final ProactivePlanner planner;
    private final ProactiveSettings settings;
    private final Clock clock;

    public ProactiveEvaluation(ActivityFeed feed, LearningRepository learning, PersonaRepository personas,
                               CoreTraits coreTraits, GoalStatuses goals, Connections connections,
                               ProactivePlanner planner, ProactiveSettings settings, Clock clock) {
        this(feed, learning, personas, coreTraits, goals, connections, userId -> null, planner, settings, clock);
    }

    /**
     * @param zones each user's time zone, null when unknown (the analysis then uses UTC): quiet hours,
     *              active days and the usual hour are the user's local times
     */
    public ProactiveEvaluation(ActivityFeed feed, LearningRepository learning, PersonaRepository personas,
                               CoreTraits coreTraits, GoalStatuses goals, Connections connections,
                               java.util.function.Function<String, java.time.ZoneId> zones,
                               ProactivePlanner planner, ProactiveSettings settings, Clock clock) {
        this.zones = zones;
        this.feed = feed;
        this.learning = learning;
        this.personas = personas;
        this.coreTraits = coreTraits;
        this.goals = goals;
        this.connections = connections;
        this.planner = planner;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one run did. */
    public record Outcome(int usersEvaluated, List<ProactiveMessage> planned, int failed) {
        public Outcome {
            planned = List.copyOf(planned);
        }
    }

    public Outcome run() {
        Instant now = clock.instant();
        Map<String, UserTurns> users = activeUsers(now.minus(settings.lookback()), now);
        List<ProactiveMessage> planned = new ArrayList<>();
        int failed = 0;
        for (UserTurns user : users.values()) {
            try {
                evaluate(user).ifPresent(planned::add);
            } catch (RuntimeException e) {
                failed++;
                LOG.atWarn().setCause(e).addKeyValue("userId", user.userId).log("proactive evaluation failed for a user");
            }
        }
        LOG.atInfo().addKeyValue("users", users.size()).addKeyValue("planned", planned.size())
                .addKeyValue("failed", failed).log("proactive evaluation done");
        return new Outcome(users.size(), planned, failed);
    }

    private Optional<ProactiveMessage> evaluate(UserTurns user) {
        Optional<Persona> persona = personas.find(user.personaId);
        if (persona.isEmpty()) {
            return Optional.empty(); // deleted since: nobody to speak for
        }
        BehaviourInput input = new BehaviourInput(user.userId, user.turns,
                learning.emotionalState(user.userId).orElse(null), goals.of(user.userId), zones.apply(user.userId));
        return planner.plan(new ProactiveCandidate(input, coreTraits.view(persona.get()),
                connections.connected(user.userId)));
    }

    /** Chat turns in [from, to), read in pages so a busy window is read whole; the latest turn names the persona. */
    private Map<String, UserTurns> activeUsers(Instant from, Instant to) {
        Map<String, UserTurns> users = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Instant cursor = from;
        while (true) {
            List<Activity> page = feed.between(cursor, to, PAGE);
            for (Activity activity : page) {
                if (activity.kind() == ActivityKind.CHAT_TURN && activity.userId() != null
                        && activity.personaId() != null && seen.add(activity.id())) {
                    UserTurns user = users.computeIfAbsent(activity.userId(), UserTurns::new);
                    user.turns.add(activity.at());
                    user.personaId = activity.personaId();
                }
            }
            if (page.size() < PAGE) {
                return users;
            }
            Instant last = page.get(page.size() - 1).at();
            if (!last.isAfter(cursor)) {
                // A whole page at one instant: step past it rather than read it forever.
                last = last.plusNanos(1);
            }
            cursor = last;
        }
    }

    private static final class UserTurns {
        final String userId;
        final List<Instant> turns = new ArrayList<>();
        String personaId;

        UserTurns(String userId) {
            this.userId = userId;
        }
    }
}
