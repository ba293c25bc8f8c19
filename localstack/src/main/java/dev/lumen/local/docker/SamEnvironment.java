package dev.lumen.local.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lumen.local.template.FunctionSpec;
import dev.lumen.local.template.Intrinsics;
import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.Resource;
import dev.lumen.local.template.SamTemplate;
import dev.lumen.local.template.TableSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --env-vars} file for {@code sam local invoke} / {@code start-api} that points the
 * functions at the compose file's LocalStack and OpenSearch. Written from the template like the
 * init script: every variable whose template value names a resource ({@code !Ref InteractionsQueue},
 * {@code !Ref DocumentsBucket}, …) gets the LocalStack name or URL of that resource, plus the
 * endpoint overrides. SAM only overrides variables the template declares, which is why the template
 * declares the endpoint variables (empty in AWS); {@code LocalStackInitScriptTest} checks that.
 *
 * <p>Hosts are the compose service names: {@code sam local} runs each function in a container on
 * the compose network ({@code --docker-network lumen}), where {@code 127.0.0.1} would be the function's own.
 */
public final class SamEnvironment {

    /** The compose network, service names and ports the file points at. */
    public static final String NETWORK = "lumen";
    public static final String LOCALSTACK_URL = "http://localstack:" + LocalStackNames.EDGE_PORT;
    public static final String OPENSEARCH_URL = "http://opensearch:9200";

    /** Set for every function: where the AWS services are, and the offline chat model (no Bedrock in LocalStack). */
    public static final Map<String, String> ENDPOINTS = endpoints();

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SamEnvironment() {
    }

    /** The env-vars JSON: {@code Parameters} for all functions, then any function's own variables. */
    public static String render(SamTemplate template) {
        Intrinsics parametersOnly = new Intrinsics(template.parameterDefaults(), LocalStackNames.REGION, Map.of(), Map.of());
        Intrinsics withResources = localStack(template);
        Map<String, Object> file = new LinkedHashMap<>();
        Map<String, String> all = new LinkedHashMap<>(resourceValues(template.globalEnvironment(), parametersOnly, withResources));
        all.putAll(ENDPOINTS);
        file.put("Parameters", all);
        for (FunctionSpec function : template.functions()) {
            Map<String, Object> own = new LinkedHashMap<>(function.environment());
            own.keySet().removeAll(template.globalEnvironment().keySet());
            Map<String, String> values = resourceValues(own, parametersOnly, withResources);
            if (!values.isEmpty()) {
                file.put(function.logicalId(), values);
            }
        }
        try {
            return JSON.writeValueAsString(file) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The variables whose value needs a resource (not only parameters), resolved against LocalStack. */
    private static Map<String, String> resourceValues(Map<String, Object> declared, Intrinsics parametersOnly,
                                                      Intrinsics withResources) {
        Map<String, String> values = new LinkedHashMap<>();
        declared.forEach((name, value) -> {
            if (parametersOnly.resolve(value).isPresent()) {
                return;
            }
            Optional<String> local = withResources.resolve(value);
            local.ifPresent(text -> values.put(name, text));
        });
        return values;
    }

    private static Intrinsics localStack(SamTemplate template) {
        Map<String, String> refs = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (TableSpec table : template.tables()) {
            refs.put(table.logicalId(), LocalStackNames.TABLE);
            attributes.put(table.logicalId() + ".Arn",
                    "arn:aws:dynamodb:" + LocalStackNames.REGION + ":" + LocalStackNames.ACCOUNT + ":table/" + LocalStackNames.TABLE);
        }
        for (QueueSpec queue : template.queues()) {
            refs.put(queue.logicalId(), LocalStackNames.queueUrl(LOCALSTACK_URL, queue));
            attributes.put(queue.logicalId() + ".Arn", LocalStackNames.queueArn(queue));
            attributes.put(queue.logicalId() + ".QueueName", queue.queueName());
            attributes.put(queue.logicalId() + ".QueueUrl", LocalStackNames.queueUrl(LOCALSTACK_URL, queue));
        }
        for (Resource bucket : template.resources(LocalStackInitScript.S3_BUCKET_TYPE)) {
            refs.put(bucket.logicalId(), LocalStackNames.bucket(bucket.logicalId()));
        }
        for (Resource domain : template.resources(LocalStackInitScript.OPENSEARCH_DOMAIN_TYPE)) {
            // The compose file's node itself, not LocalStack's proxy: no request signing, one hop fewer.
            attributes.put(domain.logicalId() + ".DomainEndpoint", OPENSEARCH_URL.substring("http://".length()));
        }
        return new Intrinsics(template.parameterDefaults(), LocalStackNames.REGION, refs, attributes);
    }

    private static Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("LUMEN_DYNAMODB_ENDPOINT", LOCALSTACK_URL);
        endpoints.put("LUMEN_SQS_ENDPOINT", LOCALSTACK_URL);
        endpoints.put("LUMEN_S3_ENDPOINT", LOCALSTACK_URL);
        endpoints.put("LUMEN_OPENSEARCH_URL", OPENSEARCH_URL);
        endpoints.put("LUMEN_CHAT_MODEL", "offline");
        return java.util.Collections.unmodifiableMap(endpoints);
    }
}
