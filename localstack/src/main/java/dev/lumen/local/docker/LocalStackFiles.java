package dev.lumen.local.docker;

import dev.lumen.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files under {@code localstack/docker/} that are generated from {@code template.yaml}:
 * {@code java -jar localstack/target/lumen-local.jar localstack-init} prints the init script,
 * {@code … localstack-sam-env} the {@code sam local --env-vars} file. With {@code --write} both are
 * written to their checked-in places (run from the project folder).
 */
public final class LocalStackFiles {

    /** Where the init script lives, relative to the project folder. */
    public static final Path INIT_SCRIPT = Path.of("localstack", "docker", "init", "ready.d", "10-lumen.sh");
    /** Where the SAM environment file lives, relative to the project folder. */
    public static final Path SAM_ENV = Path.of("localstack", "docker", "sam-env.json");

    private LocalStackFiles() {
    }

    /** {@code localstack-init}, {@code localstack-sam-env}, or either followed by {@code --write}. */
    public static void main(String[] args) {
        Path template = template();
        SamTemplate parsed = SamTemplate.load(template);
        boolean init = args[0].equals("localstack-init");
        String text = init ? LocalStackInitScript.render(parsed) : SamEnvironment.render(parsed);
        if (args.length > 1 && args[1].equals("--write")) {
            Path target = template.toAbsolutePath().getParent().resolve(init ? INIT_SCRIPT : SAM_ENV);
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, text);
                if (init) {
                    target.toFile().setExecutable(true, false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target, e);
            }
            System.out.println("wrote " + target);
        } else {
            System.out.print(text);
        }
    }

    /** {@code LUMEN_TEMPLATE}, else the nearest {@code template.yaml} from the working folder up. */
    static Path template() {
        String configured = System.getenv("LUMEN_TEMPLATE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("template.yaml"))) {
                return folder.resolve("template.yaml");
            }
        }
        return Path.of("template.yaml");
    }
}
