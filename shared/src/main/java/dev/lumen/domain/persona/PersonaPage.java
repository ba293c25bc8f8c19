package dev.lumen.domain.persona;

import java.util.List;

/**
 * One page of a creator's personas, newest first.
 *
 * @param next where the next page starts; null when this page is the last
 */
public record PersonaPage(List<PersonaSummary> personas, PersonaCursor next) {

    public PersonaPage {
        personas = List.copyOf(personas);
    }
}
