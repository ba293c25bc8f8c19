package dev.lumen.local.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lumen.local.template.FunctionSpec;
import dev.lumen.local.template.QueueSpec;
import dev.lumen.local.template.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker files are generated from template.yaml and stay in step with it; the script does what
 * it says when run (against a recording stand-in for {@code awslocal}, so no Docker is needed); the
 * compose file keeps its promises (loopback ports, the init folder mounted, OpenSearch 2.19 not as root).
 */
class LocalStackInitScriptTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load(DockerFiles.TEMPLATE);
    private static final String REGENERATE = "regenerate from the project folder: "
            + "java -jar localstack/target/lumen-local.jar localstack-init --write && "
            + "java -jar localstack/target/lumen-local.jar localstack-sam-env --write";

    @Test
    void the_checked_in_init_script_is_what_the_template_gives() {
        assertThat(DockerFiles.read(DockerFiles.INIT_SCRIPT))
                .as("%s is out of date with template.yaml; %s", DockerFiles.INIT_SCRIPT, REGENERATE)
                .isEqualTo(LocalStackInitScript.render(TEMPLATE));
        assertThat(Files.isExecutable(DockerFiles.INIT_SCRIPT)).as("LocalStack only runs executable scripts").isTrue();
    }

    @Test
    void the_checked_in_sam_environment_is_what_the_template_gives() {
        assertThat(DockerFiles.read(DockerFiles.SAM_ENV))
                .as("%s is out of date with template.yaml; %s", DockerFiles.SAM_ENV, REGENERATE)
                .isEqualTo(SamEnvironment.render(TEMPLATE));
    }

    @Test
    void the_script_creates_table_ttl_queues_after_their_dead_letter_queues_bucket_and_domain(@TempDir Path bin)
            throws Exception {
        // GIVEN an awslocal that records its arguments and finds nothing existing
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Path log = bin.resolve("calls");
        Path awslocal = bin.resolve("awslocal");
        Files.writeString(awslocal, """
                #!/bin/bash
                for arg in "$@"; do printf '%s\\x1f' "$arg"; done >> "$FAKE_LOG"; echo >> "$FAKE_LOG"
                case "$1 $2" in
                  "dynamodb describe-table"|"s3api head-bucket"|"opensearch describe-domain") exit 254;;
                esac
                """);
        Files.setPosixFilePermissions(awslocal, PosixFilePermissions.fromString("rwxr-xr-x"));

        // WHEN
        ProcessBuilder run = new ProcessBuilder("/bin/bash", DockerFiles.INIT_SCRIPT.toString()).redirectErrorStream(true);
        run.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        run.environment().put("FAKE_LOG", log.toString());
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // THEN
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.strip()).endsWith(LocalStackInitScript.READY_LINE);
        List<List<String>> calls = calls(log);
        List<String> operations = calls.stream().map(call -> call.get(0) + " " + call.get(1)).toList();
        assertThat(operations).containsSubsequence("dynamodb create-table", "dynamodb wait", "dynamodb update-time-to-live");
        JsonNode table = new ObjectMapper().readTree(argument(calls, "create-table", "--cli-input-json"));
        assertThat(table.path("GlobalSecondaryIndexes").get(0).path("IndexName").asText()).isEqualTo("gsi1");
        assertThat(String.join(" ", calls.get(operations.indexOf("dynamodb update-time-to-live"))))
                .contains("AttributeName=expiresAt");

        List<String> created = calls.stream().filter(call -> call.get(1).equals("create-queue")).map(call -> call.get(3)).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(TEMPLATE.queues().stream().map(QueueSpec::queueName).toList());
        for (QueueSpec queue : TEMPLATE.queues()) {
            JsonNode attributes = new ObjectMapper().readTree(argument(calls, queue.queueName(), "--attributes"));
            assertThat(attributes.path("VisibilityTimeout").asText()).isEqualTo(Integer.toString(queue.visibilityTimeoutSeconds()));
            queue.deadLetterQueue().ifPresent(deadLetter -> {
                assertThat(created.indexOf(deadLetter)).as(queue.logicalId() + "'s DLQ first").isLessThan(created.indexOf(queue.queueName()));
                JsonNode redrive = read(attributes.path("RedrivePolicy").asText());
                assertThat(redrive.path("maxReceiveCount").asText()).isEqualTo("3");
                assertThat(redrive.path("deadLetterTargetArn").asText())
                        .isEqualTo("arn:aws:sqs:us-east-1:000000000000:" + deadLetter);
            });
        }
        assertThat(operations).contains("s3api create-bucket", "opensearch create-domain");
        assertThat(String.join(" ", calls.get(operations.indexOf("opensearch create-domain"))))
                .contains("--engine-version OpenSearch_2.19");
    }

    @Test
    void every_variable_the_sam_file_sets_is_declared_in_the_template_or_sam_would_drop_it() throws IOException {
        JsonNode file = new ObjectMapper().readTree(DockerFiles.read(DockerFiles.SAM_ENV));
        Map<String, Object> globals = TEMPLATE.globalEnvironment();
        file.path("Parameters").fieldNames().forEachRemaining(name ->
                assertThat(globals).as("Globals.Function.Environment.Variables").containsKey(name));
        for (Iterator<String> functions = file.fieldNames(); functions.hasNext(); ) {
            String id = functions.next();
            if (id.equals("Parameters")) {
                continue;
            }
            FunctionSpec function = TEMPLATE.function(id).orElseThrow();
            file.path(id).fieldNames().forEachRemaining(name -> assertThat(function.environment()).containsKey(name));
        }
        assertThat(file.path("Parameters").path("INTERACTIONS_QUEUE_URL").asText())
                .isEqualTo("http://localstack:4566/000000000000/InteractionsQueue");
        assertThat(file.path("Parameters").path("LUMEN_DYNAMODB_ENDPOINT").asText()).isEqualTo(SamEnvironment.LOCALSTACK_URL);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_compose_file_binds_loopback_mounts_the_script_and_runs_opensearch_2_19_unprivileged() {
        Map<String, Object> compose = DockerFiles.compose();
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        services.forEach((name, service) -> ((List<String>) ((Map<String, Object>) service).get("ports"))
                .forEach(port -> assertThat(port).as(name).startsWith("127.0.0.1:")));
        Map<String, Object> localstack = DockerFiles.service("localstack");
        assertThat(DockerFiles.localStackImage()).matches("localstack/localstack:\\d+\\.\\d+\\.\\d+");
        assertThat((List<String>) localstack.get("volumes")).contains("./init/ready.d:/etc/localstack/init/ready.d:ro");
        assertThat((Map<String, Object>) localstack.get("environment"))
                .containsEntry("OPENSEARCH_CUSTOM_BACKEND", SamEnvironment.OPENSEARCH_URL);
        Map<String, Object> opensearch = DockerFiles.service("opensearch");
        assertThat((String) opensearch.get("image")).startsWith("opensearchproject/opensearch:2.19.");
        assertThat(String.valueOf(opensearch.get("user"))).doesNotStartWith("0").doesNotStartWith("root");
        assertThat((Map<String, Object>) opensearch.get("environment"))
                .containsEntry("discovery.type", "single-node").containsEntry("DISABLE_SECURITY_PLUGIN", "true");
        Map<String, Object> network = (Map<String, Object>) ((Map<String, Object>) compose.get("networks")).get("default");
        assertThat(network).containsEntry("name", SamEnvironment.NETWORK);
    }

    private static List<List<String>> calls(Path log) throws IOException {
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isEmpty()) {
                calls.add(List.of(line.split("\u001f")));
            }
        }
        return calls;
    }

    /** The value after {@code flag} in the first call that has {@code marker} among its arguments. */
    private static String argument(List<List<String>> calls, String marker, String flag) {
        List<String> call = calls.stream().filter(c -> c.contains(marker)).findFirst().orElseThrow();
        return call.get(call.indexOf(flag) + 1);
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
