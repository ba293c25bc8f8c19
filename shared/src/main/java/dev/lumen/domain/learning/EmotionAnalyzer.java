package dev.lumen.domain.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how a user seems to feel from the words of one message, with a small lexicon: no model
 * call, so it costs nothing, never fails and gives the same answer every time.
 *
 * <p>Each cue word or phrase votes for a state ({@code anxious}, {@code joyful}, …). A cue right
 * after an intensifier ("so", "really") counts more, after a softener ("a bit") less; a negated
 * cue ("not happy", "don't worry") counts for the opposite state where there is a clear one, and
 * for nothing otherwise. The state with the most weight wins; its level grows with that weight and
 * with exclamation marks. A message without cues says nothing about the user's feelings.
 */
public final class EmotionAnalyzer {
    static final int LONGEST_CUE = 3;
    // How far before a cue a "not" or a "very" still belongs to it: "not feeling very happy".
    private static final int LOOK_BACK = 3;
    private static final double INTENSIFIED = 1.5;
    private static final double SOFTENED = 0.6;
    private static final double NEGATED = 0.6;
    private static final double PER_EXCLAMATION = 0.05;
    private static final int MAX_EXCLAMATIONS = 3;
    // Saturation rate of the level: one plain cue ~0.4, two ~0.63, three ~0.78.
    private static final double LEVEL_RATE = 0.5;

    /** Words, clause punctuation, and emoji (which carry feelings in short messages). */
    private static final Pattern TOKEN = Pattern.compile(
            "[a-z0-9]+(?:'[a-z]+)*|[.!?;,:()\\n]|[\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}]");
    private static final Set<String> BREAKS = Set.of(".", "!", "?", ";", ",", ":", "(", ")", "\n", "but",
            "though", "although", "however");
    private static final Set<String> NEGATORS = Set.of("not", "no", "never", "don't", "dont", "doesn't", "didn't",
            "isn't", "wasn't", "aren't", "weren't", "won't", "can't", "cannot", "couldn't", "hardly", "barely",
            "nor", "without", "ain't", "haven't", "hasn't");
    private static final Set<String> INTENSIFIERS = Set.of("very", "so", "really", "extremely", "super",
            "incredibly", "totally", "completely", "absolutely", "too", "truly", "deeply", "terribly", "awfully",
            "utterly", "insanely", "seriously", "quite");
    private static final Set<String> SOFTENERS = Set.of("bit", "little", "slightly", "somewhat", "kinda", "kind",
            "sort", "sorta", "fairly", "mildly", "rather");

    /** Cue (one to {@link #LONGEST_CUE} words, or one emoji) to the state it suggests. */
    private static final Map<String, String> CUES = cues();
    /** What a negated cue suggests instead; states missing here are dropped when negated. */
    private static final Map<String, String> OPPOSITE = Map.of(
            "joyful", "sad", "hopeful", "sad", "calm", "anxious",
            "anxious", "calm", "stressed", "calm", "angry", "calm", "sad", "calm");

    /**
     * The state the message shows, as of {@code at}, or empty when it shows none.
     */
    public Optional<EmotionalState> analyze(String message, Instant at) {
        String text = PlainText.of(message);
        List<String> tokens = tokens(text);
        Map<String, Double> weight = new LinkedHashMap<>(); // insertion order = first cue, breaks ties
        Set<String> triggers = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); ) {
            int length = cueLength(tokens, i);
            if (length == 0) {
                i++;
                continue;
            }
            String cue = String.join(" ", tokens.subList(i, i + length));
            Context context = context(tokens, i);
            String state = CUES.get(cue);
            double vote = 1.0;
            String trigger = cue;
            if (context.negator != null) {
                state = OPPOSITE.get(state);
                vote = NEGATED;
                trigger = context.negator + " " + cue;
            } else if (context.intensified) {
                vote = INTENSIFIED;
            } else if (context.softened) {
                vote = SOFTENED;
            }
            if (state != null) {
                weight.merge(state, vote, Double::sum);
                if (triggers.size() < EmotionalState.MAX_TRIGGERS) {
                    triggers.add(trigger);
                }
            }
            i += length;
        }
        if (weight.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<String, Double> strongest = null;
        for (Map.Entry<String, Double> entry : weight.entrySet()) {
            if (strongest == null || entry.getValue() > strongest.getValue()) {
                strongest = entry;
            }
        }
        long exclamations = Math.min(MAX_EXCLAMATIONS, text.chars().filter(c -> c == '!').count());
        double level = 1 - Math.exp(-LEVEL_RATE * strongest.getValue()) + PER_EXCLAMATION * exclamations;
        level = Math.round(Math.max(0.05, Math.min(1.0, level)) * 100) / 100.0;
        return Optional.of(new EmotionalState(level, strongest.getKey(), List.copyOf(triggers), at,
                EmotionalState.LEARNED));
    }

    /** Whether a single word is itself a feeling cue ("anxious", "happy"), for {@link IntentKey}. */
    static boolean isFeelingWord(String word) {
        return CUES.containsKey(word) && !word.contains(" ");
    }

    static List<String> tokens(String plainText) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(plainText);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** The length of the longest cue starting at {@code i}, 0 when none does. */
    private static int cueLength(List<String> tokens, int i) {
        for (int length = Math.min(LONGEST_CUE, tokens.size() - i); length > 0; length--) {
            if (CUES.containsKey(String.join(" ", tokens.subList(i, i + length)))) {
                return length;
            }
        }
        return 0;
    }

    private record Context(String negator, boolean intensified, boolean softened) {
    }

    /** What the few words before a cue, within its clause, do to it. */
    private static Context context(List<String> tokens, int cueStart) {
        String negator = null;
        boolean intensified = false;
        boolean softened = false;
        for (int j = cueStart - 1; j >= Math.max(0, cueStart - LOOK_BACK); j--) {
            String word = tokens.get(j);
            if (BREAKS.contains(word)) {
                break;
            }
            if (negator == null && NEGATORS.contains(word)) {
                negator = word;
            } else if (INTENSIFIERS.contains(word)) {
                intensified = true;
            } else if (SOFTENERS.contains(word)) {
                softened = true;
            }
        }
        return new Context(negator, intensified, softened);
    }

    private static Map<String, String> cues() {
        Map<String, String> cues = new HashMap<>();
        add(cues, "joyful", "happy", "glad", "joyful", "joy", "excited", "exciting", "thrilled", "delighted",
                "ecstatic", "cheerful", "elated", "overjoyed", "proud", "yay", "hooray", "feel great",
                "feeling great", "feel good", "feeling good", "can't wait", "cant wait",
                "\uD83D\uDE0A", "\uD83D\uDE00", "\uD83D\uDE03", "\uD83D\uDE04", "\uD83D\uDE01", "\uD83D\uDE42",
                "\uD83C\uDF89", "\uD83E\uDD73");
        add(cues, "grateful", "grateful", "thankful", "thank you", "thanks", "appreciate it", "i appreciate",
                "blessed", "\uD83D\uDE4F");
        add(cues, "calm", "calm", "relaxed", "peaceful", "at peace", "serene", "rested", "at ease",
                "\uD83D\uDE0C");
        add(cues, "hopeful", "hopeful", "optimistic", "looking forward", "encouraged", "motivated", "inspired",
                "confident");
        add(cues, "anxious", "anxious", "anxiety", "nervous", "worried", "worry", "worrying", "worries", "scared",
                "afraid", "fear", "fearful", "panic", "panicking", "panic attack", "uneasy", "terrified",
                "\uD83D\uDE30", "\uD83D\uDE1F", "\uD83D\uDE28");
        add(cues, "stressed", "stressed", "stress", "stressful", "overwhelmed", "overwhelming", "under pressure",
                "burned out", "burnt out", "burnout", "swamped", "too much", "frazzled");
        add(cues, "sad", "sad", "unhappy", "depressed", "miserable", "heartbroken", "crying", "cried", "upset",
                "feel down", "feeling down", "so down", "hopeless", "devastated", "grief", "grieving", "gloomy",
                "\uD83D\uDE22", "\uD83D\uDE2D", "\uD83D\uDE1E", "\uD83D\uDE41", "\u2639");
        add(cues, "lonely", "lonely", "loneliness", "feel alone", "feeling alone", "so alone", "all alone",
                "isolated", "no friends", "left out", "nobody cares", "no one cares");
        add(cues, "angry", "angry", "mad at", "furious", "pissed", "pissed off", "outraged", "livid", "rage",
                "enraged", "resentful", "\uD83D\uDE21", "\uD83D\uDE20");
        add(cues, "frustrated", "frustrated", "frustrating", "frustration", "annoyed", "annoying", "irritated",
                "fed up", "stuck", "sick of", "tired of");
        add(cues, "confused", "confused", "confusing", "puzzled", "don't understand", "do not understand",
                "not sure", "unsure", "feel lost", "feeling lost", "i'm lost", "so lost", "makes no sense",
                "no idea", "\uD83D\uDE15");
        add(cues, "tired", "tired", "exhausted", "sleepy", "drained", "worn out", "fatigued", "weary", "no energy",
                "\uD83D\uDE34", "\uD83E\uDD71");
        return Map.copyOf(cues);
    }

    private static void add(Map<String, String> cues, String state, String... phrases) {
        for (String phrase : phrases) {
            if (cues.put(phrase, state) != null) {
                throw new IllegalStateException("cue '" + phrase + "' is listed twice");
            }
        }
    }
}
