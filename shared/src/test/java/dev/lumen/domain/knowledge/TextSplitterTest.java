package dev.lumen.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void wordsAreGroupedUpToTheSizeAndTheLastWordsCarryOver() {
        // GIVEN chunks of 10 characters with an overlap of 3
        TextSplitter splitter = new TextSplitter(10, 3);

        // WHEN
        List<String> chunks = splitter.split("aaa bbb ccc ddd eee");

        // THEN each chunk starts with the word that ended the one before
        assertThat(chunks).containsExactly("aaa bbb", "bbb ccc", "ccc ddd", "ddd eee");
    }

    @Test
    void paragraphsStayWholeWhenTheyFitAndAreTheFirstPlaceToBreak() {
        // GIVEN two paragraphs of 13 characters
        String text = "one two three\n\nfour five six";

        // WHEN / THEN both fit in 30, so one chunk; in 20 they break at the paragraph, not inside one
        assertThat(new TextSplitter(30, 0).split(text)).containsExactly("one two three\n\nfour five six");
        assertThat(new TextSplitter(20, 0).split(text)).containsExactly("one two three", "four five six");
    }

    @Test
    void aParagraphTooLongBreaksAtLinesBeforeWords() {
        // GIVEN a paragraph of two lines that together exceed the size, then a short paragraph
        String text = "alpha beta\ngamma delta\n\nepsilon";

        // WHEN
        List<String> chunks = new TextSplitter(12, 0).split(text);

        // THEN
        assertThat(chunks).containsExactly("alpha beta", "gamma delta", "epsilon");
    }

    @Test
    void aWordLongerThanAChunkIsCutIntoCharactersWithOverlap() {
        // GIVEN a 25-letter word between two short ones
        String text = "aa abcdefghijklmnopqrstuvwxy bb";

        // WHEN
        List<String> chunks = new TextSplitter(10, 3).split(text);

        // THEN
        assertThat(chunks).containsExactly("aa", "abcdefghij", "hijklmnopq", "opqrstuvwx", "vwxy", "bb");
    }

    @Test
    void fiveThousandCharactersWithoutWordsSplitIntoFullChunksThatOverlapBy200() {
        // GIVEN text with no separator at all
        String text = IntStream.range(0, 5_000).mapToObj(i -> String.valueOf((char) ('a' + i % 26)))
                .collect(Collectors.joining());

        // WHEN
        List<String> chunks = TextSplitter.defaults().split(text);

        // THEN 1000 new characters, then 800 per chunk: 0-1000, 800-1800, ..., 4000-5000
        assertThat(chunks).hasSize(6).allSatisfy(chunk -> assertThat(chunk).hasSize(1_000));
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(chunks.get(i)).isEqualTo(text.substring(800 * i, 800 * i + 1_000));
        }
    }

    @Test
    void consecutiveChunksOfWordsShareUpToTheOverlap() {
        // GIVEN about 3,500 characters of distinct words, no paragraphs or lines
        String text = IntStream.range(0, 700).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));

        // WHEN
        List<String> chunks = TextSplitter.defaults().split(text);

        // THEN every chunk starts with the words that ended the previous one: more than nothing,
        // at most the overlap
        assertThat(chunks).hasSizeGreaterThan(3)
                .allSatisfy(chunk -> assertThat(chunk.length()).isBetween(1, TextSplitter.DEFAULT_CHUNK_SIZE));
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1);
            String first = chunks.get(i).split(" ")[0];
            assertThat(previous.split(" ")).as("chunk %d starts inside chunk %d", i, i - 1).contains(first);
            String shared = previous.substring(previous.lastIndexOf(" " + first) + 1);
            assertThat(chunks.get(i)).startsWith(shared);
            assertThat(shared.length()).isBetween(1, TextSplitter.DEFAULT_OVERLAP);
        }
        assertThat(wordsInOrder(chunks)).isEqualTo(Arrays.asList(text.split(" ")));
    }

    @Test
    void aDocumentOfParagraphsAndLinesLosesNoWordAndKeepsTheSize() {
        // GIVEN about 5,000 characters in paragraphs of 97 words and lines of 13
        List<String> words = IntStream.range(0, 900).mapToObj(i -> "w" + i).toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            text.append(words.get(i)).append(i % 97 == 96 ? "\n\n" : i % 13 == 12 ? "\n" : " ");
        }

        // WHEN
        List<String> chunks = TextSplitter.defaults().split(text.toString());

        // THEN
        assertThat(chunks).hasSizeGreaterThan(4)
                .allSatisfy(chunk -> assertThat(chunk.length()).isBetween(1, TextSplitter.DEFAULT_CHUNK_SIZE))
                .allSatisfy(chunk -> assertThat(chunk).isEqualTo(chunk.strip()));
        assertThat(wordsInOrder(chunks)).isEqualTo(words);
    }

    /** The words of the chunks in order, each once (the overlap's repeats skipped). */
    private static List<String> wordsInOrder(List<String> chunks) {
        List<String> seen = new ArrayList<>();
        for (String chunk : chunks) {
            for (String word : chunk.split("\\s+")) {
                if (!seen.contains(word)) {
                    seen.add(word);
                }
            }
        }
        return seen;
    }

    @Test
    void blankTextHasNoChunksAndShortTextIsOneStrippedChunk() {
        // GIVEN
        TextSplitter splitter = TextSplitter.defaults();

        // WHEN / THEN
        assertThat(splitter.split("")).isEmpty();
        assertThat(splitter.split("  \n\n \n  ")).isEmpty();
        assertThat(splitter.split("  just this  \n")).containsExactly("just this");
    }

    @Test
    void theOverlapMustBeSmallerThanTheChunk() {
        // WHEN / THEN
        assertThatThrownBy(() -> new TextSplitter(10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextSplitter(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextSplitter(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
