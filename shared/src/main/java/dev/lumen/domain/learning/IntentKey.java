package dev.lumen.domain.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalised intent of a user message, the key {@link ConversationPattern}s are counted by:
 * the kind of message and, where it helps, its main topic word, e.g. {@code ask-how:sleep},
 * {@code set-goal:marathon}, {@code greeting}.
 *
 * <p>Different wordings of the same intent should land on the same key ("How do I sleep better?",
 * "how can I improve my sleeping"), so the rules look at a few cue phrases rather than the whole
 * sentence, and the topic is the longest content word (short words are rarely the topic), stemmed.
 * A key is never null, at most {@link #MAX_LENGTH} characters of {@code [a-z0-9:-]}, and the same
 * message always gives the same key.
 *
 * <p>Kinds: greeting, farewell, thanks, ask-advice, ask-why, ask-how, ask-what, ask-when,
 * ask-where, ask-who, request, share-feeling, set-goal, report-progress, ask (another question),
 * statement.
 */
public final class IntentKey {
    public static final int MAX_LENGTH = 60;
    static final int MAX_TOPIC = 30;
    private static final int MIN_TOPIC = 3;

    private static final String OPENER_TAIL = "(?:\\s+(?:there|again|everyone|all|guys|friend|[a-z]+(?=\\s*[,!.])))?";
    private static final Pattern GREETING = Pattern.compile(
            "^(?:hi|hello|hey|heya|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day))\\b" + OPENER_TAIL);
    private static final Pattern SMALL_TALK = Pattern.compile(
            "^(?:how are (?:you|u)(?: doing)?(?: today)?|how's it going|hows it going|how have you been|what's up|whats up|sup)\\W*$");
    private static final Pattern THANKS = Pattern.compile(
            "^(?:thanks|thank you|thank u|thx|ty|many thanks|cheers|much appreciated|i appreciate (?:it|that|this|you))\\b");
    private static final Pattern FAREWELL = Pattern.compile(
            "^(?:bye|goodbye|good bye|good night|goodnight|see you|see ya|talk (?:to you )?(?:later|soon|tomorrow)|ttyl|later)\\b");
    /** Where an opener's clause ends: after it, the rest of the message says what the user wants. */
    private static final Pattern CLAUSE_END = Pattern.compile("[.!?,;:]");

    private static final Pattern ADVICE = Pattern.compile("\\b(?:should i|what should|any (?:advice|tips|suggestions"
            + "|ideas|recommendations)|your advice|some advice|advise|recommend|suggest|what would you do"
            + "|is it better to|tips (?:for|on)|advice (?:for|on))\\b");
    private static final Pattern WHY = Pattern.compile("^why\\b");
    private static final Pattern HOW = Pattern.compile("^how\\b|\\bhow to\\b|\\bwhat(?:'s| is) the best way\\b");
    private static final Pattern WHAT = Pattern.compile("^(?:what|which)\\b");
    private static final Pattern WHEN = Pattern.compile("^when\\b");
    private static final Pattern WHERE = Pattern.compile("^where\\b");
    private static final Pattern WHO = Pattern.compile("^who\\b");
    private static final Pattern REQUEST = Pattern.compile("^(?:please|pls|can you|could you|would you|will you"
            + "|can u|help me|tell me|give me|show me|explain|describe|write|make|create|list|remind me|let's|lets"
            + "|i need you to|i'd like you to|i want you to)\\b");
    private static final Pattern FEELING = Pattern.compile(
            "\\bi (?:feel|felt)\\b|\\b(?:i'm|im|i am|i've been|i have been) feeling\\b");
    private static final Pattern I_AM = Pattern.compile("\\b(?:i'm|im|i am)\\s+(?:\\w+\\s+)?([a-z]+)");
    private static final Pattern GOAL = Pattern.compile("\\b(?:i want to|i wanna|my goal|i'm trying to|i am trying to"
            + "|i hope to|i'd like to|i would like to|i plan to|i'm planning to|i am planning to|i need to"
            + "|i'm going to|i am going to|i will)\\b");
    private static final Pattern PROGRESS = Pattern.compile("\\b(?:i (?:finally )?(?:finished|completed|managed to"
            + "|did(?! not| nothing)|ran|walked|started|achieved|reached|hit|made it|stuck to|quit)|i've been \\w+ing"
            + "|i have been \\w+ing|today i)\\b");
    private static final Pattern AUXILIARY_START = Pattern.compile(
            "^(?:is|are|am|was|were|do|does|did|can|could|will|would|should|have|has|may|might)\\b");
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)*");

    /** Words that never name a topic: function words, and verbs and adverbs of any request. */
    private static final Set<String> NOT_TOPICS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "always", "am", "an", "and", "any",
            "anything", "anyone", "are", "as", "at", "be", "because", "been", "before", "being", "below", "best",
            "better", "between", "both", "but", "by", "can", "could", "day", "days", "did", "do", "does", "doing",
            "done", "down", "during", "each", "even", "ever", "every", "everything", "few", "for", "from", "get",
            "gets", "getting", "go", "goes", "going", "gonna", "good", "got", "great", "had", "has", "have",
            "having", "he", "help", "helps", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is",
            "it", "its", "just", "keep", "kind", "know", "let", "like", "lot", "lots", "make", "makes", "making",
            "many", "maybe", "me", "might", "more", "most", "much", "must", "my", "myself", "need", "needs",
            "never", "no", "not", "now", "of", "off", "often", "ok", "okay", "on", "once", "one", "only", "or",
            "other", "our", "out", "over", "own", "please", "pretty", "probably", "quite", "really", "same", "say",
            "she", "should", "so", "some", "someone", "something", "sometimes", "soon", "sort", "start", "still",
            "stop", "such", "sure", "than", "that", "the", "their", "them", "then", "there", "these", "they",
            "thing", "things", "think", "this", "those", "through", "to", "today", "tomorrow", "tonight", "too",
            "try", "trying", "under", "until", "up", "us", "usually", "very", "want", "wanna", "was", "way", "ways",
            "we", "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
            "without", "would", "yeah", "yes", "yesterday", "yet", "you", "your", "yours", "yourself",
            "actually", "definitely", "finally", "lately", "recently", "improve", "idea", "ideas", "advice", "tip",
            "tips", "recommend", "suggest", "write", "create", "list", "describe", "remind", "first", "last", "next", "suggestions", "explain", "tell", "give", "show", "question", "hello",
            "hi", "hey", "thanks", "thank", "hope", "plan", "goal", "goals", "love", "enjoy", "prefer",
            "finished", "completed", "managed", "feel", "feeling", "felt", "bit", "little", "able", "cannot",
            "can't", "don't", "doesn't", "didn't", "i'm", "i've", "i'd", "i'll", "it's", "that's", "what's",
            "there's", "let's", "you're", "isn't", "wasn't", "won't", "wouldn't", "couldn't", "shouldn't");

    private IntentKey() {
    }

    /** The key of {@code message}; {@code statement} for a blank or missing one. */
    public static String of(String message) {
        String text = PlainText.of(message);
        String kind = kind(text);
        String rest = afterOpener(text);
        if (kind.equals("greeting") || kind.equals("thanks") || kind.equals("farewell")) {
            return kind;
        }
        String topic = topic(rest);
        String key = topic == null ? kind : kind + ":" + topic;
        key = key.replaceAll("[^a-z0-9:-]", "");
        return key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key;
    }

    private static String kind(String text) {
        if (GREETING.matcher(text).find() || THANKS.matcher(text).find() || FAREWELL.matcher(text).find()) {
            String rest = afterOpener(text);
            if (rest.split(" ").length < 2 || SMALL_TALK.matcher(rest).find()) {
                return GREETING.matcher(text).find() ? "greeting" : THANKS.matcher(text).find() ? "thanks" : "farewell";
            }
            // "Hi! How do I sleep better?" is about sleep, not a greeting.
            return kind(rest);
        }
        if (text.isEmpty() || SMALL_TALK.matcher(text).find()) {
            return text.isEmpty() ? "statement" : "greeting";
        }
        boolean question = text.contains("?");
        if (ADVICE.matcher(text).find()) {
            return "ask-advice";
        }
        if (WHY.matcher(text).find() || question && text.matches(".*\\bwhy\\b.*")) {
            return "ask-why";
        }
        if (HOW.matcher(text).find() || question && text.matches(".*\\bhow\\b.*")) {
            return "ask-how";
        }
        if (WHAT.matcher(text).find()) {
            return "ask-what";
        }
        if (WHEN.matcher(text).find()) {
            return "ask-when";
        }
        if (WHERE.matcher(text).find()) {
            return "ask-where";
        }
        if (WHO.matcher(text).find()) {
            return "ask-who";
        }
        if (REQUEST.matcher(text).find()) {
            return "request";
        }
        if (question && text.matches(".*\\bwhat\\b.*")) {
            return "ask-what";
        }
        if (question || AUXILIARY_START.matcher(text).find()) {
            return "ask";
        }
        if (sharesFeeling(text)) {
            return "share-feeling";
        }
        if (GOAL.matcher(text).find()) {
            return "set-goal";
        }
        if (PROGRESS.matcher(text).find()) {
            return "report-progress";
        }
        return "statement";
    }

    private static boolean sharesFeeling(String text) {
        if (FEELING.matcher(text).find()) {
            return true;
        }
        Matcher iAm = I_AM.matcher(text);
        while (iAm.find()) {
            if (EmotionAnalyzer.isFeelingWord(iAm.group(1))) {
                return true;
            }
        }
        return false;
    }

    /** The message without a leading greeting or thanks clause: what the user came to say. */
    private static String afterOpener(String text) {
        Matcher greeting = GREETING.matcher(text);
        if (greeting.find()) {
            // "Hey, can you…" and "hey can you…": a greeting is a word or two, not a clause.
            return text.substring(greeting.end()).replaceFirst("^\\s*[,!.]*", "").strip();
        }
        for (Pattern opener : List.of(THANKS, FAREWELL)) {
            Matcher m = opener.matcher(text);
            if (m.find()) {
                // "Thanks for the tips, how do I…": the opener's clause runs to its punctuation.
                Matcher end = CLAUSE_END.matcher(text);
                return end.find(m.end()) ? text.substring(end.end()).strip() : "";
            }
        }
        return text;
    }

    /** The longest content word, stemmed; ties go to the earlier word. Null when there is none. */
    static String topic(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            if (word.endsWith("'s")) {
                word = word.substring(0, word.length() - 2);
            }
            if (word.length() >= MIN_TOPIC && !NOT_TOPICS.contains(word) && !word.chars().allMatch(Character::isDigit)
                    && word.indexOf('\'') < 0) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        // A stable sort keeps reading order among words of equal length.
        words.sort(Comparator.comparingInt(String::length).reversed());
        String stem = stem(words.get(0));
        return stem.length() > MAX_TOPIC ? stem.substring(0, MAX_TOPIC) : stem;
    }

    /**
     * A light suffix stripper: plural, -ing, -ed, and a final -e, so that "sleeping", "sleeps" and
     * "sleep", or "exercise" and "exercising", share a stem. Stems need to be stable, not pretty.
     */
    static String stem(String word) {
        String w = word;
        if (w.length() > 4 && w.endsWith("ies")) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 4 && w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.length() > 5 && w.endsWith("ing")) {
            w = undouble(w.substring(0, w.length() - 3));
        } else if (w.length() > 4 && w.endsWith("ed") && !w.endsWith("eed")) {
            w = undouble(w.substring(0, w.length() - 2));
        }
        if (w.length() > 3 && w.endsWith("e") && !w.endsWith("ee")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** "running" -> "run", but "stressed" keeps its "ss". */
    private static String undouble(String w) {
        int n = w.length();
        if (n > 2 && w.charAt(n - 1) == w.charAt(n - 2) && "lsz".indexOf(w.charAt(n - 1)) < 0
                && "aeiou".indexOf(w.charAt(n - 1)) < 0) {
            return w.substring(0, n - 1);
        }
        return w;
    }
}
