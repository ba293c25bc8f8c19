package dev.lumen.domain.agent;

/** How urgent a finding is; ordered, so {@code compareTo} ranks them. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL
}
