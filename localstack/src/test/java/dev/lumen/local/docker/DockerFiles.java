package dev.lumen.local.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The checked-in files under {@code localstack/docker/}, read the way the tests need them. */
final class DockerFiles {
    /** Tests run in the module folder; the project folder is its parent. */
    static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    static final Path TEMPLATE = PROJECT.resolve("template.yaml");
    static final Path COMPOSE = PROJECT.resolve("localstack/docker/compose.yaml");
    static final Path INIT_SCRIPT = PROJECT.resolve(LocalStackFiles.INIT_SCRIPT);
    static final Path SAM_ENV = PROJECT.resolve(LocalStackFiles.SAM_ENV);

    private DockerFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() {
        return new Yaml().load(read(COMPOSE));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    /** The LocalStack image the compose file pins: the Testcontainers tests start the same one. */
    static String localStackImage() {
        return (String) service("localstack").get("image");
    }
}
