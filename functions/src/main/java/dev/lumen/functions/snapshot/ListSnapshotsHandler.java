package dev.lumen.functions.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.snapshot.Snapshots;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/** {@code GET /api/snapshots/{kind}/{id}}: the versions, newest first, meta data only. */
public final class ListSnapshotsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Snapshots snapshots;
    private final PersonaService personas;

    public ListSnapshotsHandler() {
        this(Components.instance().snapshots(), Components.instance().personas());
        Priming.register(this);
    }

    ListSnapshotsHandler(Snapshots snapshots, PersonaService personas) {
        this.snapshots = snapshots;
        this.personas = personas;
    }

    record Versions(String kind, String id, java.util.List<SnapshotView> versions) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            SnapshotRequest request = SnapshotRequest.authorized(event, Access.caller(event), personas);
            return ApiResult.ok(new Versions(request.kind().slug(), request.id(),
                    snapshots.versions(request.kind(), request.id()).stream().map(SnapshotView::of).toList()));
        });
    }
}
