package dev.lumen.local.web;

import dev.lumen.local.http.HttpApi;
import dev.lumen.local.lambda.LocalFunctions;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;

/**
 * Spring Boot on 127.0.0.1: the HTTP API at {@code /} and every function at
 * {@code POST /invoke/<LogicalId>}, registered under the template's logical ids. The functions may
 * still be being built while Spring starts; a request waits for them.
 */
public final class LocalWebServer implements AutoCloseable {

    /** Where Spring Cloud Function web serves the functions. */
    public static final String INVOKE_PATH = "/invoke";

    private static final Type MESSAGE_FUNCTION = ResolvableType.forClassWithGenerics(Function.class,
            ResolvableType.forClassWithGenerics(Message.class, String.class),
            ResolvableType.forClassWithGenerics(Message.class, String.class)).getType();

    private final ConfigurableApplicationContext context;
    private final int port;

    private LocalWebServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Starts the server.
     *
     * @param port      TCP port on 127.0.0.1; 0 picks a free one
     * @param api       the HTTP API emulation
     * @param functions the functions to expose under {@code /invoke} (they may still be being built)
     * @param args      command-line arguments, passed to Spring Boot (e.g. {@code --server.tomcat.threads.max=50})
     */
    public static LocalWebServer start(int port, HttpApi api, LocalFunctions functions, String... args) {
        return start(port, api, functions, java.util.Optional.empty(), args);
    }

    /**
     * As {@link #start(int, HttpApi, LocalFunctions, String...)}, also serving a WebSocket API at
     * {@code /ws} and its management API's copy at {@code /@connections/{id}}.
     */
    public static LocalWebServer start(int port, HttpApi api, LocalFunctions functions,
                                       java.util.Optional<dev.lumen.local.ws.LocalWebSocketApi> realtime, String... args) {
        return start(port, api, functions, realtime, java.util.Optional.empty(), args);
    }

    /**
     * As above, also serving the OpenAPI document at {@code /openapi.yaml} and Swagger UI at
     * {@code /docs} ({@link ApiDocs}), ahead of the catch-all HTTP API mapping.
     */
    public static LocalWebServer start(int port, HttpApi api, LocalFunctions functions,
                                       java.util.Optional<dev.lumen.local.ws.LocalWebSocketApi> realtime,
                                       java.util.Optional<java.nio.file.Path> apiDocument, String... args) {
        // logback.xml configures logging once, before Spring starts (DynamoDB Local logs first). Spring
        // Boot would reset and reload it while other threads log, which loses lines and costs time.
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        }
        SpringApplication application = new SpringApplication(LocalWebApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        application.setDefaultProperties(defaults(port));
        application.addInitializers(context -> {
            GenericApplicationContext registry = (GenericApplicationContext) context;
            registry.registerBean(HttpApi.class, () -> api);
            realtime.ifPresent(ws -> {
                dev.lumen.local.ws.WebSocketEndpoint endpoint = new dev.lumen.local.ws.WebSocketEndpoint(ws);
                registry.registerBean(dev.lumen.local.ws.WebSocketEndpoint.class, () -> endpoint,
                        definition -> definition.setDestroyMethodName("shutdown"));
                registry.registerBean(dev.lumen.local.ws.ConnectionsEndpoint.class,
                        () -> new dev.lumen.local.ws.ConnectionsEndpoint(ws));
            });
            // Requests Tomcat itself refuses get the API's JSON error shape too, not an HTML page.
            registry.registerBean("jsonErrorReports", WebServerFactoryCustomizer.class,
                    () -> (WebServerFactoryCustomizer<TomcatServletWebServerFactory>) factory ->
                            factory.addContextCustomizers(tomcatContext -> {
                                if (tomcatContext.getParent() instanceof StandardHost host) {
                                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                                }
                            }));
            apiDocument.ifPresent(document -> registry.registerBean("apiDocsMapping",
                    org.springframework.web.servlet.handler.SimpleUrlHandlerMapping.class, () -> {
                        ApiDocs docs = new ApiDocs(document);
                        var mapping = new org.springframework.web.servlet.handler.SimpleUrlHandlerMapping(Map.of(
                                ApiDocs.DOCUMENT_PATH, docs, ApiDocs.DOCS_PATH, docs, ApiDocs.DOCS_PATH + "/**", docs));
                        mapping.setOrder(0);
                        return mapping;
                    }));
            // The chat page at / (WebChat), ahead of the catch-all HTTP API mapping like the docs.
            registry.registerBean("webChatMapping", org.springframework.web.servlet.handler.SimpleUrlHandlerMapping.class, () -> {
                WebChat chat = new WebChat();
                Map<String, Object> urls = new HashMap<>();
                WebChat.paths().forEach(path -> urls.put(path, chat));
                var mapping = new org.springframework.web.servlet.handler.SimpleUrlHandlerMapping(urls);
                mapping.setOrder(0);
                return mapping;
            });
            for (String name : functions.names()) {
                registry.registerBean(name, FunctionRegistration.class,
                        () -> new FunctionRegistration<>(new InvokeFunction(name, functions), name).type(MESSAGE_FUNCTION));
            }
        });
        return new LocalWebServer(application.run(args));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Defaults only: system properties, environment variables and arguments still override them. */
    private static Map<String, Object> defaults(int port) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("server.port", port);
        defaults.put("server.address", "127.0.0.1");
        defaults.put("spring.cloud.function.web.path", INVOKE_PATH);
        // The catch-all route must see every body untouched, and there are no static files.
        defaults.put("spring.mvc.formcontent.filter.enabled", false);
        defaults.put("spring.web.resources.add-mappings", false);
        defaults.put("spring.jmx.enabled", false);
        defaults.put("server.error.include-stacktrace", "never");
        return defaults;
    }
}
