package dev.lumen.functions.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** For tests in other packages: the EMF documents in captured stdout, each validated against the spec. */
public final class EmfDocuments {

    private EmfDocuments() {
    }

    public static List<JsonNode> parse(String stdout) {
        return EmfSpec.documents(stdout);
    }
}
