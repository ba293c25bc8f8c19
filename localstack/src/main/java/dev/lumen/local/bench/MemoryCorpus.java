package dev.lumen.local.bench;

import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.memory.InteractionRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chat exchanges shaped like Lumen's memories, generated from a seed (the same on every run).
 *
 * <p>Layout: {@value #TENANTS} tenants × {@value #PERSONAS_PER_TENANT} personas, {@value #USERS} users,
 * each talking to one persona, so {@code n} memories give each user {@code n / USERS} (100 at 10,000,
 * about what a regular user gathers) and each persona {@code n / 10}. Every user talks about
 * {@value #TOPICS_PER_USER} of {@code TOPICS.length} topics in varied sentences, so a user's memories
 * have near neighbours and rivals, as real ones do; recall messages ask about one of the user's topics.
 */
final class MemoryCorpus {
    static final int TENANTS = 2;
    static final int PERSONAS_PER_TENANT = 5;
    static final int USERS = 100;
    private static final int TOPICS_PER_USER = 8;
    private static final int TURNS_PER_SESSION = 20;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private static final String[] TOPICS = {
        "my half marathon training", "my sleep schedule", "learning Spanish", "the job interview at the bank",
        "my sister's wedding", "cooking vegetarian meals", "my lower back pain", "saving money for a flat",
        "my dog Max", "piano practice", "the move to Berlin", "my thesis on soil bacteria", "quitting coffee",
        "my daughter's school", "the garden and the tomatoes", "my anxiety before meetings",
        "the side project app in Kotlin", "my grandmother in hospital", "the trip to Japan in April",
        "swimming lessons", "my manager's feedback", "the book club", "reading more novels",
        "my budget spreadsheet", "the marathon in October", "meditation in the morning",
        "the argument with my flatmate", "the new bike", "my German exam", "losing weight slowly",
        "my sourdough starter", "the photography course", "our wedding anniversary", "my migraine days",
        "the startup pitch", "volunteering at the shelter", "the chess tournament", "my posture at work",
        "the kitchen renovation", "my son's football games", "getting up earlier", "the podcast I want to start",
        "my knee injury", "writing a short story", "the promotion at work", "my tax return",
        "the camping weekend", "learning to drive",
    };
    private static final String[] OPENERS = {
        "Can we talk about", "I am worried about", "Quick update on", "I made some progress with",
        "I keep failing at", "I need a plan for", "Today was hard because of", "I feel good about",
        "I was thinking again about", "Help me with",
    };
    private static final String[] DETAILS = {
        " this week", " again", " since Monday", " after work", " with my partner", ", it is going better",
        ", I skipped two days", " and I am tired", " before the weekend", ", my friend says I overdo it",
        " even though it rained", ", I almost gave up",
    };
    private static final String[] REPLY_OPENERS = {
        "Good to hear about", "Let's break down", "That sounds tough. About", "Here is one small step for",
        "You have come a long way with", "Remember what worked before for", "Let's be kind to yourself about",
        "A simple rule for",
    };
    private static final String[] ADVICE = {
        "start with ten minutes a day", "write down what went well tonight", "keep the same time every evening",
        "ask a friend to join you", "set one small goal for Friday", "rest fully one day a week",
        "track it in a notebook", "do the hardest part first in the morning", "reward yourself after each step",
        "plan the next session before you stop", "cut the task in halves until it feels easy",
        "tell me tomorrow how it went", "prepare everything the night before", "drink water and sleep early",
        "compare with last month, not with others", "accept a slower week without guilt",
    };
    private static final String[] QUESTIONS = {
        "What did I tell you about %s?", "Any new ideas for %s?", "How am I doing with %s?",
        "Remind me of your advice on %s.", "I want to get back to %s, where were we?",
        "What was my last update on %s?",
    };

    private final int[][] userTopics = new int[USERS][TOPICS_PER_USER];

    MemoryCorpus(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int u = 0; u < USERS; u++) {
            List<Integer> all = new ArrayList<>();
            for (int t = 0; t < TOPICS.length; t++) {
                all.add(t);
            }
            for (int i = 0; i < TOPICS_PER_USER; i++) {
                userTopics[u][i] = all.remove(random.nextInt(all.size()));
            }
        }
    }

    /** One exchange as {@code MemoryService} stores it. */
    record Memory(String id, String tenant, String personaId, String userId, String sessionId, String userText,
                  String replyText, Instant occurredAt) {
        /** The text {@code MemoryService.remember} embeds and stores. */
        String text() {
            return "User: " + userText + "\nAssistant: " + replyText;
        }

        InteractionRecorded interaction() {
            return new InteractionRecorded(id, tenant, personaId, userId, sessionId, id + "-user", userText, replyText,
                    "offline", new Usage(40, 60), occurredAt);
        }
    }

    /** A chat message whose memories are recalled: this persona and user only. */
    record RecallMessage(String tenant, String personaId, String userId, String text) {
    }

    /** Memory {@code i} of the index; memories {@code 0..n-1} give every user {@code n / USERS}. */
    Memory memory(String idPrefix, int i) {
        int user = i % USERS;
        int turn = i / USERS;
        SplittableRandom random = new SplittableRandom(31L * i + idPrefix.hashCode());
        String topic = TOPICS[userTopics[user][random.nextInt(TOPICS_PER_USER)]];
        String userText = pick(random, OPENERS) + " " + topic + pick(random, DETAILS) + ".";
        String replyText = pick(random, REPLY_OPENERS) + " " + topic + ": " + pick(random, ADVICE) + ", and "
                + pick(random, ADVICE) + ".";
        return new Memory(idPrefix + i, tenant(user), persona(user), "user-" + user,
                "session-" + user + "-" + (turn / TURNS_PER_SESSION), userText, replyText,
                START.plusSeconds(60L * i));
    }

    /** Recall message {@code n}: a user picked from the seed asks about one of their topics. */
    RecallMessage recallMessage(int n) {
        SplittableRandom random = new SplittableRandom(7_919L * n + 1);
        int user = random.nextInt(USERS);
        String topic = TOPICS[userTopics[user][random.nextInt(TOPICS_PER_USER)]];
        return new RecallMessage(tenant(user), persona(user), "user-" + user,
                String.format(pick(random, QUESTIONS), topic));
    }

    private static String tenant(int user) {
        return "creator-" + (user % (TENANTS * PERSONAS_PER_TENANT)) / PERSONAS_PER_TENANT;
    }

    private static String persona(int user) {
        return "persona-" + user % (TENANTS * PERSONAS_PER_TENANT);
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
