package dev.lumen.functions.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson mapper of the functions: built once, thread-safe, ISO-8601 instants. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Costs are exact decimals: 0.0000001, not 1E-7 (BigDecimal.toString's scientific form).
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            // Absent means unknown: clients check for a field rather than for null.
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }
}
