package dev.lumen.domain.agent.guardian;

import dev.lumen.domain.agent.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds credentials in text by the shapes their issuers give them. Designed for few false
 * positives, because every finding asks an operator to rotate something: each rule matches a
 * documented prefix or structure (AWS key ids, PEM private-key headers, {@code ghp_}, {@code xox…},
 * {@code sk-…}, three-part JWTs whose first two parts are base64 JSON), token-like rules also need
 * a random-looking body (digits and letters, Shannon entropy at least {@value #MIN_ENTROPY} bits per
 * character), and {@code password=}-style assignments skip placeholders, code and short values.
 * What it returns never holds the secret: only its first characters and its length.
 */
public final class SecretScanner {
    static final double MIN_ENTROPY = 3.0;

    private record Rule(String kind, Severity severity, Pattern pattern, int keep, boolean randomBody) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("aws-access-key-id", Severity.CRITICAL, Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), 4, false),
            new Rule("aws-secret-access-key", Severity.CRITICAL,
                    Pattern.compile("(?i)\\baws_?secret_?access_?key\\b[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"), 0, true),
            new Rule("private-key", Severity.CRITICAL,
                    Pattern.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----"), -1, false),
            new Rule("github-token", Severity.CRITICAL, Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b"), 4, true),
            new Rule("slack-token", Severity.HIGH, Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,250}\\b"), 5, true),
            new Rule("api-secret-key", Severity.CRITICAL,
                    Pattern.compile("\\b(?:sk-(?:proj-|live-|test-|ant-(?:api\\d\\d-)?)?[A-Za-z0-9_-]{20,200}|sk_(?:live|test)_[A-Za-z0-9]{20,200})\\b"), 3, true),
            new Rule("jwt", Severity.HIGH,
                    Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}"), 3, false),
            new Rule("password-assignment", Severity.HIGH,
                    Pattern.compile("(?i)(?<![A-Za-z0-9])(password|passwd|pwd|passphrase|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\\b[\"']?\\s*(?:=|:)\\s*[\"']?([^\\s\"'`,;]{8,128})"),
                    0, false));

    /** Values that stand for a secret rather than being one. */
    private static final Set<String> PLACEHOLDERS = Set.of("password", "changeme", "change-me", "changeit", "secret",
            "yourpassword", "your_password", "your-password", "mypassword", "example", "placeholder", "redacted",
            "required", "optional", "undefined", "null", "none", "string", "xxxxxxxx", "password123", "notasecret");

    /** Every secret in the text, in order of appearance; a value two rules match is reported once. */
    public List<Sighting> scan(String text) {
        List<Sighting> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        List<int[]> taken = new ArrayList<>();
        // RULES lists the precise token shapes before the generic assignment rule, so an
        // "api_key=sk-…" line is reported as the key it holds, not twice.
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                boolean assignment = rule.kind().equals("password-assignment");
                int start = assignment ? m.start(2) : m.start();
                int end = assignment ? m.end(2) : m.end();
                if (taken.stream().anyMatch(r -> start < r[1] && r[0] < end)) {
                    continue;
                }
                Sighting sighting = assignment ? assignment(rule, m) : token(rule, m);
                if (sighting != null) {
                    found.add(sighting);
                    taken.add(new int[] {start, end});
                }
            }
        }
        found.sort(java.util.Comparator.comparingInt(Sighting::offset));
        return found;
    }

    private static Sighting token(Rule rule, Matcher m) {
        int group = m.groupCount() >= 1 && m.group(1) != null ? 1 : 0;
        String secret = m.group(group);
        if (rule.randomBody() && !randomLooking(secret)) {
            return null;
        }
        String redacted = switch (rule.keep()) {
            case -1 -> secret; // a PEM header: names the key type, holds nothing secret
            default -> mask(secret, rule.keep());
        };
        if (group == 1) {
            redacted = text(m).substring(0, m.start(1) - m.start()) + redacted;
        }
        return new Sighting(rule.kind(), rule.severity(), m.start(), redacted);
    }

    private static String text(Matcher m) {
        return m.group();
    }

    private static Sighting assignment(Rule rule, Matcher m) {
        String name = m.group(1);
        String value = m.group(2);
        if (!plausibleSecret(value)) {
            return null;
        }
        return new Sighting(rule.kind(), rule.severity(), m.start(), name + "=" + mask(value, 0));
    }

    /** Not a placeholder, not code or a template, not one repeated character, and mixing character classes. */
    static boolean plausibleSecret(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(lower) || lower.startsWith("your") || lower.startsWith("<") || lower.contains("${")
                || lower.contains("{{") || lower.contains("(") || lower.contains("*") || lower.startsWith("$")
                || lower.startsWith("%") || lower.startsWith("process.env") || lower.startsWith("os.environ")
                || lower.startsWith("http") || lower.chars().distinct().count() < 4) {
            return false;
        }
        int classes = 0;
        classes += value.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += value.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += value.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += value.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        return classes >= 2 && value.chars().anyMatch(Character::isDigit) || classes >= 3;
    }

    /** Random-looking: letters and digits both, and an entropy a word or a slug does not reach. */
    static boolean randomLooking(String token) {
        String body = token.replaceFirst("^(?:sk-(?:proj-|live-|test-|ant-(?:api\\d\\d-)?)?|sk_(?:live|test)_|gh[pousr]_|github_pat_|xox[abposr]-)", "");
        boolean digits = body.chars().anyMatch(Character::isDigit);
        boolean letters = body.chars().anyMatch(Character::isLetter);
        return digits && letters && entropy(body) >= MIN_ENTROPY;
    }

    static double entropy(String text) {
        int[] counts = new int[128];
        int total = 0;
        for (char c : text.toCharArray()) {
            if (c < 128) {
                counts[c]++;
                total++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / total;
                bits -= p * (Math.log(p) / Math.log(2));
            }
        }
        return bits;
    }

    /** The first {@code keep} characters, then stars, then the length: enough to find it, never enough to use it. */
    static String mask(String secret, int keep) {
        int shown = Math.min(keep, secret.length() / 4);
        return secret.substring(0, shown) + "****(" + secret.length() + " chars)";
    }
}
