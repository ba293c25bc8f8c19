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
 * {@code POST /api/snapshots/{kind}/{id}/{version}/restore}: checksum verified, current state
 * snapshotted (the undo version), then written back through the use cases; 422
 * {@code snapshot_corrupted} and nothing changed when the snapshot is damaged, 409 for agents.
 */
public final class RestoreSnapshotHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Snapshots snapshots;
    private final PersonaService personas;

    public RestoreSnapshotHandler() {
        this(Components.instance().snapshots(), Components.instance().personas());
        Priming.register(this);
    }

    RestoreSnapshotHandler(Snapshots snapshots, PersonaService personas) {
        this.snapshots = snapshots;
        this.personas = personas;
    }

    /** {@code undo}: restore this version to go back to the state before this restore. */
    record Body(SnapshotView restored, SnapshotView undo, java.util.List<String> changed,
                java.util.List<String> unrestorable) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiExchange.run(event, context, () -> {
            SnapshotRequest request = SnapshotRequest.authorized(event, Access.caller(event), personas);
            Snapshots.Restore restore = snapshots.restore(request.kind(), request.id(), SnapshotRequest.pathVersion(event));
            return ApiResult.ok(new Body(SnapshotView.of(restore.restored()), SnapshotView.of(restore.undo()),
                    restore.changed(), restore.unrestorable()));
        });
    }
}
