package dev.lumen.local;

import dev.lumen.local.template.FunctionSpec;
import dev.lumen.local.template.Intrinsics;
import dev.lumen.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration handlers get locally. Handlers read each setting from an environment variable
 * and fall back to the JVM system property of the same name, so the runner publishes the
 * template's {@code Environment.Variables} (where they have a local value) as system properties,
 * with the settings that must point at the local stand-ins laid over them.
 */
final class HandlerEnvironment {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerEnvironment.class);

    private final SamTemplate template;
    private final Intrinsics intrinsics;
    private final Map<String, String> localValues;
    private final TreeSet<String> withoutLocalValue = new TreeSet<>();
    private final TreeSet<String> conflicting = new TreeSet<>();

    /**
     * @param localValues settings that always win over the template, e.g. {@code TABLE_NAME},
     *                    {@code LUMEN_DYNAMODB_ENDPOINT}
     */
    HandlerEnvironment(SamTemplate template, Intrinsics intrinsics, Map<String, String> localValues) {
        this.template = template;
        this.intrinsics = intrinsics;
        this.localValues = Map.copyOf(localValues);
    }

    /**
     * Set once for the whole JVM: Globals, then every function's own variables, then the local values.
     * All functions share one JVM here (and Lumen's handlers share one configuration object built on
     * first use), so a variable only one function declares must still be visible to all of them.
     * When two functions disagree on a value, the first keeps the global slot and
     * {@link #forFunction} gives each its own while its constructor runs.
     */
    Map<String, String> global() {
        Map<String, String> values = new LinkedHashMap<>(resolve(template.globalEnvironment()));
        for (FunctionSpec function : template.functions()) {
            resolve(function.environment()).forEach((name, value) -> {
                String first = values.putIfAbsent(name, value);
                if (first != null && !first.equals(value) && !localValues.containsKey(name)) {
                    conflicting.add(name);
                }
            });
        }
        values.putAll(localValues);
        return values;
    }

    /** Everything one function sees: Globals, its own variables, the local values. */
    Map<String, String> forFunction(FunctionSpec function) {
        Map<String, String> values = new LinkedHashMap<>(resolve(function.environment()));
        values.putAll(localValues);
        return values;
    }

    /** Logs, once, the variables that only have a value in AWS, and real variables that will shadow local ones. */
    void reportGaps(Map<String, String> realEnvironment) {
        withoutLocalValue.removeAll(localValues.keySet());
        if (!withoutLocalValue.isEmpty()) {
            LOG.atInfo().setMessage("template variables with no local value are left unset")
                    .addKeyValue("variables", String.join(",", withoutLocalValue)).log();
        }
        if (!conflicting.isEmpty()) {
            LOG.atWarn().setMessage("functions declare different values for the same variable; each sees its own only while it is built")
                    .addKeyValue("variables", String.join(",", conflicting)).log();
        }
        localValues.forEach((name, value) -> {
            String real = realEnvironment.get(name);
            if (real != null && !real.equals(value)) {
                LOG.atWarn().setMessage("environment variable overrides the local value for handlers")
                        .addKeyValue("variable", name).addKeyValue("environment", real)
                        .addKeyValue("local", value).log();
            }
        });
    }

    private Map<String, String> resolve(Map<String, Object> declared) {
        return intrinsics.resolveAll(declared, (name, unresolved) -> withoutLocalValue.add(name));
    }
}
