package dev.lumen.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lumen.domain.Ids;
import dev.lumen.domain.knowledge.DocumentContentStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DocumentContentStore} must do. Each case uses fresh random ids, so a store may
 * be shared between cases; {@link #newStore()} is still called once per case.
 */
public abstract class DocumentContentStoreContract {
    /** Above the 5 MB limit on extracted text: an uploaded PDF can be larger than its text. */
    private static final int LARGE = 6 * 1024 * 1024;

    private DocumentContentStore store;
    private String creator;
    private String document;

    /** An empty store (or one whose other content uses different ids). */
    protected abstract DocumentContentStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
        creator = "creator-" + Ids.random();
        document = "doc-" + Ids.random();
    }

    @Test
    void everyByteValueComesBackUnchanged() {
        // GIVEN every byte value, including those that are not valid UTF-8 or text at all
        byte[] content = new byte[512];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }

        // WHEN
        store.put(creator, document, 1, content);

        // THEN
        assertThat(store.get(creator, document, 1)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
    }

    @Test
    void aSixMegabyteDocumentComesBackUnchanged() {
        // GIVEN
        byte[] content = new byte[LARGE];
        new Random(42).nextBytes(content);

        // WHEN
        store.put(creator, document, 1, content);

        // THEN
        byte[] read = store.get(creator, document, 1).orElseThrow();
        assertThat(read.length).isEqualTo(LARGE);
        assertThat(read).isEqualTo(content);
    }

    @Test
    void emptyContentIsStoredAsEmptyNotAsMissing() {
        // WHEN
        store.put(creator, document, 1, new byte[0]);

        // THEN
        assertThat(store.get(creator, document, 1)).hasValueSatisfying(bytes -> assertThat(bytes).isEmpty());
    }

    @Test
    void revisionsOfOneDocumentAreIndependent() {
        // GIVEN
        store.put(creator, document, 1, utf8("first upload"));
        store.put(creator, document, 2, utf8("second upload"));

        // WHEN
        Optional<byte[]> first = store.get(creator, document, 1);
        Optional<byte[]> second = store.get(creator, document, 2);

        // THEN
        assertThat(first.map(DocumentContentStoreContract::text)).contains("first upload");
        assertThat(second.map(DocumentContentStoreContract::text)).contains("second upload");
    }

    @Test
    void putOverwritesTheSameRevision() {
        // GIVEN a longer first write, so leftover bytes of it would show
        store.put(creator, document, 3, utf8("a much longer first version of the content"));

        // WHEN
        store.put(creator, document, 3, utf8("retry"));

        // THEN
        assertThat(store.get(creator, document, 3).map(DocumentContentStoreContract::text)).contains("retry");
    }

    @Test
    void missingContentIsEmpty() {
        // GIVEN only revision 1 of the document
        store.put(creator, document, 1, utf8("v1"));

        // WHEN / THEN another revision, another document and another creator have nothing
        assertThat(store.get(creator, document, 2)).isEmpty();
        assertThat(store.get(creator, "doc-" + Ids.random(), 1)).isEmpty();
        assertThat(store.get("creator-" + Ids.random(), document, 1)).isEmpty();
    }

    @Test
    void anotherCreatorCannotReadContentThroughTheDocumentId() {
        // GIVEN
        store.put(creator, document, 1, utf8("private methodology"));
        String other = "creator-" + Ids.random();

        // WHEN
        Optional<byte[]> read = store.get(other, document, 1);

        // THEN
        assertThat(read).isEmpty();
    }

    @Test
    void deleteRemovesEveryRevisionOfThatDocumentOnly() {
        // GIVEN three revisions of the document; a sibling whose id starts with the document's id;
        // and another creator's document with the same id
        for (int revision = 1; revision <= 3; revision++) {
            store.put(creator, document, revision, utf8("revision " + revision));
        }
        String sibling = document + "-2";
        store.put(creator, sibling, 1, utf8("sibling"));
        String other = "creator-" + Ids.random();
        store.put(other, document, 1, utf8("other creator"));

        // WHEN
        store.delete(creator, document);

        // THEN
        for (int revision = 1; revision <= 3; revision++) {
            assertThat(store.get(creator, document, revision)).as("revision %d", revision).isEmpty();
        }
        assertThat(store.get(creator, sibling, 1).map(DocumentContentStoreContract::text)).contains("sibling");
        assertThat(store.get(other, document, 1).map(DocumentContentStoreContract::text)).contains("other creator");
    }

    @Test
    void deletingADocumentWithNoContentDoesNothing() {
        // GIVEN
        store.put(creator, document, 1, utf8("kept"));

        // WHEN / THEN
        assertThatCode(() -> store.delete(creator, "doc-" + Ids.random())).doesNotThrowAnyException();
        assertThat(store.get(creator, document, 1).map(DocumentContentStoreContract::text)).contains("kept");
    }

    @Test
    void aDocumentCanBeStoredAgainAfterItsDeletion() {
        // GIVEN
        store.put(creator, document, 1, utf8("before"));
        store.delete(creator, document);

        // WHEN
        store.put(creator, document, 2, utf8("after"));

        // THEN
        assertThat(store.get(creator, document, 1)).isEmpty();
        assertThat(store.get(creator, document, 2).map(DocumentContentStoreContract::text)).contains("after");
    }

    @Test
    void changingTheArraysAfterwardsDoesNotChangeTheStoredContent() {
        // GIVEN
        byte[] content = utf8("original");
        store.put(creator, document, 1, content);

        // WHEN
        content[0] = 'X';
        store.get(creator, document, 1).orElseThrow()[1] = 'Y';

        // THEN
        assertThat(store.get(creator, document, 1).map(DocumentContentStoreContract::text)).contains("original");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
