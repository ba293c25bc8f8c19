package dev.lumen.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lumen.local.template.HttpRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(List.of(
            new HttpRoute("GET", "/api/personas/{personaId}", "GetPersona"),
            new HttpRoute("PUT", "/api/personas/{personaId}/traits/{traitId}", "TraitUpdate"),
            new HttpRoute("GET", "/api/personas/featured", "Featured"),
            new HttpRoute("ANY", "/files/{path+}", "Files"),
            new HttpRoute("GET", "/files/readme", "Readme"),
            new HttpRoute("ANY", "/api/health", "HealthAny"),
            new HttpRoute("GET", "/api/health", "HealthGet")));

    @Test
    void path_variables_are_captured_and_decoded() {
        // WHEN
        RouteTable.Lookup lookup = table.find("PUT", "/api/personas/ada%20lovelace/traits/warm%2Bth");

        // THEN
        assertThat(lookup).isEqualTo(new RouteTable.Found(
                new HttpRoute("PUT", "/api/personas/{personaId}/traits/{traitId}", "TraitUpdate"),
                Map.of("personaId", "ada lovelace", "traitId", "warm+th")));
    }

    @Test
    void a_literal_segment_beats_a_variable_and_a_variable_beats_a_greedy_tail() {
        // WHEN / THEN
        assertThat(functionFor("GET", "/api/personas/featured")).isEqualTo("Featured");
        assertThat(functionFor("GET", "/api/personas/other")).isEqualTo("GetPersona");
        assertThat(functionFor("GET", "/files/readme")).isEqualTo("Readme");
        assertThat(functionFor("GET", "/files/docs/guide.md")).isEqualTo("Files");
        assertThat(((RouteTable.Found) table.find("DELETE", "/files/docs/guide.md")).pathParameters())
                .containsExactly(Map.entry("path", "docs/guide.md"));
    }

    @Test
    void a_named_method_beats_any_on_the_same_path() {
        // WHEN / THEN
        assertThat(functionFor("GET", "/api/health")).isEqualTo("HealthGet");
        assertThat(functionFor("POST", "/api/health")).isEqualTo("HealthAny");
    }

    @Test
    void a_known_path_with_another_method_is_not_allowed_and_says_which_are() {
        // WHEN
        RouteTable.Lookup lookup = table.find("DELETE", "/api/personas/ada");

        // THEN
        assertThat(lookup).isEqualTo(new RouteTable.MethodNotAllowed(List.of("GET")));
    }

    @Test
    void unknown_paths_trailing_slashes_and_empty_variables_are_not_found() {
        // WHEN / THEN
        assertThat(table.find("GET", "/api/nothing")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.find("GET", "/api/personas/ada/")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.find("GET", "/api/personas/")).isInstanceOf(RouteTable.NotFound.class);
        assertThat(table.find("GET", "/files/")).isInstanceOf(RouteTable.NotFound.class);
    }

    @Test
    void the_default_route_catches_what_nothing_else_matches() {
        // GIVEN
        RouteTable withDefault = new RouteTable(List.of(
                new HttpRoute("ANY", HttpRoute.DEFAULT_ROUTE, "Fallback"),
                new HttpRoute("GET", "/api/health", "Health")));

        // WHEN / THEN
        assertThat(((RouteTable.Found) withDefault.find("GET", "/api/health")).route().functionId()).isEqualTo("Health");
        assertThat(((RouteTable.Found) withDefault.find("POST", "/anything/else")).route().routeKey()).isEqualTo("$default");
    }

    private String functionFor(String method, String path) {
        RouteTable.Lookup lookup = table.find(method, path);
        assertThat(lookup).isInstanceOf(RouteTable.Found.class);
        return ((RouteTable.Found) lookup).route().functionId();
    }
}
