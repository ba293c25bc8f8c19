package dev.lumen.domain.vector;

import java.util.Map;

/**
 * A nearest-neighbour search inside one tenant.
 *
 * @param tenant  required: a store never searches across tenants
 * @param filters every entry must equal the document's attribute of that name
 * @param k       how many hits at most, 1..1000
 */
public record VectorQuery(String tenant, float[] vector, int k, Map<String, String> filters) {

    public VectorQuery {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a vector query needs a tenant");
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k must be between 1 and 1000");
        }
        filters = Map.copyOf(filters);
    }
}
