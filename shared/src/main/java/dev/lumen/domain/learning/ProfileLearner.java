package dev.lumen.domain.learning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what one user message says about its author — goals, likes and dislikes, progress, and
 * how they write — with phrase rules, no model call. Each finding is the clause the user wrote
 * after a cue ("I want to <b>run a marathon</b>, but…"), cut at the clause's end and to at most
 * {@link #MAX_PHRASE} characters, so the profile keeps the user's own words.
 */
public final class ProfileLearner {
    public static final int MAX_PHRASE = 120;
    /** Findings of one kind kept from one message; a profile keeps {@link UserProfile#LIST_LIMIT}. */
    static final int MAX_PER_LIST = 5;
    // Fewer words than this say nothing about how someone writes ("ok", "thanks!").
    private static final int MIN_WORDS_FOR_STYLE = 3;
    private static final int CONCISE_WORDS = 15;
    private static final int DETAILED_WORDS = 50;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String I = "\\bi\\s+";
    private static final String ADVERB = "(?:(?:really|also|just|still|definitely|finally|actually|truly|so|"
            + "absolutely|totally|kind of|kinda)\\s+)?";
    private static final String REST = "\\s+(.+)";

    /** Words a finding cannot start with: a negated or empty clause is not a finding. */
    private static final Set<String> BAD_STARTS = Set.of("not", "no", "nothing", "never");
    /** Whole findings that only point at something said elsewhere. */
    private static final Set<String> EMPTY_FINDINGS = Set.of("it", "that", "this", "so", "too", "them", "him",
            "her", "there", "one", "stuff", "things", "it all", "that too", "it too", "both", "you", "it so much",
            "that so much", "this so much", "it a lot", "that a lot", "well", "much", "lot", "a lot");
    /** "I've been …ing" about a state of mind is not progress. */
    private static final Set<String> NOT_PROGRESS = Set.of("feeling", "thinking", "wondering", "struggling",
            "worrying", "having", "trying", "dealing", "waiting", "looking", "going", "getting", "hoping",
            "planning", "wanting", "meaning", "crying", "stressing", "procrastinating", "failing");

    /** "I'd like to ask…", "I want to tell you…": about this conversation, not the user's life. */
    private static final Set<String> CONVERSATION_VERBS = Set.of("know", "ask", "talk", "tell", "say", "describe",
            "explain", "hear", "discuss", "share", "mention", "add", "clarify", "check", "chat", "thank", "vent",
            "continue", "start", "be");

    private static final List<Rule> GOALS = List.of(
            rule(I + ADVERB + "(?:want|hope|plan|aim|intend) to" + REST, ProfileLearner::goal),
            rule(I + ADVERB + "wanna" + REST, ProfileLearner::goal),
            rule("\\bi(?:'m| am|m)\\s+" + ADVERB + "(?:trying|planning|hoping|aiming) to" + REST, ProfileLearner::goal),
            rule("\\bi(?:'d| would)\\s+" + ADVERB + "(?:like|love) to" + REST, ProfileLearner::goal),
            rule("\\bmy (?:main |big |biggest |new )?goal (?:for [\\w ]{1,30} )?is(?: to)?" + REST,
                    (lead, clause) -> clause));
    private static final List<Rule> PREFERENCES = List.of(
            rule(I + ADVERB + "(?:like|love|adore)" + REST, (lead, clause) -> "likes " + clause),
            rule(I + ADVERB + "enjoy" + REST, (lead, clause) -> "enjoys " + clause),
            rule(I + ADVERB + "prefer" + REST, (lead, clause) -> "prefers " + clause),
            rule(I + ADVERB + "(?:hate|dislike|detest|loathe|can't stand|cannot stand|can not stand|don't like"
                    + "|do not like|don't enjoy|do not enjoy)" + REST, (lead, clause) -> "dislikes " + clause),
            rule("\\bmy favou?rite ([\\w -]{1,30}?) (?:is|are)" + REST,
                    (label, clause) -> "favourite " + label.strip().toLowerCase(Locale.ROOT) + ": " + clause));
    private static final List<Rule> PROGRESS = List.of(
            rule(I + ADVERB + "(finished|completed|did|accomplished|achieved|reached|ran|passed|quit|started)" + REST,
                    (verb, clause) -> verb.toLowerCase(Locale.ROOT) + " " + clause),
            rule(I + ADVERB + "(managed to|stuck to|made it to)" + REST,
                    (verb, clause) -> verb.toLowerCase(Locale.ROOT) + " " + clause),
            rule("\\bi(?:'ve| have)\\s+" + ADVERB + "been\\s+(\\w+ing\\b.*)",
                    (lead, clause) -> NOT_PROGRESS.contains(firstWord(clause)) ? null : "has been " + clause));

    /** Where a finding's clause ends: punctuation, or a conjunction that starts a new thought. */
    private static final Pattern CLAUSE_END = Pattern.compile("[.!?;:\\n()\"]|,\\s*(?:but|because|so|and then|"
            + "although|though|i|it|my|which|since|while)\\b|\\s(?:but|because|although|though|since|so that|"
            + "unless|whereas|except)\\b|\\s+and\\s+(?:i|i'm|my|it|then)\\b", FLAGS);
    private static final Pattern TRAILING = Pattern.compile("[^\\p{L}\\p{N}%)]+$");
    private static final Pattern EMOJI = Pattern.compile("[\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}]");
    private static final Pattern SLANG = Pattern.compile("\\b(?:lol|lmao|rofl|haha\\w*|hehe\\w*|gonna|wanna|gotta|"
            + "u|ur|r|btw|omg|idk|tbh|imo|imho|yeah|yep|yup|nope|hey|ya|cuz|coz|pls|plz|thx|k|kk|ok|okay|dunno|"
            + "kinda|sorta|y'all|ain't|xd)\\b", FLAGS);
    private static final Pattern FORMAL = Pattern.compile("\\b(?:please|kindly|would you|could you|dear|regards|"
            + "sincerely|furthermore|moreover|however|therefore|thank you|i would|may i|grateful)\\b", FLAGS);
    private static final Pattern CONTRACTION = Pattern.compile("\\w'(?:m|s|re|ve|ll|d|t)\\b|\\b\\w+n't\\b", FLAGS);
    private static final Pattern WORDS = Pattern.compile("\\S+");

    /** What {@code message} says about its author; {@link ProfileUpdate#NOTHING} when it says nothing. */
    public ProfileUpdate learn(String message) {
        String text = PlainText.tidy(message);
        if (text.isEmpty()) {
            return ProfileUpdate.NOTHING;
        }
        List<String> goals = findings(text, GOALS);
        List<String> preferences = findings(text, PREFERENCES);
        List<String> progress = findings(text, PROGRESS);
        String style = communicationStyle(text);
        if (goals.isEmpty() && preferences.isEmpty() && progress.isEmpty() && style == null) {
            return ProfileUpdate.NOTHING;
        }
        return new ProfileUpdate(goals, preferences, progress, style);
    }

    /**
     * How the user writes: {@code concise}, {@code balanced} or {@code detailed} by length, and
     * {@code casual}, {@code neutral} or {@code formal} by punctuation, emoji, slang and
     * politeness, e.g. {@code concise-casual}. Null for messages too short to tell.
     */
    static String communicationStyle(String text) {
        int words = 0;
        Matcher w = WORDS.matcher(text);
        while (w.find()) {
            words++;
        }
        if (words < MIN_WORDS_FOR_STYLE) {
            return null;
        }
        String length = words <= CONCISE_WORDS ? "concise" : words >= DETAILED_WORDS ? "detailed" : "balanced";
        double casual = 0;
        double formal = 0;
        if (EMOJI.matcher(text).find()) {
            casual += 1;
        }
        casual += Math.min(2, count(SLANG, text));
        if (text.contains("!!") || text.contains("??") || text.contains("...")) {
            casual += 1;
        }
        char first = text.charAt(0);
        if (Character.isLetter(first) && Character.isLowerCase(first)) {
            casual += text.equals(text.toLowerCase(Locale.ROOT)) ? 1.5 : 1;
        }
        char last = text.charAt(text.length() - 1);
        if (Character.isUpperCase(first) && (last == '.' || last == '?' || last == '!')) {
            formal += 1;
        }
        if (words >= 8 && !CONTRACTION.matcher(text).find()) {
            formal += 1;
        }
        formal += Math.min(2, count(FORMAL, text));
        if (text.indexOf(';') >= 0) {
            formal += 0.5;
        }
        double score = formal - casual;
        String register = score >= 2.5 ? "formal" : score <= -1 ? "casual" : "neutral";
        return length + "-" + register;
    }

    private static int count(Pattern pattern, String text) {
        int n = 0;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * One cue and what it makes of the clause after it.
     *
     * @param format (what the cue's own group captured — a verb or label — or null, the clause)
     *               to the finding, or null to reject it
     */
    private record Rule(Pattern pattern, BiFunction<String, String, String> format) {
    }

    private static Rule rule(String regex, BiFunction<String, String, String> format) {
        return new Rule(Pattern.compile(regex, FLAGS), format);
    }

    /** Every finding of these rules, in the order the user wrote them, without repeats. */
    private static List<String> findings(String text, List<Rule> rules) {
        TreeMap<Integer, String> byPosition = new TreeMap<>();
        for (Rule rule : rules) {
            Matcher m = rule.pattern.matcher(text);
            int from = 0;
            while (m.find(from)) {
                from = m.start() + 1; // the clause may hold the next cue: "I want to … I hope to …"
                String finding = finding(rule, m);
                if (finding != null) {
                    byPosition.putIfAbsent(m.start(), finding);
                }
            }
        }
        List<String> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String finding : byPosition.values()) {
            if (found.size() < MAX_PER_LIST && seen.add(finding.toLowerCase(Locale.ROOT))) {
                found.add(finding);
            }
        }
        return List.copyOf(found);
    }

    private static String finding(Rule rule, Matcher m) {
        String lead = m.groupCount() == 2 ? m.group(1) : null;
        String clause = clause(m.group(m.groupCount()));
        if (clause == null || BAD_STARTS.contains(firstWord(clause))) {
            return null;
        }
        String finding = rule.format.apply(lead, clause);
        return finding == null ? null : cut(finding);
    }

    private static String goal(String lead, String clause) {
        return CONVERSATION_VERBS.contains(firstWord(clause)) ? null : clause;
    }

    private static String firstWord(String clause) {
        return clause.split("[\\s']+")[0].toLowerCase(Locale.ROOT);
    }

    /** The clause at the start of {@code text}; null when nothing worth keeping is left. */
    private static String clause(String text) {
        Matcher end = CLAUSE_END.matcher(text);
        String clause = end.find() ? text.substring(0, end.start()) : text;
        clause = TRAILING.matcher(clause.strip()).replaceAll("");
        if (clause.isEmpty() || EMPTY_FINDINGS.contains(clause.toLowerCase(Locale.ROOT))
                || clause.codePoints().noneMatch(Character::isLetter)) {
            return null;
        }
        return clause;
    }

    /** At most {@link #MAX_PHRASE} characters, cut at a word boundary. */
    private static String cut(String phrase) {
        if (phrase.length() <= MAX_PHRASE) {
            return phrase;
        }
        int space = phrase.lastIndexOf(' ', MAX_PHRASE);
        return TRAILING.matcher(phrase.substring(0, space > MAX_PHRASE / 2 ? space : MAX_PHRASE)).replaceAll("");
    }
}
