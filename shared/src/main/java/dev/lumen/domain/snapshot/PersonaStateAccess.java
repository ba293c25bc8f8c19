package dev.lumen.domain.snapshot;

import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.PersonaView;
import dev.lumen.domain.persona.Trait;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitUpdate;
import dev.lumen.domain.snapshot.SnapshotState.PersonaState;
import dev.lumen.domain.snapshot.SnapshotState.TraitState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Persona snapshots: the settings and the effective traits. A restore sets each trait whose
 * intensity differs through {@link PersonaService#updateTrait} (so it is version-checked and lands in
 * the trait's audit trail under the snapshot's actor). What no use case can write is reported, not
 * forced: a trait that exists now but not in the snapshot (traits are never deleted), a core trait
 * overridden since the snapshot (it gets the snapshot's intensity but stays the persona's own), and name,
 * description and creator (no update use case; they do not change after creation today).
 */
public final class PersonaStateAccess implements StateAccess {
    private final PersonaService personas;

    public PersonaStateAccess(PersonaService personas) {
        this.personas = Objects.requireNonNull(personas, "personas");
    }

    @Override
    public SnapshotKind kind() {
        return SnapshotKind.PERSONA;
    }

    @Override
    public SnapshotState read(String id) {
        PersonaView view = personas.get(id);
        List<TraitState> traits = new ArrayList<>();
        for (Trait t : view.traits()) {
            traits.add(new TraitState(t.id(), t.name(), t.description(), t.intensity(), t.inherited()));
        }
        return new PersonaState(view.name(), view.description(), view.creatorId(), traits);
    }

    @Override
    public Restored restore(String id, SnapshotState state, String actor) {
        PersonaState target = (PersonaState) state;
        PersonaState current = (PersonaState) read(id);
        Map<String, TraitState> now = new HashMap<>();
        current.traits().forEach(t -> now.put(t.id(), t));
        List<String> changed = new ArrayList<>();
        List<String> unrestorable = new ArrayList<>();
        for (TraitState trait : target.traits()) {
            TraitState was = now.remove(trait.id());
            if (was != null && trait.inherited() && !was.inherited()) {
                // The value can be put back, but not the inheritance: own traits are never deleted.
                unrestorable.add("traits." + trait.id() + ".inherited");
            }
            if (was != null && Double.compare(was.intensity(), trait.intensity()) == 0) {
                continue;
            }
            try {
                personas.updateTrait(new TraitUpdate(id, trait.id(), TraitAction.SET, trait.intensity(), actor));
                changed.add("traits." + trait.id() + ".intensity");
            } catch (NotFoundException e) {
                // The trait was in the snapshot but is neither the persona's own nor a core trait any more.
                unrestorable.add("traits." + trait.id());
            }
        }
        now.keySet().stream().sorted().forEach(extra -> unrestorable.add("traits." + extra));
        if (!Objects.equals(current.name(), target.name())) {
            unrestorable.add("name");
        }
        if (!Objects.equals(current.description(), target.description())) {
            unrestorable.add("description");
        }
        if (!Objects.equals(current.creatorId(), target.creatorId())) {
            unrestorable.add("creatorId");
        }
        return new Restored(changed, unrestorable);
    }
}
