package dev.lumen.local.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The template's functions by logical id. They may still be being built in the background (the
 * runner builds them while the web server starts); looking one up waits until they are.
 */
public final class LocalFunctions {

    private final List<String> names;
    private final CompletableFuture<Map<String, LocalFunction>> built;

    private LocalFunctions(List<String> names, CompletableFuture<Map<String, LocalFunction>> built) {
        this.names = List.copyOf(names);
        this.built = built;
    }

    /** Functions that are being built; {@code names} are known up front, from the template. */
    public static LocalFunctions building(List<String> names, CompletableFuture<List<LocalFunction>> functions) {
        return new LocalFunctions(names, functions.thenApply(LocalFunctions::byName));
    }

    /** Functions that are already built. */
    public static LocalFunctions of(List<LocalFunction> functions) {
        return new LocalFunctions(functions.stream().map(LocalFunction::name).toList(),
                CompletableFuture.completedFuture(byName(functions)));
    }

    /** Logical ids of every function, in template order. */
    public List<String> names() {
        return names;
    }

    /** The function with this logical id; waits for the functions to be built. */
    public Optional<LocalFunction> find(String name) {
        return Optional.ofNullable(await().get(name));
    }

    /**
     * Waits until every function is built.
     *
     * @throws RuntimeException what building them threw, e.g. a handler whose constructor failed
     */
    public Map<String, LocalFunction> await() {
        try {
            return built.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static Map<String, LocalFunction> byName(List<LocalFunction> functions) {
        Map<String, LocalFunction> byName = new LinkedHashMap<>();
        functions.forEach(function -> byName.put(function.name(), function));
        return byName;
    }
}
