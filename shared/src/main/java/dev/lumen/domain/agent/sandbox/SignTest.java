package dev.lumen.domain.agent.sandbox;

/**
 * The exact two-sided sign test on paired pass/fail outcomes (McNemar's exact test): only the
 * discordant pairs count — {@code b} tests only variant A passed, {@code c} only variant B — and
 * under "no difference" each is a fair coin. Small samples are the norm here (a dozen or two
 * tests), where the chi-squared approximation is poor, so the binomial tail is summed exactly.
 */
public final class SignTest {
    /** The usual significance level. */
    public static final double ALPHA = 0.05;

    private SignTest() {
    }

    /** The two-sided p-value: {@code min(1, 2 · P(X ≤ min(b, c)))}, X ~ Binomial(b + c, ½); 1 when no pair differs. */
    public static double pValue(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + b + ", " + c);
        }
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        double term = Math.pow(0.5, n);
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += term;
            term = term * (n - i) / (i + 1);
        }
        return Math.min(1.0, 2 * tail);
    }

    public static boolean significant(int b, int c) {
        return pValue(b, c) < ALPHA;
    }
}
