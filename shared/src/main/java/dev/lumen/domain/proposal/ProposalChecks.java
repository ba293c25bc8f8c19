package dev.lumen.domain.proposal;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.TraitAction;
import java.util.Map;
import java.util.Optional;

/**
 * What a draft's {@code change} must hold for its type. Drafts come from Lumen's own agents, so a
 * bad one is a bug in an agent: the agent checks its drafts here and reports a bad one as a cycle
 * error, and {@link Proposals#submit} leaves out any that still slips through rather than storing
 * a proposal that could never be applied.
 */
public final class ProposalChecks {
    public static final String PERSONA_ID = "personaId";
    public static final String TRAIT_ID = "traitId";
    public static final String ACTION = "action";
    public static final String INTENSITY = "intensity";
    public static final String SETTING = "setting";
    public static final String VALUE = "value";
    public static final String PROMPT = "prompt";
    public static final String TEXT = "text";
    static final int MAX_TITLE = 200;

    private ProposalChecks() {
    }

    /** The first problem with the draft, or empty when it can be stored. */
    public static Optional<String> problem(ProposalDraft draft) {
        if (draft.title().isBlank() || draft.title().length() > MAX_TITLE) {
            return Optional.of("a proposal's title must be 1.." + MAX_TITLE + " characters");
        }
        Map<String, String> change = draft.change();
        return switch (draft.type()) {
            case TRAIT_ADJUSTMENT -> traitProblem(change);
            case CONFIGURATION_CHANGE -> required(change, SETTING).or(() -> required(change, VALUE));
            case PROMPT_CHANGE -> required(change, PROMPT);
            case KNOWLEDGE_ADDITION -> required(change, TEXT);
        };
    }

    private static Optional<String> traitProblem(Map<String, String> change) {
        try {
            Ids.require(PERSONA_ID, change.get(PERSONA_ID));
            Ids.require(TRAIT_ID, change.get(TRAIT_ID));
            TraitAction.parse(change.get(ACTION));
        } catch (ValidationException e) {
            return Optional.of("trait adjustment: " + e.getMessage());
        }
        String intensity = change.get(INTENSITY);
        try {
            double value = Double.parseDouble(intensity == null ? "" : intensity);
            if (!(value >= 0 && value <= 1)) {
                return Optional.of("trait adjustment: 'intensity' must be between 0 and 1");
            }
        } catch (NumberFormatException e) {
            return Optional.of("trait adjustment: 'intensity' must be a number between 0 and 1");
        }
        return Optional.empty();
    }

    private static Optional<String> required(Map<String, String> change, String field) {
        String value = change.get(field);
        return value == null || value.isBlank() ? Optional.of("'" + field + "' is required in the change")
                : Optional.empty();
    }
}
