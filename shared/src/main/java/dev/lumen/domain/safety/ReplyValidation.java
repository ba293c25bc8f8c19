package dev.lumen.domain.safety;

import java.util.List;

/**
 * The scores a reply got before it left, each in 0..1 (1 is best).
 *
 * @param safety       1 unless the reply carries crisis or injection-like content or leaks the system prompt
 * @param grounding    the share of the reply's factual sentences that the retrieved knowledge supports;
 *                     1 when no knowledge was retrieved or the reply makes no factual claim
 * @param persona      1 unless the reply claims another identity (a vendor's model, another name, a human)
 * @param regenerated  whether the first reply failed and the model was asked again
 * @param issues       why a check failed, for logs and the client; empty when all passed
 */
public record ReplyValidation(double safety, double grounding, double persona, boolean regenerated,
                              List<String> issues) {

    /** Below this share of supported factual sentences a reply is not grounded. */
    public static final double MIN_GROUNDING = 0.5;

    public ReplyValidation {
        issues = List.copyOf(issues);
    }

    /** A reply that was not checked because Lumen wrote it (crisis message, refusal, fallback). */
    public static ReplyValidation fixed() {
        return new ReplyValidation(1, 1, 1, false, List.of());
    }

    public boolean passed() {
        return safety >= 1 && grounding >= MIN_GROUNDING && persona >= 1;
    }

    public ReplyValidation afterRegeneration() {
        return new ReplyValidation(safety, grounding, persona, true, issues);
    }
}
