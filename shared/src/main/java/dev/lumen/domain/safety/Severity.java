package dev.lumen.domain.safety;

/** How urgently a message needs a human: {@code HIGH} means explicit intent, a plan or means. */
public enum Severity {
    NONE, LOW, MEDIUM, HIGH;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity max(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
