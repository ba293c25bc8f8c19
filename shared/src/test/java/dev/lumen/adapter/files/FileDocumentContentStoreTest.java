package dev.lumen.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lumen.contract.DocumentContentStoreContract;
import dev.lumen.domain.error.DomainException;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.knowledge.DocumentContentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local adapter in a temporary folder, plus what only files have. */
class FileDocumentContentStoreTest extends DocumentContentStoreContract {
    @TempDir
    Path folder;

    @Override
    protected DocumentContentStore newStore() {
        return new FileDocumentContentStore(folder.resolve("content"));
    }

    @Test
    void a_revision_is_one_file_under_creator_document_revision() throws IOException {
        // GIVEN
        var store = new FileDocumentContentStore(folder.resolve("content"));

        // WHEN
        store.put("creator-1", "doc-1", 7, utf8("hello"));

        // THEN nothing else is left behind, temporary files included
        assertThat(files(folder.resolve("content"))).containsExactly(folder.resolve("content/creator-1/doc-1/7"));
        assertThat(Files.readString(folder.resolve("content/creator-1/doc-1/7"))).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../outside", "a/b", "a\\b", "/etc", "", " ", "doc 1", "doc\u0000"})
    void ids_that_are_not_plain_path_segments_are_rejected(String id) throws IOException {
        // GIVEN a file beside the content root that a traversal would reach
        Path root = folder.resolve("content");
        var store = new FileDocumentContentStore(root);
        Path outside = folder.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("1"), "not yours");

        // WHEN / THEN as creator id and as document id, for every operation
        assertThatThrownBy(() -> store.put(id, "doc-1", 1, utf8("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("creator-1", id, 1, utf8("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(id, "doc-1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("content", id, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(id, "doc-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("creator-1", id)).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside.resolve("1")).hasContent("not yours");
        assertThat(root).doesNotExist();
    }

    @Test
    void a_null_id_or_a_negative_revision_is_rejected() {
        var store = new FileDocumentContentStore(folder.resolve("content"));

        assertThatThrownBy(() -> store.get(null, "doc-1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("creator-1", null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("creator-1", "doc-1", -1, utf8("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_temporary_file_left_by_a_crash_is_not_content_and_goes_with_the_document() throws IOException {
        // GIVEN revision 1 stored, and what a crash in the middle of writing revision 2 leaves behind
        Path root = folder.resolve("content");
        var store = new FileDocumentContentStore(root);
        store.put("creator-1", "doc-1", 1, utf8("complete"));
        Path documentFolder = root.resolve("creator-1/doc-1");
        Files.writeString(Files.createTempFile(documentFolder, ".2.", ".tmp"), "half writ");

        // WHEN / THEN the half-written revision does not exist, the complete one is intact
        assertThat(store.get("creator-1", "doc-1", 2)).isEmpty();
        assertThat(store.get("creator-1", "doc-1", 1).map(FileDocumentContentStoreTest::text)).contains("complete");

        // WHEN / THEN a retried write of revision 2 wins, and delete clears the leftover too
        store.put("creator-1", "doc-1", 2, utf8("whole"));
        assertThat(store.get("creator-1", "doc-1", 2).map(FileDocumentContentStoreTest::text)).contains("whole");
        store.delete("creator-1", "doc-1");
        assertThat(documentFolder).doesNotExist();
        assertThat(root.resolve("creator-1")).isDirectory();
    }

    @Test
    void a_root_that_cannot_hold_folders_is_reported_as_unavailable() throws IOException {
        // GIVEN a content root that is a file (a wrong LUMEN_DATA_DIR)
        Path root = Files.writeString(folder.resolve("not-a-folder"), "");
        var store = new FileDocumentContentStore(root);

        // WHEN / THEN
        assertThatThrownBy(() -> store.put("creator-1", "doc-1", 1, utf8("x")))
                .isInstanceOf(UnavailableException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("content_store_unavailable");
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
