package dev.lumen.functions.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import dev.lumen.domain.error.UnauthenticatedException;
import dev.lumen.functions.config.Environment;
import dev.lumen.functions.observability.Invocation;
import dev.lumen.functions.priming.Priming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket API's {@code $connect} authorizer (a Lambda REQUEST authorizer: WebSocket APIs have no
 * JWT authorizer): verifies the Cognito ID token in the {@code token} query parameter (browsers cannot
 * set headers on a WebSocket handshake) and allows the connection with the claims the functions
 * authorize on as its context. API Gateway hands that context to every later event of the connection
 * in {@code requestContext.authorizer}, as the HTTP API's JWT authorizer does per request.
 * A missing or bad token gets a Deny: the handshake fails with 403 and no function runs.
 */
public final class ConnectAuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectAuthorizerHandler.class);
    /** The claims the functions read (see {@link dev.lumen.functions.http.Access}); nothing else goes on. */
    static final Set<String> PASSED_CLAIMS = Set.of("sub", "custom:role", "custom:creatorId", "cognito:groups");

    private volatile CognitoTokenVerifier verifier;

    /** Reads {@code LUMEN_JWT_ISSUER} and {@code LUMEN_JWT_AUDIENCE} on the first request, not at start. */
    public ConnectAuthorizerHandler() {
        Priming.register(this);
    }

    ConnectAuthorizerHandler(CognitoTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        // A Deny is an answer, not an error: only a failure to answer counts in the invocation's Errors.
        return Invocation.run(context, Invocation.Kind.AUTHORIZER, "ConnectAuthorizer", () -> describe(event),
                () -> authorize(event), answer -> false);
    }

    private static void describe(APIGatewayCustomAuthorizerEvent event) {
        Invocation.put(Invocation.ROUTE, "$connect");
        if (event.getRequestContext() != null) {
            Invocation.put(Invocation.API_REQUEST_ID, event.getRequestContext().getRequestId());
        }
    }

    private Map<String, Object> authorize(APIGatewayCustomAuthorizerEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        String token = query == null ? null : query.get("token");
        try {
            Map<String, String> claims = verifier().verify(token);
            Invocation.put(Invocation.USER_ID, claims.get("sub"));
            Invocation.put(Invocation.TENANT, claims.get("custom:creatorId"));
            Map<String, Object> passed = new LinkedHashMap<>();
            claims.forEach((name, value) -> {
                if (PASSED_CLAIMS.contains(name)) {
                    passed.put(name, value);
                }
            });
            return policy(claims.get("sub"), "Allow", event.getMethodArn(), passed);
        } catch (UnauthenticatedException e) {
            LOG.info("websocket connect refused reason={}", e.getMessage());
            return policy("anonymous", "Deny", event.getMethodArn(), Map.of());
        }
    }

    private CognitoTokenVerifier verifier() {
        CognitoTokenVerifier local = verifier;
        if (local == null) {
            local = CognitoTokenVerifier.forUserPool(Environment.required("LUMEN_JWT_ISSUER"),
                    Environment.required("LUMEN_JWT_AUDIENCE"));
            verifier = local;
        }
        return local;
    }

    private static Map<String, Object> policy(String principal, String effect, String resource, Map<String, Object> context) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", "execute-api:Invoke");
        statement.put("Effect", effect);
        statement.put("Resource", resource == null ? "*" : resource);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("principalId", principal);
        response.put("policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
        response.put("context", context);
        return response;
    }
}
