package dev.lumen.local.template;

import static dev.lumen.local.template.YamlTree.map;
import static dev.lumen.local.template.YamlTree.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The parts of {@code template.yaml} (SAM) that the local runner emulates: functions, their HTTP
 * API routes, the DynamoDB table, SQS queues with the functions that poll them, and schedules. The template stays the single source of truth; this class
 * only reads it. Other resource kinds are reachable untyped through {@link #resources(String)}.
 */
public final class SamTemplate {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String DYNAMODB_TABLE = "AWS::DynamoDB::Table";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";
    public static final String SQS_QUEUE = "AWS::SQS::Queue";
    private static final Set<String> HTTP_METHODS =
            Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", HttpRoute.ANY);
    private static final int SAM_DEFAULT_TIMEOUT = 3;
    private static final int SAM_DEFAULT_MEMORY = 128;

    private final String source;
    private final Map<String, String> parameterDefaults;
    private final Map<String, Object> functionGlobals;
    private final List<Resource> resources;

    private SamTemplate(String source, Map<String, Object> root) {
        this.source = source;
        this.parameterDefaults = readParameterDefaults(map(root.get("Parameters"), "Parameters"));
        this.functionGlobals = map(map(root.get("Globals"), "Globals").get("Function"), "Globals.Function");
        this.resources = readResources(map(root.get("Resources"), "Resources"));
    }

    /** Reads and parses a template file. */
    public static SamTemplate load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new TemplateException("cannot read template " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses template text; {@code source} names it in error messages. */
    public static SamTemplate parse(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document;
        try {
            document = new Yaml(new CloudFormationConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new TemplateException("cannot parse template " + source + ": " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?>)) {
            throw new TemplateException("template " + source + " is not a YAML map");
        }
        return new SamTemplate(source, map(withLongFormIntrinsics(document), "template"));
    }

    /** Where the template came from (a path, for messages). */
    public String source() {
        return source;
    }

    /** Every resource, in template order. */
    public List<Resource> resources() {
        return resources;
    }

    /** The resources of one CloudFormation type, in template order. */
    public List<Resource> resources(String type) {
        return resources.stream().filter(resource -> resource.type().equals(type)).toList();
    }

    /** {@code Parameters} that have a {@code Default}, as text. */
    public Map<String, String> parameterDefaults() {
        return parameterDefaults;
    }

    /** {@code Globals.Function.Environment.Variables}, unresolved. */
    public Map<String, Object> globalEnvironment() {
        return environmentOf(functionGlobals, "Globals.Function");
    }

    /** Every {@code AWS::Serverless::Function}, with Globals merged in. */
    public List<FunctionSpec> functions() {
        Intrinsics parametersOnly = parametersOnly();
        List<FunctionSpec> functions = new ArrayList<>();
        for (Resource resource : resources(FUNCTION)) {
            Map<String, Object> properties = resource.properties();
            String where = resource.logicalId();
            Object handler = properties.getOrDefault("Handler", functionGlobals.get("Handler"));
            Map<String, Object> environment = new LinkedHashMap<>(globalEnvironment());
            environment.putAll(environmentOf(properties, where));
            functions.add(new FunctionSpec(
                    resource.logicalId(),
                    text(handler, where + ".Handler"),
                    Collections.unmodifiableMap(environment),
                    number(parametersOnly, properties.getOrDefault("Timeout", functionGlobals.get("Timeout")), SAM_DEFAULT_TIMEOUT),
                    number(parametersOnly, properties.getOrDefault("MemorySize", functionGlobals.get("MemorySize")), SAM_DEFAULT_MEMORY),
                    events(map(properties.get("Events"), where + ".Events"), where)));
        }
        return functions;
    }

    /** One function by logical id. */
    public Optional<FunctionSpec> function(String logicalId) {
        return functions().stream().filter(function -> function.logicalId().equals(logicalId)).findFirst();
    }

    /** The HTTP API routes declared by {@code HttpApi} events, in template order. */
    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> routes = new ArrayList<>();
        for (FunctionSpec function : functions()) {
            for (FunctionEvent event : function.events()) {
                if (!event.type().equals("HttpApi")) {
                    continue;
                }
                String where = function.logicalId() + ".Events." + event.name();
                Object path = event.properties().get("Path");
                Object method = event.properties().get("Method");
                if (path == null && method == null) {
                    routes.add(new HttpRoute(HttpRoute.ANY, HttpRoute.DEFAULT_ROUTE, function.logicalId()));
                    continue;
                }
                String verb = text(method, where + ".Method").toUpperCase(Locale.ROOT);
                if (!HTTP_METHODS.contains(verb)) {
                    throw new TemplateException(where + ".Method '" + verb + "' is not an HTTP method");
                }
                String template = text(path, where + ".Path");
                if (!template.startsWith("/")) {
                    throw new TemplateException(where + ".Path must start with '/'");
                }
                routes.add(new HttpRoute(verb, template, function.logicalId()));
            }
        }
        return routes;
    }

    /**
     * Route keys whose {@code HttpApi} event opts out of the API's authorizer
     * ({@code Auth: {Authorizer: NONE}}), e.g. {@code GET /api/health}.
     */
    public java.util.Set<String> openRouteKeys() {
        java.util.Set<String> open = new java.util.TreeSet<>();
        for (FunctionSpec function : functions()) {
            for (FunctionEvent event : function.events()) {
                if (event.type().equals("HttpApi") && event.properties().get("Auth") instanceof Map<?, ?> auth
                        && "NONE".equals(auth.get("Authorizer")) && event.properties().get("Path") != null) {
                    open.add(String.valueOf(event.properties().get("Method")).toUpperCase(Locale.ROOT) + " "
                            + event.properties().get("Path"));
                }
            }
        }
        return open;
    }

    /** Every {@code AWS::DynamoDB::Table}. */
    public List<TableSpec> tables() {
        return resources(DYNAMODB_TABLE).stream()
                .map(resource -> new TableSpec(resource.logicalId(), resource.properties()))
                .toList();
    }

    /** Every {@code AWS::SQS::Queue}, in template order. */
    public List<QueueSpec> queues() {
        Intrinsics parametersOnly = parametersOnly();
        List<QueueSpec> queues = new ArrayList<>();
        for (Resource resource : resources(SQS_QUEUE)) {
            Map<String, Object> properties = resource.properties();
            String where = resource.logicalId();
            Map<String, Object> redrive = map(properties.get("RedrivePolicy"), where + ".RedrivePolicy");
            Optional<String> deadLetterQueue = Optional.empty();
            int maxReceiveCount = 0;
            if (!redrive.isEmpty()) {
                deadLetterQueue = Optional.of(queueId(redrive.get("deadLetterTargetArn"),
                        where + ".RedrivePolicy.deadLetterTargetArn"));
                maxReceiveCount = number(parametersOnly, redrive.get("maxReceiveCount"), 0);
                if (maxReceiveCount < 1) {
                    throw new TemplateException(where + ".RedrivePolicy.maxReceiveCount must be a number of at least 1");
                }
            }
            queues.add(new QueueSpec(resource.logicalId(),
                    flag(parametersOnly, properties.get("FifoQueue"), false),
                    number(parametersOnly, properties.get("VisibilityTimeout"), QueueSpec.SQS_DEFAULT_VISIBILITY_TIMEOUT),
                    number(parametersOnly, properties.get("MessageRetentionPeriod"), QueueSpec.SQS_DEFAULT_RETENTION),
                    deadLetterQueue, maxReceiveCount));
        }
        for (QueueSpec queue : queues) {
            queue.deadLetterQueue().filter(id -> queues.stream().noneMatch(other -> other.logicalId().equals(id)))
                    .ifPresent(id -> {
                        throw new TemplateException(queue.logicalId() + ".RedrivePolicy names " + id
                                + ", which is not an AWS::SQS::Queue of this template");
                    });
        }
        return List.copyOf(queues);
    }

    /** Every function's {@code SQS} events, in template order. */
    public List<SqsEventSpec> sqsEvents() {
        Intrinsics parametersOnly = parametersOnly();
        List<SqsEventSpec> sources = new ArrayList<>();
        for (FunctionSpec function : functions()) {
            for (FunctionEvent event : function.events()) {
                if (!event.type().equals("SQS")) {
                    continue;
                }
                String where = function.logicalId() + ".Events." + event.name();
                Map<String, Object> properties = event.properties();
                boolean partial = YamlTree.list(properties.get("FunctionResponseTypes"), where + ".FunctionResponseTypes")
                        .stream().anyMatch("ReportBatchItemFailures"::equals);
                sources.add(new SqsEventSpec(function.logicalId(), event.name(),
                        queueId(properties.get("Queue"), where + ".Queue"),
                        number(parametersOnly, properties.get("BatchSize"), SqsEventSpec.SAM_DEFAULT_BATCH_SIZE),
                        partial,
                        flag(parametersOnly, properties.get("Enabled"), true)));
            }
        }
        return sources;
    }

    /** Every function's {@code Schedule} and {@code ScheduleV2} events, in template order. */
    public List<ScheduleSpec> schedules() {
        Intrinsics parametersOnly = parametersOnly();
        List<ScheduleSpec> schedules = new ArrayList<>();
        for (FunctionSpec function : functions()) {
            for (FunctionEvent event : function.events()) {
                boolean rule = event.type().equals("Schedule");
                if (!rule && !event.type().equals("ScheduleV2")) {
                    continue;
                }
                String where = function.logicalId() + ".Events." + event.name();
                String key = rule ? "Schedule" : "ScheduleExpression";
                Object expression = event.properties().get(key);
                String resolved = parametersOnly.resolve(expression).orElseThrow(() ->
                        new TemplateException(where + "." + key + " is missing or has no local value"));
                boolean enabled = flag(parametersOnly, event.properties().get("Enabled"), true)
                        && !"DISABLED".equals(parametersOnly.resolve(event.properties().get("State")).orElse("ENABLED"));
                schedules.add(new ScheduleSpec(function.logicalId(), event.name(), resolved.strip(), enabled));
            }
        }
        return schedules;
    }

    private Intrinsics parametersOnly() {
        return new Intrinsics(parameterDefaults, "us-east-1", Map.of(), Map.of());
    }

    /**
     * The logical id of the queue an ARN-valued property names: {@code !GetAtt X.Arn} gives X; a
     * literal ARN gives its last segment (local queue names are logical ids).
     */
    private static String queueId(Object value, String where) {
        if (value instanceof Intrinsic intrinsic && intrinsic.function().equals("Fn::GetAtt")
                && intrinsic.argument() instanceof List<?> parts && parts.size() == 2 && "Arn".equals(parts.get(1))) {
            return String.valueOf(parts.get(0));
        }
        String arn = text(value, where);
        if (!arn.startsWith("arn:") || arn.lastIndexOf(':') == arn.length() - 1) {
            throw new TemplateException(where + " must be !GetAtt <Queue>.Arn or a queue ARN, not '" + arn + "'");
        }
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static boolean flag(Intrinsics intrinsics, Object value, boolean fallback) {
        return intrinsics.resolve(value).map(text -> Boolean.parseBoolean(text.strip())).orElse(fallback);
    }

    private static List<Resource> readResources(Map<String, Object> section) {
        List<Resource> resources = new ArrayList<>();
        section.forEach((logicalId, value) -> {
            Map<String, Object> resource = map(value, "Resources." + logicalId);
            resources.add(new Resource(logicalId, text(resource.get("Type"), "Resources." + logicalId + ".Type"),
                    map(resource.get("Properties"), "Resources." + logicalId + ".Properties")));
        });
        return List.copyOf(resources);
    }

    private static Map<String, String> readParameterDefaults(Map<String, Object> section) {
        Map<String, String> defaults = new LinkedHashMap<>();
        section.forEach((name, value) -> {
            Object fallback = map(value, "Parameters." + name).get("Default");
            if (fallback != null && !(fallback instanceof Intrinsic)) {
                defaults.put(name, fallback.toString());
            }
        });
        return Map.copyOf(defaults);
    }

    private static Map<String, Object> environmentOf(Map<String, Object> properties, String where) {
        Map<String, Object> environment = map(properties.get("Environment"), where + ".Environment");
        return map(environment.get("Variables"), where + ".Environment.Variables");
    }

    private static List<FunctionEvent> events(Map<String, Object> section, String where) {
        List<FunctionEvent> events = new ArrayList<>();
        section.forEach((name, value) -> {
            Map<String, Object> event = map(value, where + ".Events." + name);
            events.add(new FunctionEvent(name, text(event.get("Type"), where + ".Events." + name + ".Type"),
                    map(event.get("Properties"), where + ".Events." + name + ".Properties")));
        });
        return List.copyOf(events);
    }

    private static int number(Intrinsics intrinsics, Object value, int fallback) {
        return intrinsics.resolve(value).filter(text -> text.matches("\\d+")).map(Integer::parseInt).orElse(fallback);
    }

    /** Turns {@code {"Ref": "X"}} / {@code {"Fn::Sub": …}} maps into {@link Intrinsic}s, like the short tags. */
    private static Object withLongFormIntrinsics(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                if (only.getKey() instanceof String key && Intrinsic.isFunctionKey(key)) {
                    Object argument = withLongFormIntrinsics(only.getValue());
                    if (key.equals("Fn::GetAtt") && argument instanceof String dotted) {
                        return Intrinsic.fromShortTag("!GetAtt", dotted);
                    }
                    return new Intrinsic(key, argument);
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), withLongFormIntrinsics(item)));
            return copy;
        }
        if (value instanceof List<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            items.forEach(item -> copy.add(withLongFormIntrinsics(item)));
            return copy;
        }
        if (value instanceof Intrinsic intrinsic) {
            return new Intrinsic(intrinsic.function(), withLongFormIntrinsics(intrinsic.argument()));
        }
        return value;
    }

    @Override
    public String toString() {
        return "SamTemplate[" + source + ", " + resources.size() + " resources]";
    }
}
