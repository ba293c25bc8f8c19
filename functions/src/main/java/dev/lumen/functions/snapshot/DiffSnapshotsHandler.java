package dev.lumen.functions.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.snapshot.SnapshotDiff;
import dev.lumen.domain.snapshot.Snapshots;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/** {@code GET /api/snapshots/{kind}/{id}/diff?from=&to=}: field-level changes from one version to another. */
public final class DiffSnapshotsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Snapshots snapshots;
    private final PersonaService personas;

    public DiffSnapshotsHandler() {
        this(Components.instance().snapshots(), Components.instance().personas());
        Priming.register(this);
    }

    DiffSnapshotsHandler(Snapshots snapshots, PersonaService personas) {
        this.snapshots = snapshots;
        this.personas = personas;
    }

    /** The diff with its kind as a lower-case word, like every other snapshot answer. */
    record Body(String kind, String id, long from, long to, SnapshotDiff.TraitChanges traits,
                java.util.List<SnapshotDiff.FieldChange> fields) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            var caller = Access.caller(event);
            long from = SnapshotRequest.version("from", ApiExchange.queryParameter(event, "from"));
            long to = SnapshotRequest.version("to", ApiExchange.queryParameter(event, "to"));
            SnapshotRequest request = SnapshotRequest.authorized(event, caller, personas);
            SnapshotDiff diff = snapshots.diff(request.kind(), request.id(), from, to);
            return ApiResult.ok(new Body(diff.kind().slug(), diff.id(), diff.from(), diff.to(), diff.traits(), diff.fields()));
        });
    }
}
