package dev.lumen.functions.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a line against the structure the CloudWatch embedded metric format specification
 * requires, as CloudWatch Logs would before extracting metrics: a JSON object with {@code _aws}
 * holding a numeric ms {@code Timestamp} and {@code CloudWatchMetrics} directives, each with a
 * namespace, dimension sets of at most 30 names that are string members of the root, and at most
 * 100 metrics whose names are numeric members of the root (a number or an array of numbers).
 */
final class EmfSpec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    private EmfSpec() {
    }

    /** The parsed document, after asserting every rule above. */
    static JsonNode validate(String line) {
        assertThat(line).as("one line").doesNotContain("\n");
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(root.isObject()).as("root is an object: %s", line).isTrue();
        JsonNode aws = root.path("_aws");
        assertThat(aws.isObject()).as("_aws member").isTrue();
        assertThat(aws.path("Timestamp").isIntegralNumber()).as("Timestamp is a whole number").isTrue();
        assertThat(aws.path("Timestamp").asLong()).as("Timestamp in ms since the epoch").isGreaterThan(1_000_000_000_000L);
        JsonNode directives = aws.path("CloudWatchMetrics");
        assertThat(directives.isArray() && directives.size() > 0).as("CloudWatchMetrics directives").isTrue();
        for (JsonNode directive : directives) {
            assertThat(directive.path("Namespace").asText()).as("Namespace").isNotBlank();
            JsonNode sets = directive.path("Dimensions");
            assertThat(sets.isArray()).as("Dimensions is an array").isTrue();
            for (JsonNode set : sets) {
                assertThat(set.isArray()).as("a dimension set is an array").isTrue();
                assertThat(set.size()).as("dimensions in a set").isLessThanOrEqualTo(30);
                for (JsonNode name : set) {
                    assertThat(root.path(name.asText()).isTextual())
                            .as("dimension %s has a string value in the root", name.asText()).isTrue();
                }
            }
            JsonNode metrics = directive.path("Metrics");
            assertThat(metrics.isArray() && metrics.size() > 0).as("Metrics").isTrue();
            assertThat(metrics.size()).as("metrics in a directive").isLessThanOrEqualTo(100);
            for (JsonNode metric : metrics) {
                String name = metric.path("Name").asText();
                assertThat(name).as("metric Name").isNotBlank();
                if (metric.has("Unit")) {
                    assertThat(UNITS).as("metric Unit").contains(metric.path("Unit").asText());
                }
                JsonNode value = root.path(name);
                boolean numeric = value.isNumber()
                        || value.isArray() && value.size() > 0 && value.size() <= 100 && allNumbers(value);
                assertThat(numeric).as("metric %s has a numeric value in the root", name).isTrue();
            }
        }
        return root;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isNumber()) {
                return false;
            }
        }
        return true;
    }

    /** The EMF documents among captured stdout lines (log lines have no {@code _aws}). */
    static List<JsonNode> documents(String stdout) {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : stdout.split("\\R")) {
            if (line.startsWith("{\"_aws\"")) {
                documents.add(validate(line));
            }
        }
        return documents;
    }

    /** The names of the metrics a document declares. */
    static List<String> metricNames(JsonNode document) {
        List<String> names = new ArrayList<>();
        for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode metric : directive.path("Metrics")) {
                names.add(metric.path("Name").asText());
            }
        }
        return names;
    }
}
