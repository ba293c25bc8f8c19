package dev.lumen.domain.custody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The custody tests, read from one JSON data file per category under {@code custody/} on the
 * class path and checked as a whole when loaded: ids unique across the bank, every grader known
 * and its settings usable, and at least {@link #MIN_TESTS_PER_TIER} tests for every category in
 * every tier from BASIC to EXPERT (MASTER and LEGENDARY may be sparse). A bank that breaks any
 * rule is refused with every problem listed, each naming its file and test id, so a bad edit to
 * the data fails the build's tests instead of an agent's run.
 *
 * <p>File format: {@code {"category": "SECURITY_AWARENESS", "tests": [{"id", "tier", "prompt",
 * "grader": {"type", ...settings}, "xp"?, "example"?}]}}; {@code xp} defaults to the tier's
 * {@link Tier#baseXp()}; {@code example} is a reference answer that passes.
 */
public final class TestBank {
    public static final String RESOURCE_DIR = "custody/";
    public static final int MIN_TESTS_PER_TIER = 5;
    /** Tiers that must be fully stocked; higher ones are for the few agents that get there. */
    public static final List<Tier> STOCKED_TIERS = List.of(Tier.BASIC, Tier.INTERMEDIATE, Tier.ADVANCED, Tier.EXPERT);

    private final Map<CustodyCategory, Map<Tier, List<CustodyTest>>> index;
    private final List<CustodyTest> all;

    private TestBank(List<CustodyTest> tests) {
        this.all = List.copyOf(tests);
        Map<CustodyCategory, Map<Tier, List<CustodyTest>>> built = new EnumMap<>(CustodyCategory.class);
        for (CustodyTest test : tests) {
            built.computeIfAbsent(test.category(), c -> new EnumMap<>(Tier.class))
                    .computeIfAbsent(test.tier(), t -> new ArrayList<>()).add(test);
        }
        built.values().forEach(byTier -> byTier.replaceAll((tier, list) -> List.copyOf(list)));
        this.index = built;
    }

    /** The bank shipped with Lumen: {@code custody/<category>.json} for every category. */
    public static TestBank load(Graders graders) {
        Map<String, String> files = new LinkedHashMap<>();
        ClassLoader loader = TestBank.class.getClassLoader();
        List<String> missing = new ArrayList<>();
        for (CustodyCategory category : CustodyCategory.values()) {
            String path = RESOURCE_DIR + category.fileName();
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    missing.add(path);
                } else {
                    files.put(category.fileName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("custody test bank is missing " + String.join(", ", missing));
        }
        return parse(files, graders, MIN_TESTS_PER_TIER);
    }

    /**
     * A bank from file contents keyed by file name ({@code security-awareness.json}), each file
     * holding the category its name says; {@code minPerTier} tests are required per category and
     * stocked tier for every category that has a file.
     */
    public static TestBank parse(Map<String, String> files, Graders graders, int minPerTier) {
        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        List<CustodyTest> tests = new ArrayList<>();
        Map<String, String> fileOfId = new HashMap<>();
        Map<CustodyCategory, String> fileOfCategory = new EnumMap<>(CustodyCategory.class);
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            JsonNode root;
            try {
                root = json.readTree(file.getValue());
            } catch (JsonProcessingException e) {
                problems.add(name + ": not valid JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            CustodyCategory category = enumValue(CustodyCategory.class, root.path("category").asText(""));
            if (category == null) {
                problems.add(name + ": unknown category " + root.path("category"));
                continue;
            }
            if (!category.fileName().equals(name)) {
                problems.add(name + ": holds " + category + ", whose file is " + category.fileName());
                continue;
            }
            fileOfCategory.put(category, name);
            if (!root.path("tests").isArray()) {
                problems.add(name + ": needs an array 'tests'");
                continue;
            }
            int position = 0;
            for (JsonNode node : root.path("tests")) {
                position++;
                String id = node.path("id").asText("");
                String where = name + " test " + (id.isBlank() ? "#" + position : id);
                CustodyTest test = test(node, category, where, graders, problems);
                if (test == null) {
                    continue;
                }
                String earlier = fileOfId.putIfAbsent(test.id(), name);
                if (earlier != null) {
                    problems.add(where + ": duplicate id, already used in " + earlier);
                    continue;
                }
                tests.add(test);
            }
        }
        TestBank bank = new TestBank(tests);
        for (Map.Entry<CustodyCategory, String> entry : fileOfCategory.entrySet()) {
            for (Tier tier : STOCKED_TIERS) {
                int count = bank.tests(entry.getKey(), tier).size();
                if (count < minPerTier) {
                    problems.add(entry.getValue() + ": " + entry.getKey() + " has " + count + " " + tier
                            + " tests, needs at least " + minPerTier);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("custody test bank refused (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "): " + String.join("; ", problems));
        }
        return bank;
    }

    private static CustodyTest test(JsonNode node, CustodyCategory category, String where, Graders graders,
                                    List<String> problems) {
        String id = node.path("id").asText("");
        if (id.isBlank()) {
            problems.add(where + ": needs an 'id'");
            return null;
        }
        Tier tier = enumValue(Tier.class, node.path("tier").asText(""));
        if (tier == null) {
            problems.add(where + ": unknown tier " + node.path("tier"));
            return null;
        }
        String prompt = node.path("prompt").asText("");
        if (prompt.isBlank()) {
            problems.add(where + ": needs a 'prompt'");
            return null;
        }
        JsonNode graderNode = node.path("grader");
        if (!graderNode.isObject() || !graderNode.path("type").isTextual()) {
            problems.add(where + ": needs a 'grader' object with a 'type'");
            return null;
        }
        String type = graderNode.get("type").asText();
        Grader grader = graders.find(type).orElse(null);
        if (grader == null) {
            problems.add(where + ": unknown grader '" + type + "' (known: " + String.join(", ", graders.types()) + ")");
            return null;
        }
        ObjectNode options = ((ObjectNode) graderNode).deepCopy();
        options.remove("type");
        GraderSpec spec = new GraderSpec(type, options);
        try {
            grader.check(spec);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
        JsonNode xp = node.path("xp");
        if (!xp.isMissingNode() && (!xp.canConvertToInt() || xp.asInt() < 0)) {
            problems.add(where + ": 'xp' must be a non-negative integer");
            return null;
        }
        JsonNode example = node.path("example");
        if (!example.isMissingNode() && !example.isTextual()) {
            problems.add(where + ": 'example' must be text");
            return null;
        }
        return new CustodyTest(id, category, tier, prompt, spec, xp.isMissingNode() ? tier.baseXp() : xp.asInt(),
                example.asText(""));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The tests of a category at a tier, in file order; empty when there are none. */
    public List<CustodyTest> tests(CustodyCategory category, Tier tier) {
        return index.getOrDefault(category, Map.of()).getOrDefault(tier, List.of());
    }

    /** Every test, in file order. */
    public List<CustodyTest> all() {
        return all;
    }

    /** The categories with at least one test. */
    public Set<CustodyCategory> categories() {
        return Collections.unmodifiableSet(index.keySet());
    }
}
