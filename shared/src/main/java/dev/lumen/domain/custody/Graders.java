package dev.lumen.domain.custody;

import dev.lumen.domain.chat.ChatModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The graders tests can name, by {@link Grader#type()}. */
public final class Graders {
    private final Map<String, Grader> byType = new LinkedHashMap<>();

    public Graders(Grader... graders) {
        for (Grader grader : graders) {
            if (byType.put(grader.type(), grader) != null) {
                throw new IllegalArgumentException("two graders named '" + grader.type() + "'");
            }
        }
    }

    /** exact, regex, json-schema, keywords and rubric, the rubric judged by {@code judge}. */
    public static Graders standard(ChatModel judge) {
        return new Graders(new ExactGrader(), new RegexGrader(), new JsonSchemaGrader(), new KeywordGrader(),
                new RubricGrader(judge));
    }

    public Optional<Grader> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }

    /** Grades an answer with the grader its test names. */
    public Grade grade(CustodyTest test, String answer) {
        return find(test.grader().type())
                .orElseThrow(() -> new IllegalStateException("no grader '" + test.grader().type() + "' for test " + test.id()))
                .grade(test, answer);
    }
}
