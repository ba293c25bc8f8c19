package dev.lumen.local.web;

import dev.lumen.local.http.HttpApi;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.function.web.mvc.ReactorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * The Spring Boot side of the runner: Spring MVC on an embedded Tomcat, Spring Cloud Function web
 * for {@code /invoke/{function}}, and a last-resort mapping that emulates the HTTP API. Beans for
 * the functions and the API are registered by {@link LocalWebServer}; nothing is component-scanned.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
// An explicit list instead of @EnableAutoConfiguration: evaluating the ~150 candidates on the
// class path (DynamoDB Local brings Jetty, the SDKs bring more) costs start time for nothing.
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class,
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        ContextFunctionCatalogAutoConfiguration.class,
        ReactorAutoConfiguration.class,
        // Tomcat's WebSocket container, for the WebSocket API at /ws.
        org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration.class
})
@org.springframework.web.socket.config.annotation.EnableWebSocket
class LocalWebApplication {

    /**
     * Lowest precedence: Spring Cloud Function's mapping (just above it) and Boot's {@code /error}
     * go first, so a catch-all here cannot shadow them.
     */
    @Bean
    SimpleUrlHandlerMapping httpApiMapping(HttpApi api) {
        HttpApiRequestHandler handler = new HttpApiRequestHandler(api);
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/**", handler));
        mapping.setOrder(Ordered.LOWEST_PRECEDENCE);
        // Spring MVC answers CORS preflights itself (403 without its own CORS config); the HTTP API
        // emulation applies the template's CorsConfiguration instead, as API Gateway would.
        mapping.setCorsProcessor((config, request, response) -> {
            handler.handleRequest(request, response);
            return false;
        });
        return mapping;
    }

    /**
     * The template's WebSocket API at {@code /ws}, when it declares one. Any origin may connect, as
     * with API Gateway (Spring would otherwise allow the same origin only); the token is the guard.
     */
    @Bean
    org.springframework.web.socket.config.annotation.WebSocketConfigurer webSocketApi(
            org.springframework.beans.factory.ObjectProvider<dev.lumen.local.ws.WebSocketEndpoint> endpoint) {
        return registry -> endpoint.ifAvailable(ws -> registry.addHandler(ws, dev.lumen.local.ws.WebSocketEndpoint.PATH)
                .addInterceptors(ws).setAllowedOriginPatterns("*"));
    }

    /** The management API's copy ({@code /@connections/{id}}), ahead of the catch-all HTTP API mapping. */
    @Bean
    SimpleUrlHandlerMapping connectionsMapping(
            org.springframework.beans.factory.ObjectProvider<dev.lumen.local.ws.ConnectionsEndpoint> endpoint) {
        Map<String, Object> urls = new java.util.HashMap<>();
        endpoint.ifAvailable(connections -> urls.put(dev.lumen.local.ws.ConnectionsEndpoint.PATH + "/**", connections));
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(urls);
        mapping.setOrder(0);
        return mapping;
    }

    @Bean
    FilterRegistrationBean<InvokeExchangeFilter> invokeExchangeFilter() {
        FilterRegistrationBean<InvokeExchangeFilter> registration = new FilterRegistrationBean<>(new InvokeExchangeFilter());
        registration.addUrlPatterns(LocalWebServer.INVOKE_PATH + "/*");
        return registration;
    }
}
