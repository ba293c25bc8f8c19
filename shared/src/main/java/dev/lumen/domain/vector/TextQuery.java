package dev.lumen.domain.vector;

import java.util.Map;

/**
 * A keyword (BM25) search inside one tenant, over the documents' {@code text}.
 *
 * @param tenant  required: a store never searches across tenants
 * @param text    the query in plain words; stores analyse it as they analyse documents (no query syntax)
 * @param k       how many hits at most, 1..1000
 * @param filters every entry must equal the document's attribute of that name
 */
public record TextQuery(String tenant, String text, int k, Map<String, String> filters) {

    public TextQuery {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a text query needs a tenant");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a text query needs text");
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k must be between 1 and 1000");
        }
        filters = Map.copyOf(filters);
    }
}
