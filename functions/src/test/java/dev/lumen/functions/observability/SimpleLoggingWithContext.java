package dev.lumen.functions.observability;

import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;

/**
 * The tests' SLF4J binding (selected by {@code slf4j.provider} in this module's surefire settings):
 * slf4j-simple's readable output, but with a working MDC — slf4j-simple's own is a no-op, which
 * would make every handler test blind to the per-invocation context ({@link Invocation}) that
 * Lambda's {@link JsonLogProvider} writes on each line.
 */
public final class SimpleLoggingWithContext extends SimpleServiceProvider {
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }
}
