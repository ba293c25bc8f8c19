package dev.lumen.domain.knowledge;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import java.time.Clock;

/** {@code PUT/GET /api/creators/{creatorId}}: who a creator is and how they coach. */
public final class CreatorProfiles {
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 4_000;

    private final CreatorRepository creators;
    private final Clock clock;

    public CreatorProfiles(CreatorRepository creators, Clock clock) {
        this.creators = creators;
        this.clock = clock;
    }

    public Creator put(String creatorId, String name, String expertise, String methodology, String communicationStyle) {
        Creator creator = new Creator(Ids.require("creatorId", creatorId), required("name", name, MAX_NAME),
                optional("expertise", expertise), optional("methodology", methodology),
                optional("communicationStyle", communicationStyle), clock.instant());
        creators.save(creator);
        return creator;
    }

    public Creator get(String creatorId) {
        return creators.find(Ids.require("creatorId", creatorId)).orElseThrow(() ->
                new NotFoundException("creator_not_found", "creator '" + creatorId + "' has no profile"));
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        return limit(field, value, max);
    }

    private static String optional(String field, String value) {
        return value == null ? "" : limit(field, value, MAX_TEXT);
    }

    private static String limit(String field, String value, int max) {
        if (value.strip().length() > max) {
            throw new ValidationException("too_long", "'" + field + "' is longer than " + max + " characters");
        }
        return value.strip();
    }
}
