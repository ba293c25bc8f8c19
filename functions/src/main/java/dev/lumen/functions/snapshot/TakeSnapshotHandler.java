package dev.lumen.functions.snapshot;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.snapshot.SnapshotReason;
import dev.lumen.domain.snapshot.Snapshots;
import dev.lumen.functions.config.Components;
import dev.lumen.functions.http.Access;
import dev.lumen.functions.http.ApiExchange;
import dev.lumen.functions.http.ApiResult;
import dev.lumen.functions.priming.Priming;

/** {@code POST /api/snapshots/{kind}/{id}}: takes a snapshot now; 201 with its meta data. */
public final class TakeSnapshotHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Snapshots snapshots;
    private final PersonaService personas;

    public TakeSnapshotHandler() {
        this(Components.instance().snapshots(), Components.instance().personas());
        Priming.register(this);
    }

    TakeSnapshotHandler(Snapshots snapshots, PersonaService personas) {
        this.snapshots = snapshots;
        this.personas = personas;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            SnapshotRequest request = SnapshotRequest.authorized(event, Access.caller(event), personas);
            return ApiResult.created(SnapshotView.of(snapshots.take(request.kind(), request.id(), SnapshotReason.MANUAL)));
        });
    }
}
