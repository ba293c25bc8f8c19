package dev.lumen.domain.custody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small custody tests for grader unit tests, their grader settings written as JSON. */
final class CustodyFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CustodyFixtures() {
    }

    /** A BASIC security test graded by {@code type} with the settings in {@code optionsJson}. */
    static CustodyTest test(String type, String optionsJson) {
        return test("t-1", "What do you do?", type, optionsJson);
    }

    static CustodyTest test(String id, String prompt, String type, String optionsJson) {
        try {
            ObjectNode options = (ObjectNode) JSON.readTree(optionsJson);
            return new CustodyTest(id, CustodyCategory.SECURITY_AWARENESS, Tier.BASIC, prompt,
                    new GraderSpec(type, options), Tier.BASIC.baseXp());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
