package dev.lumen.domain.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a model's reply before it leaves, with rules a person can follow by hand:
 * <ul>
 *   <li><b>safety</b>: the reply is run through the injection detector (a reply that carries
 *       override instructions was itself steered); through the crisis detector when the user's
 *       message raised no concern (a reply that brings up self-harm unprompted is unsafe; after a
 *       LOW/MEDIUM message, naming the topic with care is what the model was asked to do); and
 *       for prompt leakage: any run of {@value #SHINGLE} words it shares with the system prompt's
 *       own instructions (knowledge, memories and the user's words excluded, since quoting those is fine);</li>
 *   <li><b>grounding</b>: when knowledge was retrieved, each factual sentence (declarative, at least
 *       {@value #MIN_CLAIM_WORDS} content words, about the world rather than about "I"/"you") must
 *       have at least half its content words in one retrieved chunk (or the user's message); the
 *       score is the supported share;</li>
 *   <li><b>persona</b>: the reply must not present itself as a vendor's model, under another
 *       name, or as a human.</li>
 * </ul>
 */
public final class ReplyValidator {
    static final int SHINGLE = 7;
    static final int MIN_CLAIM_WORDS = 5;
    static final double SUPPORT = 0.5;

    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final Pattern CITATION = Pattern.compile("\\[\\d+]");
    private static final Set<String> PERSONAL = Set.of("i", "i'm", "i’m", "i've", "i'd", "i'll", "me", "my", "mine",
            "you", "you're", "you’re", "your", "yours", "you've", "you'll", "we", "we're", "our", "us", "let's", "let’s");
    private static final Set<String> STOPWORDS = Set.of("the", "a", "an", "and", "or", "but", "if", "then", "so",
            "of", "to", "in", "on", "at", "by", "for", "with", "about", "as", "from", "into", "is", "are", "was", "were",
            "be", "been", "being", "it", "its", "it's", "this", "that", "these", "those", "there", "their", "they",
            "them", "he", "she", "his", "her", "not", "no", "do", "does", "did", "has", "have", "had", "can", "could",
            "will", "would", "should", "may", "might", "must", "also", "very", "more", "most", "than", "which", "who",
            "what", "when", "where", "how", "why", "all", "any", "some", "each", "such", "only", "just", "one");
    private static final Pattern VENDOR_IDENTITY = Pattern.compile(
            "\\b(?:i am|i'm|i’m|as)\\s+(?:an?\\s+)?(?:ai\\s+|language\\s+)?(?:model\\s+)?(?:called\\s+|named\\s+)?"
                    + "(chatgpt|gpt-?\\d[\\w.-]*|claude|gemini|bard|llama|mistral|copilot|titan)\\b"
                    + "|\\b(?:created|developed|made|built|trained)\\s+by\\s+(openai|anthropic|google|meta|mistral ai|amazon)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HUMAN_CLAIM = Pattern.compile(
            "\\b(?:i am|i'm|i’m)\\s+(?:a\\s+)?(?:real\\s+)?(?:human(?: being)?|real person|person,? not an? (?:ai|bot))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME_CLAIM = Pattern.compile(
            "\\b(?i:my name is|i am called|i'm called|call me)\\s+(\\p{Lu}[\\p{L}-]+)");

    private final Function<String, CrisisAssessment> crisis;
    private final Function<String, InjectionVerdict> injection;

    public ReplyValidator(Function<String, CrisisAssessment> crisis, Function<String, InjectionVerdict> injection) {
        this.crisis = crisis;
        this.injection = injection;
    }

    /** Checks nothing and passes everything: for tests and tools that are not about safety. */
    public static ReplyValidator off() {
        return new ReplyValidator(null, null);
    }

    /**
     * What the reply is checked against.
     *
     * @param instructions the system prompt without the knowledge, memories and profile it carries
     * @param knowledge    the retrieved chunks' texts (empty when none)
     * @param quotable     texts the reply may repeat verbatim: the user's message, memories, history
     * @param inputConcern the crisis severity of the user's message
     */
    public record Context(String personaName, String instructions, List<String> knowledge, List<String> quotable,
                          Severity inputConcern) {
        public Context {
            knowledge = List.copyOf(knowledge);
            quotable = List.copyOf(quotable);
        }
    }

    public ReplyValidation validate(String reply, Context context) {
        if (crisis == null && injection == null) {
            return ReplyValidation.fixed();
        }
        List<String> issues = new ArrayList<>();
        double safety = safety(reply, context, issues);
        double grounding = grounding(reply, context, issues);
        double persona = persona(reply, context.personaName(), issues);
        return new ReplyValidation(safety, grounding, persona, false, issues);
    }

    private double safety(String reply, Context context, List<String> issues) {
        double safety = 1;
        InjectionVerdict verdict = injection.apply(reply);
        if (verdict.flagged()) {
            issues.add("safety: the reply reads like injected instructions " + verdict.kinds());
            safety = Math.min(safety, 1 - verdict.score());
        }
        if (context.inputConcern() == Severity.NONE) {
            CrisisAssessment assessment = crisis.apply(reply);
            if (assessment.reaches(Severity.HIGH)) {
                issues.add("safety: the reply brings up " + assessment.categories() + " unprompted");
                safety = 0;
            }
        }
        int leaked = leakedRuns(reply, context);
        if (leaked > 0) {
            issues.add("safety: the reply repeats " + leaked + " run(s) of " + SHINGLE + " words of the system prompt");
            safety = 0;
        }
        return safety;
    }

    /** How many word runs of the instructions (not also in knowledge or quotable text) the reply repeats. */
    static int leakedRuns(String reply, Context context) {
        Set<String> instructions = shingles(context.instructions());
        if (instructions.isEmpty()) {
            return 0;
        }
        for (String text : context.knowledge()) {
            instructions.removeAll(shingles(text));
        }
        for (String text : context.quotable()) {
            instructions.removeAll(shingles(text));
        }
        Set<String> replyRuns = shingles(reply);
        replyRuns.retainAll(instructions);
        return replyRuns.size();
    }

    private static double grounding(String reply, Context context, List<String> issues) {
        if (context.knowledge().isEmpty()) {
            return 1;
        }
        List<Set<String>> sources = new ArrayList<>();
        context.knowledge().forEach(k -> sources.add(contentWords(k)));
        context.quotable().forEach(q -> sources.add(contentWords(q)));
        int claims = 0;
        int supported = 0;
        for (String sentence : SENTENCE.split(CITATION.matcher(reply).replaceAll(""))) {
            if (!isClaim(sentence)) {
                continue;
            }
            claims++;
            Set<String> words = contentWords(sentence);
            double best = 0;
            for (Set<String> source : sources) {
                long shared = words.stream().filter(source::contains).count();
                best = Math.max(best, (double) shared / words.size());
            }
            if (best >= SUPPORT) {
                supported++;
            } else {
                issues.add(String.format(Locale.ROOT, "grounding: unsupported (%.2f): %s", best, abbreviate(sentence)));
            }
        }
        return claims == 0 ? 1 : (double) supported / claims;
    }

    /** A declarative sentence about the world: not a question, no I/you/we, enough content words. */
    static boolean isClaim(String sentence) {
        String trimmed = sentence.strip();
        if (trimmed.isEmpty() || trimmed.endsWith("?")) {
            return false;
        }
        List<String> words = words(trimmed);
        for (String word : words) {
            if (PERSONAL.contains(word)) {
                return false;
            }
        }
        return contentWords(trimmed).size() >= MIN_CLAIM_WORDS;
    }

    private static double persona(String reply, String personaName, List<String> issues) {
        Matcher vendor = VENDOR_IDENTITY.matcher(reply);
        if (vendor.find()) {
            issues.add("persona: the reply presents itself as another model: " + abbreviate(vendor.group()));
            return 0;
        }
        Matcher human = HUMAN_CLAIM.matcher(reply);
        if (human.find()) {
            issues.add("persona: the reply claims to be human: " + abbreviate(human.group()));
            return 0;
        }
        Matcher name = NAME_CLAIM.matcher(reply);
        String first = personaName == null ? "" : personaName.strip().split("\\s+")[0];
        while (name.find()) {
            if (!name.group(1).equalsIgnoreCase(first)) {
                issues.add("persona: the reply gives another name: " + abbreviate(name.group()));
                return 0;
            }
        }
        return 1;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    static Set<String> contentWords(String text) {
        Set<String> out = new HashSet<>();
        for (String word : words(text)) {
            if (word.length() >= 3 && !STOPWORDS.contains(word)) {
                out.add(stem(word));
            }
        }
        return out;
    }

    /** A crude plural fold so "habits" meets "habit" and "improves" meets "improve". */
    private static String stem(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    private static Set<String> shingles(String text) {
        List<String> words = words(text == null ? "" : text);
        Set<String> out = new HashSet<>();
        for (int i = 0; i + SHINGLE <= words.size(); i++) {
            out.add(String.join(" ", words.subList(i, i + SHINGLE)));
        }
        return out;
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
