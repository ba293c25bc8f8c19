package dev.lumen.domain.custody;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Passes an answer in which {@code pattern} is found (anywhere, unless the pattern anchors
 * itself). Case is ignored unless the test sets {@code "ignoreCase": false}. For answers with a
 * required shape rather than one spelling: a cron expression, an HTTP status line, a duration.
 */
public final class RegexGrader implements Grader {
    public static final String TYPE = "regex";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void check(GraderSpec spec) {
        try {
            pattern(spec);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("grader 'regex' pattern does not compile: " + e.getDescription(), e);
        }
    }

    @Override
    public Grade grade(CustodyTest test, String answer) {
        Pattern pattern = pattern(test.grader());
        boolean found = answer != null && pattern.matcher(answer).find();
        return found ? Grade.pass("Answer has the required form.")
                : Grade.fail("Answer does not have the required form (/" + pattern.pattern() + "/).");
    }

    private static Pattern pattern(GraderSpec spec) {
        int flags = spec.flag("ignoreCase", true) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return Pattern.compile(spec.requiredText("pattern"), flags | Pattern.DOTALL);
    }
}
