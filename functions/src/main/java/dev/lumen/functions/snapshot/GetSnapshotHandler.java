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

/**
 * {@code GET /api/snapshots/{kind}/{id}/{version}}: the meta data and the decoded state (422
 * {@code snapshot_corrupted} when the stored bytes fail their checksum).
 */
public final class GetSnapshotHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Snapshots snapshots;
    private final PersonaService personas;

    public GetSnapshotHandler() {
        this(Components.instance().snapshots(), Components.instance().personas());
        Priming.register(this);
    }

    GetSnapshotHandler(Snapshots snapshots, PersonaService personas) {
        this.snapshots = snapshots;
        this.personas = personas;
    }

    record Body(SnapshotView snapshot, dev.lumen.domain.snapshot.SnapshotState state) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            SnapshotRequest request = SnapshotRequest.authorized(event, Access.caller(event), personas);
            Snapshots.Detail detail = snapshots.get(request.kind(), request.id(), SnapshotRequest.pathVersion(event));
            return ApiResult.ok(new Body(SnapshotView.of(detail.snapshot()), detail.state()));
        });
    }
}
