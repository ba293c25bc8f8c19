package dev.lumen.adapter.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model's trait extraction: which traits a reply shows, read from stock phrases
 * ("that sounds…" is empathy, a question is curiosity), with an intensity that grows with how
 * densely the reply uses them. Crude, but deterministic, and it gives the local stack real traits
 * on its messages — including on the offline model's own replies, whose tone lines use these cues.
 */
final class TraitCues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+(?:\\s|$)");
    private static final int CUES_NAMED = 3;

    private record Trait(String name, String shows, List<Cue> cues) {
    }

    private record Cue(String text, Pattern pattern) {
    }

    private static final List<Trait> TRAITS = List.of(
            trait("empathy", "acknowledged the user's feelings", "i understand", "that sounds", "sorry", "i hear you",
                    "must be", "it's okay", "that's hard", "whatever you are feeling", "it matters", "i'm glad you"),
            trait("honesty", "was candid about what it knows and can do", "honestly", "to be clear", "to be honest",
                    "to be straight", "frankly", "the truth is", "i can't", "i don't know", "not a language model"),
            trait("curiosity", "asked to hear more", "?", "tell me more", "i wonder", "curious", "i'd love to hear",
                    "what do you", "how do you"),
            trait("encouragement", "cheered the user on", "you can do", "you've got this", "great job", "well done",
                    "keep going", "proud of you", "don't give up", "nice work", "you did it", "you're doing",
                    "great progress"),
            trait("humor", "lightened the mood", "haha", "lol", "joke", "funny", "\uD83D\uDE04", "\uD83D\uDE02"));

    private TraitCues() {
    }

    /** A JSON array of {@code {name, description, intensity}}, strongest first; {@code []} when no cue is found. */
    static String json(String reply) {
        String text = reply.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        int sentences = Math.max(1, count(SENTENCE_END, text));
        record Found(Trait trait, List<String> cues, double intensity) {
        }
        List<Found> found = new ArrayList<>();
        for (Trait trait : TRAITS) {
            int hits = 0;
            List<String> named = new ArrayList<>();
            for (Cue cue : trait.cues) {
                int n = count(cue.pattern, text);
                if (n > 0) {
                    hits += n;
                    if (named.size() < CUES_NAMED) {
                        named.add(cue.text.equals("?") ? "a question" : "\"" + cue.text + "\"");
                    }
                }
            }
            if (hits > 0) {
                // One cue in a long reply is a hint; a cue in every sentence is the reply's tone.
                double density = Math.min(1.0, (double) hits / sentences);
                found.add(new Found(trait, named, Math.round((0.3 + 0.7 * density) * 100) / 100.0));
            }
        }
        found.sort(Comparator.comparingDouble(Found::intensity).reversed());
        ArrayNode array = JSON.createArrayNode();
        for (Found f : found) {
            array.addObject()
                    .put("name", f.trait.name)
                    .put("description", "It " + f.trait.shows + " (" + String.join(", ", f.cues) + ").")
                    .put("intensity", f.intensity);
        }
        return array.toString();
    }

    private static Trait trait(String name, String shows, String... cues) {
        List<Cue> patterns = new ArrayList<>(cues.length);
        for (String cue : cues) {
            // Word boundaries where the cue starts or ends with a letter: "lol" is not in "lollipop".
            String start = Character.isLetter(cue.charAt(0)) ? "\\b" : "";
            String end = Character.isLetter(cue.charAt(cue.length() - 1)) ? "\\b" : "";
            patterns.add(new Cue(cue, Pattern.compile(start + Pattern.quote(cue) + end)));
        }
        return new Trait(name, shows, List.copyOf(patterns));
    }

    private static int count(Pattern pattern, String text) {
        int n = 0;
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
