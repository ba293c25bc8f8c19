package dev.lumen.functions.observability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch embedded metric format (EMF) document: a JSON line whose {@code _aws} member tells
 * CloudWatch Logs which of its members are metrics and which are dimensions. Written to stdout by
 * a Lambda function it becomes metrics with no SDK call and no added latency (see
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 *
 * <p>The spec's limits are enforced here rather than discovered in CloudWatch: at most 30
 * dimensions per set, at most 100 metrics per document, and every dimension a set names has a
 * string value in the document. Other members ({@link #property}) are searchable in Logs Insights
 * but create no metric: ids belong there, never in dimensions (each distinct value is a billed metric).
 */
public final class EmfLine {
    public static final int MAX_DIMENSIONS = 30;
    public static final int MAX_METRICS = 100;

    /** The CloudWatch units used here (the spec's list has more). */
    public enum Unit {
        Milliseconds, Count, None
    }

    private record Metric(String name, Unit unit, double value) {
    }

    private final String namespace;
    private final List<List<String>> dimensionSets = new ArrayList<>();
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public EmfLine(String namespace) {
        this.namespace = namespace;
    }

    /** A dimension's value; it only splits the metrics when a {@link #dimensionSet} names it. */
    public EmfLine dimension(String name, String value) {
        dimensions.put(name, value == null || value.isBlank() ? "unknown" : value);
        return this;
    }

    /** One combination of dimensions to aggregate the metrics by. */
    public EmfLine dimensionSet(String... names) {
        if (names.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("an EMF dimension set holds at most " + MAX_DIMENSIONS + " dimensions");
        }
        dimensionSets.add(List.of(names));
        return this;
    }

    public EmfLine metric(String name, double value, Unit unit) {
        if (metrics.size() == MAX_METRICS) {
            throw new IllegalArgumentException("an EMF document holds at most " + MAX_METRICS + " metrics");
        }
        metrics.add(new Metric(name, unit, value));
        return this;
    }

    /** A member that is neither metric nor dimension: context for Logs Insights. Null is left out. */
    public EmfLine property(String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    /** The document as one line, stamped {@code timestampMillis} (ms since the epoch, as the spec asks). */
    public String toJson(long timestampMillis) {
        for (List<String> set : dimensionSets) {
            for (String name : set) {
                if (!dimensions.containsKey(name)) {
                    throw new IllegalStateException("dimension '" + name + "' is in a set but has no value");
                }
            }
        }
        StringBuilder json = new StringBuilder(256);
        json.append('{');
        JsonText.key(json, "_aws").append('{');
        JsonText.key(json, "Timestamp").append(timestampMillis).append(',');
        JsonText.key(json, "CloudWatchMetrics").append("[{");
        JsonText.key(json, "Namespace");
        JsonText.string(json, namespace).append(',');
        JsonText.key(json, "Dimensions").append('[');
        for (int i = 0; i < dimensionSets.size(); i++) {
            json.append(i == 0 ? "[" : ",[");
            List<String> set = dimensionSets.get(i);
            for (int j = 0; j < set.size(); j++) {
                if (j > 0) {
                    json.append(',');
                }
                JsonText.string(json, set.get(j));
            }
            json.append(']');
        }
        json.append("],");
        JsonText.key(json, "Metrics").append('[');
        for (int i = 0; i < metrics.size(); i++) {
            json.append(i == 0 ? "{" : ",{");
            JsonText.key(json, "Name");
            JsonText.string(json, metrics.get(i).name()).append(',');
            JsonText.key(json, "Unit");
            JsonText.string(json, metrics.get(i).unit().name()).append('}');
        }
        json.append("]}]}");
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            json.append(',');
            JsonText.key(json, dimension.getKey());
            JsonText.string(json, dimension.getValue());
        }
        for (Metric metric : metrics) {
            json.append(',');
            JsonText.key(json, metric.name());
            double value = metric.value();
            // Whole values (latencies, counts) as integers: shorter lines, and what a reader expects.
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                json.append((long) value);
            } else {
                JsonText.value(json, value);
            }
        }
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (!dimensions.containsKey(property.getKey())) {
                json.append(',');
                JsonText.key(json, property.getKey());
                JsonText.value(json, property.getValue());
            }
        }
        return json.append('}').toString();
    }
}
