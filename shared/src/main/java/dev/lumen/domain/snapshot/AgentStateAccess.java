package dev.lumen.domain.snapshot;

import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.custody.CustodyCategory;
import dev.lumen.domain.custody.CustodyRepository;
import dev.lumen.domain.custody.MentoringMaterial;
import dev.lumen.domain.custody.WorkedExample;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.snapshot.SnapshotState.AgentState;
import dev.lumen.domain.snapshot.SnapshotState.ExampleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Agent snapshots: the custody standing (XP, eligibility, last run) and the examples taught to the
 * agent. They can be taken, listed, read and diffed, but not restored: a standing is the sum of
 * recorded examinations and taught material only grows by recorded transfers, so writing an older
 * state back would falsify the custody record the proposal gate relies on. Restore answers 409
 * {@code snapshot_restore_unsupported}.
 */
public final class AgentStateAccess implements StateAccess {
    private final CustodyRepository custody;
    private final MentoringMaterial material;

    public AgentStateAccess(CustodyRepository custody, MentoringMaterial material) {
        this.custody = Objects.requireNonNull(custody, "custody");
        this.material = Objects.requireNonNull(material, "material");
    }

    @Override
    public SnapshotKind kind() {
        return SnapshotKind.AGENT;
    }

    @Override
    public SnapshotState read(String id) {
        String agent;
        try {
            agent = AgentType.parse("id", id).slug();
        } catch (ValidationException e) {
            throw new NotFoundException("agent_not_found", "there is no agent '" + id + "'");
        }
        CustodyRepository.AgentRecord record = custody.agent(agent);
        List<ExampleState> examples = new ArrayList<>();
        for (CustodyCategory category : CustodyCategory.values()) {
            for (WorkedExample e : material.examples(agent, category)) {
                examples.add(new ExampleState(e.testId(), category.name(), e.question(), e.answer(), e.taughtBy(),
                        e.taughtAt() == null ? null : e.taughtAt().toString()));
            }
        }
        return new AgentState(agent, record.standing().xp(), record.eligible(),
                record.lastRunAt() == null ? null : record.lastRunAt().toString(), examples);
    }

    @Override
    public void requireRestorable() {
        throw new ConflictException("snapshot_restore_unsupported", "agent snapshots cannot be restored: custody "
                + "standing is earned by recorded examinations and is never rewritten");
    }

    @Override
    public Restored restore(String id, SnapshotState state, String actor) {
        requireRestorable();
        return new Restored(List.of(), List.of());
    }
}
