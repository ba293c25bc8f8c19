package dev.lumen.adapter.files;

import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.knowledge.DocumentContentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link DocumentContentStore} in a local folder, for the local stack: one file per revision at
 * {@code {root}/{creatorId}/{documentId}/{revision}}.
 *
 * <p>A revision is written to a temporary file in the same folder and renamed into place, so a
 * reader sees either the whole previous content or the whole new one, never a partial file. A
 * crash can leave a temporary file behind ({@code .{revision}.*.tmp}); it is never read as
 * content and goes when the document is deleted.
 */
public final class FileDocumentContentStore implements DocumentContentStore {
    private static final String UNAVAILABLE = "content_store_unavailable";
    /**
     * The domain already checks ids ({@code Ids}); checked again here because the ids become path
     * segments, and "..", "/" or an empty segment would reach outside the document's folder.
     */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final Path root;

    /** @param root folder that holds every creator's documents; created on first write */
    public FileDocumentContentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String creatorId, String documentId, int revision, byte[] content) {
        Path folder = folder(creatorId, documentId);
        Path target = folder.resolve(revision(revision));
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, "." + revision + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    // On disk before the rename makes it visible: a crash then leaves old or new, not empty.
                    channel.force(true);
                }
                // rename(2) replaces an existing target atomically on POSIX file systems.
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw unavailable("write", e);
        }
    }

    @Override
    public Optional<byte[]> get(String creatorId, String documentId, int revision) {
        Path file = folder(creatorId, documentId).resolve(revision(revision));
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public void delete(String creatorId, String documentId) {
        Path folder = folder(creatorId, documentId);
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // The folder itself when nothing was ever stored, or a file another delete got to first.
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw unavailable("delete", e);
        }
    }

    private Path folder(String creatorId, String documentId) {
        Path folder = root.resolve(segment("creatorId", creatorId)).resolve(segment("documentId", documentId));
        // Cannot fail after the segment checks; kept so that a future change to them cannot open a traversal.
        if (!folder.normalize().startsWith(root) || folder.getNameCount() != root.getNameCount() + 2) {
            throw new IllegalArgumentException("document folder outside the content root");
        }
        return folder;
    }

    private static String segment(String name, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-128 letters, digits, '-' or '_'");
        }
        return value;
    }

    private static String revision(int revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
        return Integer.toString(revision);
    }

    private UnavailableException unavailable(String operation, IOException cause) {
        return new UnavailableException(UNAVAILABLE, "The document content store could not " + operation + " the content.", cause);
    }
}
