package dev.lumen.domain.custody;

import java.util.Locale;

/**
 * Passes an answer equal to {@code expected} once both are trimmed and a final full stop is
 * dropped (models end sentences habitually: "No." answers "no"); case is ignored unless the test
 * sets {@code "ignoreCase": false}. For questions with one short right answer (a number, a
 * status code, a keyword).
 */
public final class ExactGrader implements Grader {
    public static final String TYPE = "exact";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void check(GraderSpec spec) {
        spec.requiredText("expected");
        spec.flag("ignoreCase", true);
    }

    @Override
    public Grade grade(CustodyTest test, String answer) {
        GraderSpec spec = test.grader();
        String expected = bare(spec.requiredText("expected"));
        String given = bare(answer == null ? "" : answer);
        boolean equal = spec.flag("ignoreCase", true)
                ? expected.toLowerCase(Locale.ROOT).equals(given.toLowerCase(Locale.ROOT))
                : expected.equals(given);
        return equal ? Grade.pass("Answer matches the expected one.")
                : Grade.fail("Expected exactly \"" + expected + "\".");
    }

    private static String bare(String text) {
        String trimmed = text.strip();
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
    }
}
