package dev.lumen.functions.snapshot;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.Caller;

/**
 * The path of a snapshot route ({@code /api/snapshots/{kind}/{id}[/{version}]}) and who may use it:
 * a persona's snapshots its creator (or an admin), a user's the user themself (or an admin), an
 * agent's only admins. Kind and version are checked first (400 naming the field).
 */
record SnapshotRequest(SnapshotKind kind, String id) {

    static SnapshotRequest authorized(APIGatewayV2HTTPEvent event, Caller caller, PersonaService personas) {
        var params = event.getPathParameters();
        SnapshotKind kind = SnapshotKind.parse("kind", params == null ? null : params.get("kind"));
        String id = ApiExchange.pathParameter(event, "id");
        if (params.containsKey("version")) {
            pathVersion(event); // a malformed version is a 400 before anything is looked up
        }
        switch (kind) {
            case PERSONA -> caller.requireCreator(personas.load(id).creatorId());
            case USER -> caller.requireUser(id);
            case AGENT -> caller.requireAdmin();
        }
        return new SnapshotRequest(kind, id);
    }

    /** A version from the path or the query: a whole number from 1, or a 400 naming {@code field}. */
    static long version(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        try {
            long version = Long.parseLong(value.strip());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ValidationException("invalid_version", "'" + field + "' must be a whole number from 1");
    }

    static long pathVersion(APIGatewayV2HTTPEvent event) {
        var params = event.getPathParameters();
        return version("version", params == null ? null : params.get("version"));
    }
}
