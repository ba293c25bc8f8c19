package dev.lumen.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench-cold measures the store Lambda uses: OpenSearch with the shaded jar alone on the class path;
 * Lucene (and its jars) only as a fallback that says so.
 */
class ColdStartVectorStoreTest {
    @TempDir
    Path project;

    @Test
    void aGivenNodeIsUsedThroughTheOpenSearchAdapterWithTheLambdaJarAlone() throws Exception {
        // GIVEN a node given on the command line
        URI node = URI.create("http://127.0.0.1:9");

        // WHEN the children are configured for it
        Map<String, String> environment = new HashMap<>();
        String classPath;
        try (ColdStartVectorStore store = ColdStartVectorStore.open(Optional.of(node), project, "target", project)) {
            store.configure(environment);
            classPath = store.classPath(Path.of("/x/lumen-functions.jar"));

            // THEN they use OpenSearch at that node, under a prefix of the run's own, and load only the Lambda jar
            assertThat(store.isOpenSearch()).isTrue();
            assertThat(store.describe()).startsWith("OpenSearch").contains(node.toString());
        }
        assertThat(environment).containsEntry("LUMEN_VECTOR_STORE", "opensearch")
                .containsEntry("LUMEN_OPENSEARCH_URL", node.toString())
                .doesNotContainKey("LUMEN_VECTOR_DIR");
        assertThat(environment.get("LUMEN_OPENSEARCH_INDEX_PREFIX")).matches("lumen-bench-cold-[a-z0-9]+-");
        assertThat(classPath).isEqualTo("/x/lumen-functions.jar");
    }

    @Test
    void withoutADistributionItFallsBackToLuceneAndSaysSo() throws Exception {
        // GIVEN a checkout with no assembled OpenSearch node and no node given
        Map<String, String> environment = new HashMap<>();

        // WHEN the store is opened
        try (ColdStartVectorStore store = ColdStartVectorStore.open(Optional.empty(), project, "target-x", project)) {
            store.configure(environment);

            // THEN it is the embedded Lucene store, named as not Lambda's, with Lucene's jars added
            assertThat(store.isOpenSearch()).isFalse();
            assertThat(store.describe()).startsWith("embedded Lucene").contains("NOT what Lambda uses");
            assertThat(store.classPath(Path.of("/x/lumen-functions.jar")).split(File.pathSeparator)[0])
                    .isEqualTo("/x/lumen-functions.jar");
            assertThat(store.classPath(Path.of("/x/lumen-functions.jar"))).contains("lucene-core");
        }
        assertThat(environment).containsEntry("LUMEN_VECTOR_STORE", "lucene").containsKey("LUMEN_VECTOR_DIR");
    }

    @Test
    void theDistributionIsFoundInTheBuildFolderElseInTarget() throws Exception {
        // GIVEN an assembled node and its launcher under shared/target only
        Path home = assemble("target");

        // WHEN / THEN a build folder without one falls back to shared/target
        assertThat(ColdStartVectorStore.distribution(project, "target-x")).hasValueSatisfying(found -> {
            assertThat(found[0]).isEqualTo(project.resolve("shared/target/test-classes"));
            assertThat(found[1]).isEqualTo(home);
        });

        // AND the build folder's own node comes first once it has one
        Path own = assemble("target-x");
        assertThat(ColdStartVectorStore.distribution(project, "target-x")).hasValueSatisfying(found ->
                assertThat(found[1]).isEqualTo(own));
    }

    @Test
    void aDistributionWithoutItsLauncherIsNotOne() throws Exception {
        // GIVEN the node's files but not the compiled launcher
        Files.createDirectories(project.resolve("shared/target/opensearch/opensearch-2.19.1/bin"));
        Files.writeString(project.resolve("shared/target/opensearch/opensearch-2.19.1/bin/opensearch"), "");

        // WHEN / THEN nothing is found
        assertThat(ColdStartVectorStore.distribution(project, "target")).isEmpty();
    }

    private Path assemble(String buildDir) throws Exception {
        Path build = project.resolve("shared").resolve(buildDir);
        Path launcher = build.resolve("test-classes/dev/lumen/testing/LocalOpenSearch.class");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "");
        Path home = build.resolve("opensearch/opensearch-2.19.1");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/opensearch"), "");
        return home;
    }
}
