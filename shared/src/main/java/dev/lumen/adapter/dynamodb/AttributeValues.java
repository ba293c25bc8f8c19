package dev.lumen.adapter.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conversions between Java values and DynamoDB attribute values, with exact numbers. */
final class AttributeValues {
    /** The smallest magnitude a DynamoDB Number can hold. */
    private static final double SMALLEST_NUMBER = 1e-130;

    private AttributeValues() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /**
     * A double as a DynamoDB Number. {@link BigDecimal#valueOf(double)} gives the shortest decimal
     * that parses back to the same double, so {@code 0.3} is stored as {@code 0.3}, not as
     * {@code 0.299999999999999988897769753748…}, and reads back bit for bit (a double has at most
     * 17 significant digits, DynamoDB keeps 38).
     */
    static AttributeValue n(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("DynamoDB numbers must be finite: " + value);
        }
        if (Math.abs(value) < SMALLEST_NUMBER) {
            // DynamoDB rejects such numbers ("underflow"); for intensities and amounts they mean 0.
            return AttributeValue.fromN("0");
        }
        return AttributeValue.fromN(BigDecimal.valueOf(value).toPlainString());
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** An instant as ISO-8601 text at full precision. */
    static AttributeValue instant(Instant value) {
        return AttributeValue.fromS(value.toString());
    }

    /** A list of strings as a DynamoDB List (empty lists are allowed, unlike empty sets; order is kept). */
    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    /** The list of strings, or an empty list when the attribute is absent. */
    static List<String> stringList(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    static String string(Map<String, AttributeValue> item, String name) {
        return required(item, name).s();
    }

    /** The string, or null when the attribute is absent. */
    static String optionalString(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static double decimal(Map<String, AttributeValue> item, String name) {
        return Double.parseDouble(required(item, name).n());
    }

    static long integer(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(required(item, name).n());
    }

    /** The number, or {@code otherwise} when the attribute is absent. */
    static long integer(Map<String, AttributeValue> item, String name, long otherwise) {
        AttributeValue value = item.get(name);
        return value == null ? otherwise : Long.parseLong(value.n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(string(item, name));
    }

    /** The instant, or null when the attribute is absent. */
    static Instant optionalInstant(Map<String, AttributeValue> item, String name) {
        String value = optionalString(item, name);
        return value == null ? null : Instant.parse(value);
    }

    /** The key of an item, as GetItem, UpdateItem and DeleteItem take it. */
    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(LumenTable.PK, s(pk), LumenTable.SK, s(sk));
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new IllegalStateException("stored item " + optionalString(item, LumenTable.PK) + " / "
                    + optionalString(item, LumenTable.SK) + " lacks attribute '" + name + "'");
        }
        return value;
    }
}
