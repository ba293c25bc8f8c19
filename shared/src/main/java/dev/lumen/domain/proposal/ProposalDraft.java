package dev.lumen.domain.proposal;

import java.util.Map;
import java.util.Objects;

/**
 * A change an agent wants, before it is submitted.
 *
 * @param change   what to change, flat: for {@link ProposalType#TRAIT_ADJUSTMENT} {@code personaId},
 *                 {@code traitId}, {@code action} (increase / decrease / set) and {@code intensity};
 *                 for the others, what the type needs ({@code setting} + {@code value}, {@code prompt}, …)
 * @param evidence the facts behind it (ids, figures)
 */
public record ProposalDraft(ProposalType type, String title, String rationale, Map<String, String> change,
                            Map<String, String> evidence) {

    public ProposalDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        rationale = rationale == null ? "" : rationale;
        change = change == null ? Map.of() : Map.copyOf(change);
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }
}
