package dev.lumen.domain.persona;

/** A request to change one trait of one persona. */
public record TraitUpdate(String personaId, String traitId, TraitAction action, double amount, String actor) {

    public TraitUpdate {
        Trait.requireIntensity(amount);
        actor = actor == null || actor.isBlank() ? "anonymous" : actor;
    }
}
