package dev.lumen.adapter.offline;

import dev.lumen.domain.chat.ChatModel;
import dev.lumen.domain.chat.ModelReply;
import dev.lumen.domain.chat.ModelRequest;
import dev.lumen.domain.chat.Role;
import dev.lumen.domain.chat.Usage;
import dev.lumen.domain.persona.CoreTraits;
import dev.lumen.domain.persona.Trait;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The local default {@link ChatModel}: no network, no weights, the same reply for the same
 * request. No generative model can be obtained for the local stack (see FACTS.md), so this one
 * does not pretend to be one: every reply says it comes from an offline stand-in, then shows
 * what the pipeline delivered to it — the persona's name and strongest traits, the message's key
 * terms, whether it was a question, the most similar long-term memory and what the session history
 * remembers — so the whole chat path can be exercised and seen working without AWS. Asked to
 * extract traits ({@link ModelRequest.Task#EXTRACT_TRAITS}), it answers the JSON array the task
 * asks for, from stock phrases in the reply (see {@link TraitCues}); examined
 * ({@link ModelRequest.Task#EXAMINATION}), it answers from the nearest worked example (see
 * {@link WorkedExamples}).
 */
public final class OfflineChatModel implements ChatModel {
    public static final String MODEL_ID = "lumen-offline";
    /** Not a Bedrock stop reason on purpose: the domain rates unknown reasons 0.5 confidence. */
    public static final String STOP_REASON = "offline";

    private static final int TERMS_IN_REPLY = 3;
    private static final int QUOTED_MEMORY_CHARS = 80;
    private static final String USER_LABEL = "User: ";
    private static final String ASSISTANT_LABEL = " Assistant: ";
    private static final String REPLY_MARKER = "\nAssistant:";
    private static final String PROACTIVE_REASON = "\nReason: ";
    private static final int TRAITS_IN_REPLY = 2;
    // Below this the strongest trait does not dominate enough to set the tone.
    private static final double TONE_THRESHOLD = 0.6;
    private static final Set<String> QUESTION_STARTS = Set.of("how", "what", "why", "when", "where", "who",
            "which", "can", "could", "should", "would", "will", "is", "are", "do", "does", "did", "may", "shall");

    @Override
    public ModelReply reply(ModelRequest request) {
        if (request.task() == ModelRequest.Task.EXTRACT_TRAITS) {
            String json = TraitCues.json(replyPart(request.userMessage()));
            return new ModelReply(json, MODEL_ID, new Usage(estimateTokens(promptLength(request)),
                    estimateTokens(json.length())), STOP_REASON);
        }
        if (request.task() == ModelRequest.Task.GRADE) {
            String verdict = OfflineJudge.verdict(request.userMessage());
            return new ModelReply(verdict, MODEL_ID, new Usage(estimateTokens(promptLength(request)),
                    estimateTokens(verdict.length())), STOP_REASON);
        }
        if (request.task() == ModelRequest.Task.EXAMINATION) {
            String answer = WorkedExamples.answer(request.userMessage(), request.history());
            return new ModelReply(answer, MODEL_ID, new Usage(estimateTokens(promptLength(request)),
                    estimateTokens(answer.length())), STOP_REASON);
        }
        if (request.task() == ModelRequest.Task.GROUNDED_ANSWER) {
            String answer = ExtractiveAnswer.of(request.userMessage(), request.sources());
            return new ModelReply(answer, MODEL_ID, new Usage(estimateTokens(promptLength(request)),
                    estimateTokens(answer.length())), STOP_REASON);
        }
        List<Trait> strongest = CoreTraits.strongest(request.traits(), TRAITS_IN_REPLY);
        if (request.task() == ModelRequest.Task.PROACTIVE) {
            String note = checkIn(request, strongest);
            return new ModelReply(note, MODEL_ID, new Usage(estimateTokens(promptLength(request)),
                    estimateTokens(note.length())), STOP_REASON);
        }
        StringBuilder reply = new StringBuilder(512);
        reply.append("(Offline mode) I'm ").append(request.personaName())
                .append(", answering through Lumen's offline stand-in: a fixed template, not a language model,"
                        + " so I can't really think about what you wrote.");
        tone(strongest).ifPresent(line -> reply.append(' ').append(line));
        reply.append(' ').append(topic(request.userMessage()));
        recalled(request.memories()).ifPresent(line -> reply.append(' ').append(line));
        if (!request.sources().isEmpty()) {
            reply.append(' ').append(ExtractiveAnswer.bestSentence(request.userMessage(), request.sources()));
        }
        memory(request.history()).ifPresent(line -> reply.append(' ').append(line));
        if (!strongest.isEmpty()) {
            reply.append(" My strongest traits are ").append(traitList(strongest))
                    .append("; with a real model connected they would shape a full answer.");
        }
        String text = reply.toString();
        return new ModelReply(text, MODEL_ID, new Usage(estimateTokens(promptLength(request)),
                estimateTokens(text.length())), STOP_REASON);
    }

    /** A proactive check-in: who writes, the reason line of the request, and the dominant trait's line. */
    private static String checkIn(ModelRequest request, List<Trait> strongest) {
        String message = request.userMessage();
        int reason = message.lastIndexOf(PROACTIVE_REASON);
        StringBuilder note = new StringBuilder(256).append("(Offline mode) Hi, it's ").append(request.personaName())
                .append(", checking in.");
        if (reason >= 0) {
            note.append(' ').append(message.substring(reason + PROACTIVE_REASON.length()).strip());
        }
        checkInTone(strongest).ifPresent(line -> note.append(' ').append(line));
        return note.append(" How are things going?").toString();
    }

    /** The dominant trait's line for a message nobody asked for. */
    private static Optional<String> checkInTone(List<Trait> strongest) {
        if (strongest.isEmpty() || strongest.get(0).intensity() < TONE_THRESHOLD) {
            return Optional.empty();
        }
        return switch (strongest.get(0).id()) {
            case "empathy" -> Optional.of("No pressure at all; I just wanted to see how you are.");
            case "honesty" -> Optional.of("I'll be straight with you: I noticed, and I'd rather ask than guess.");
            case "curiosity" -> Optional.of("I'm curious what has been happening on your side.");
            default -> Optional.empty();
        };
    }

    /** One line in the voice of the dominant trait, for the traits every persona inherits. */
    private static Optional<String> tone(List<Trait> strongest) {
        if (strongest.isEmpty() || strongest.get(0).intensity() < TONE_THRESHOLD) {
            return Optional.empty();
        }
        return switch (strongest.get(0).id()) {
            case "empathy" -> Optional.of("Whatever you are feeling about this, it matters, and I'm glad you said it.");
            case "honesty" -> Optional.of("To be straight with you, all I can do is show you what I understood.");
            case "curiosity" -> Optional.of("I'd love to hear more about it once a real model is connected.");
            default -> Optional.empty();
        };
    }

    /** What the message is about, taken from its own words. */
    private static String topic(String message) {
        List<String> terms = KeyTerms.of(message, TERMS_IN_REPLY);
        if (terms.isEmpty()) {
            return "I couldn't pick out a topic in your message.";
        }
        return (isQuestion(message) ? "You asked about " : "You told me about ") + joined(terms) + ".";
    }

    /** Proof that the session's history reached the model: its size and a term of its first user message. */
    private static Optional<String> memory(List<ModelRequest.Turn> history) {
        if (history.isEmpty()) {
            return Optional.empty();
        }
        String count = history.size() == 1 ? "1 earlier message" : history.size() + " earlier messages";
        Optional<String> firstTerm = history.stream()
                .filter(turn -> turn.role() == Role.USER)
                .findFirst()
                .flatMap(turn -> KeyTerms.of(turn.text(), 1).stream().findFirst());
        return Optional.of(firstTerm
                .map(term -> "Earlier you mentioned \"" + term + "\"; I have " + count + " of this conversation in mind.")
                .orElse("I have " + count + " of this conversation in mind."));
    }

    /**
     * Proof that long-term memory reached the model: the user's side of the most similar recalled
     * exchange, quoted back.
     */
    private static Optional<String> recalled(List<String> memories) {
        if (memories.isEmpty()) {
            return Optional.empty();
        }
        String said = userPart(memories.get(0));
        if (said.isEmpty()) {
            return Optional.empty();
        }
        String quote = "Earlier you told me: \"" + shortened(said, QUOTED_MEMORY_CHARS) + "\"";
        int others = memories.size() - 1;
        return Optional.of(others == 0 ? quote + "."
                : quote + " (and " + others + (others == 1 ? " more thing" : " more things") + " you told me before).");
    }

    /** A memory is stored as "User: …\nAssistant: …"; the user's words are what they will recognise. */
    private static String userPart(String memory) {
        String flat = memory.replaceAll("\\s+", " ").strip();
        if (flat.startsWith(USER_LABEL)) {
            flat = flat.substring(USER_LABEL.length());
        }
        int reply = flat.indexOf(ASSISTANT_LABEL);
        return (reply >= 0 ? flat.substring(0, reply) : flat).strip();
    }

    /** The exchange an extraction request holds is "User: …\nAssistant: …"; the traits are in the reply. */
    private static String replyPart(String exchange) {
        int reply = exchange.indexOf(REPLY_MARKER);
        return reply < 0 ? exchange : exchange.substring(reply + REPLY_MARKER.length()).strip();
    }

    /** At most {@code max} characters, cut at a word boundary, an ellipsis marking the cut. */
    private static String shortened(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int space = text.lastIndexOf(' ', max - 1);
        return text.substring(0, space > max / 2 ? space : max - 1).strip() + "…";
    }

    private static boolean isQuestion(String message) {
        String trimmed = message.strip();
        if (trimmed.endsWith("?")) {
            return true;
        }
        // "How do I…" without a question mark is still a question.
        for (String word : trimmed.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (!word.isEmpty()) {
                return QUESTION_STARTS.contains(word);
            }
        }
        return false;
    }

    private static String traitList(List<Trait> traits) {
        return joined(traits.stream()
                .map(t -> t.name() + " (" + String.format(Locale.ROOT, "%.2f", t.intensity()) + ")")
                .toList());
    }

    /** "a", "a and b", "a, b and c". */
    private static String joined(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static int promptLength(ModelRequest request) {
        int length = request.systemPrompt().length() + request.userMessage().length();
        for (ModelRequest.Turn turn : request.history()) {
            length += turn.text().length();
        }
        return length;
    }

    /** The usual rule of thumb for English, about four characters per token; never zero. */
    static int estimateTokens(int characters) {
        return Math.max(1, (characters + 3) / 4);
    }
}
