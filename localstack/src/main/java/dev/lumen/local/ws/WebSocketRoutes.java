package dev.lumen.local.ws;

import dev.lumen.local.template.FunctionSpec;
import dev.lumen.local.template.Resource;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.TemplateException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's WebSocket API ({@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: WEBSOCKET}):
 * its route selection expression and, per route key, the function its integration invokes, and
 * whether {@code $connect} has an authorizer. Read from the raw resources: the runner serves what
 * the template declares, as it does for the HTTP routes.
 *
 * @param selectionField the body field named by {@code $request.body.<field>}
 * @param functions      function logical id by route key ({@code $connect}, {@code sendMessage}, …)
 * @param connectAuthorized whether {@code $connect} has {@code AuthorizationType: CUSTOM}
 */
public record WebSocketRoutes(String selectionField, Map<String, String> functions, boolean connectAuthorized) {
    public static final String API = "AWS::ApiGatewayV2::Api";
    public static final String ROUTE = "AWS::ApiGatewayV2::Route";
    public static final String INTEGRATION = "AWS::ApiGatewayV2::Integration";
    public static final String CONNECT = "$connect";
    public static final String DISCONNECT = "$disconnect";
    public static final String DEFAULT = "$default";
    private static final Pattern SELECTION = Pattern.compile("\\$request\\.body\\.([A-Za-z0-9_]+)");
    private static final Pattern TARGET = Pattern.compile("integrations/\\$\\{([A-Za-z0-9]+)}");

    public WebSocketRoutes {
        functions = Map.copyOf(functions);
    }

    /** The template's (first) WebSocket API, or empty when it declares none. */
    public static Optional<WebSocketRoutes> of(SamTemplate template) {
        Optional<Resource> api = template.resources(API).stream()
                .filter(resource -> "WEBSOCKET".equals(String.valueOf(resource.properties().get("ProtocolType"))))
                .findFirst();
        if (api.isEmpty()) {
            return Optional.empty();
        }
        String apiId = api.get().logicalId();
        Matcher selection = SELECTION.matcher(String.valueOf(api.get().properties().get("RouteSelectionExpression")));
        if (!selection.matches()) {
            throw new TemplateException(apiId + ".RouteSelectionExpression must be $request.body.<field> to be served locally");
        }
        List<String> functionIds = template.functions().stream().map(FunctionSpec::logicalId).toList();
        Map<String, String> functions = new LinkedHashMap<>();
        boolean connectAuthorized = false;
        for (Resource route : template.resources(ROUTE)) {
            if (!String.valueOf(route.properties().get("ApiId")).contains(apiId)) {
                continue;
            }
            String key = String.valueOf(route.properties().get("RouteKey"));
            Matcher target = TARGET.matcher(String.valueOf(route.properties().get("Target")));
            if (!target.find()) {
                throw new TemplateException(route.logicalId() + ".Target must be !Sub \"integrations/${<Integration>}\"");
            }
            Resource integration = template.resources(INTEGRATION).stream()
                    .filter(resource -> resource.logicalId().equals(target.group(1))).findFirst()
                    .orElseThrow(() -> new TemplateException(route.logicalId() + ".Target names " + target.group(1)
                            + ", which is not an " + INTEGRATION));
            functions.put(key, functionOf(integration, functionIds));
            if (key.equals(CONNECT)) {
                connectAuthorized = "CUSTOM".equals(String.valueOf(route.properties().get("AuthorizationType")));
            }
        }
        return Optional.of(new WebSocketRoutes(selection.group(1), functions, connectAuthorized));
    }

    /** The route a message takes: its selection field's value when a route has that key, else {@code $default}. */
    public Optional<String> select(Object selected) {
        if (selected instanceof String key && !key.startsWith("$") && functions.containsKey(key)) {
            return Optional.of(key);
        }
        return functions.containsKey(DEFAULT) ? Optional.of(DEFAULT) : Optional.empty();
    }

    /** The function an integration's URI names ({@code ${Fn.Arn}}, {@code !Ref Fn.Alias}, …). */
    private static String functionOf(Resource integration, List<String> functionIds) {
        String uri = String.valueOf(integration.properties().get("IntegrationUri"));
        for (String id : functionIds) {
            if (Pattern.compile("\\b" + Pattern.quote(id) + "(\\.Arn|\\.Alias)?\\b").matcher(uri).find()) {
                return id;
            }
        }
        throw new TemplateException(integration.logicalId() + ".IntegrationUri names no function of this template");
    }
}
