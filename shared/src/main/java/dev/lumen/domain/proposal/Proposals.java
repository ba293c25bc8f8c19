package dev.lumen.domain.proposal;

import dev.lumen.domain.Ids;
import dev.lumen.domain.agent.AgentType;
import dev.lumen.domain.custody.CustodyExam;
import dev.lumen.domain.custody.CustodyRepository;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import dev.lumen.domain.persona.PersonaService;
import dev.lumen.domain.persona.TraitAction;
import dev.lumen.domain.persona.TraitUpdate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The proposal use cases: agents submit (gated by custody), operators list, approve and reject.
 *
 * <p>Lifecycle: {@code PENDING → APPROVED | REJECTED}, {@code APPROVED → APPLIED}; {@code INELIGIBLE}
 * is final. A trait adjustment applies itself when approved, through
 * {@link PersonaService#updateTrait} with the actor {@code proposal:{id} approved by {reviewer}}, so
 * the trait's own audit trail names the proposal. Other types stay {@code APPROVED}: they change
 * configuration, prompts or a creator's knowledge, which an operator carries out.
 *
 * <p>When an approved trait adjustment cannot be applied because its persona or trait is gone (or
 * the amount no longer validates), the proposal stays {@code APPROVED} with {@link Proposal#applyFailure}
 * saying why: the decision was made and is kept, and nothing half-happened. A store that is down
 * (503) leaves it {@code APPROVED} without a failure recorded; the change is then not applied.
 */
public final class Proposals implements ProposalSubmission {
    public static final int MAX_LIST = 100;
    static final int MAX_REASON = 1_000;

    private final ProposalRepository proposals;
    private final CustodyRepository custody;
    private final PersonaService personas;
    private final Clock clock;

    public Proposals(ProposalRepository proposals, CustodyRepository custody, PersonaService personas, Clock clock) {
        this.proposals = proposals;
        this.custody = custody;
        this.personas = personas;
        this.clock = clock;
    }

    /**
     * Stores the drafts as proposals: {@code PENDING} when the agent is eligible under custody now,
     * {@code INELIGIBLE} with the reason otherwise. A draft that fails {@link ProposalChecks} is left
     * out (its agent reports it as a cycle error) and has no id in the answer.
     */
    @Override
    public List<String> submit(AgentType agent, String runId, List<ProposalDraft> drafts, Instant at) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        String ineligible = ineligibility(agent).orElse(null);
        List<String> ids = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            ProposalDraft draft = drafts.get(i);
            if (ProposalChecks.problem(draft).isPresent()) {
                continue;
            }
            String id = proposalId(runId, i);
            // A redelivered run finds its proposals stored: the first decision about eligibility stands.
            proposals.add(Proposal.of(id, agent, runId, draft, at, ineligible));
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** Why the agent may not propose now, or empty when it may. */
    public Optional<String> ineligibility(AgentType agent) {
        CustodyRepository.AgentRecord record = custody.agent(agent.slug());
        if (record.eligible()) {
            return Optional.empty();
        }
        if (record.lastRunAt() == null) {
            return Optional.of(agent.slug() + " was never examined under custody");
        }
        return custody.runs(agent.slug(), 1).stream().findFirst()
                .map(run -> String.format(Locale.ROOT, "pass rate %.2f < %.2f at tier %s in its last custody run (%s)",
                        run.passRate(), CustodyExam.ELIGIBLE_PASS_RATE, run.tier(), run.runId()))
                .or(() -> Optional.of(agent.slug() + " did not pass its last custody run"));
    }

    /**
     * The id of the {@code index}-th draft of a run: readable (the run id, cut to fit the id rules),
     * and unique (a hash of the whole run id, since cutting and replacing characters could make
     * two run ids alike).
     */
    public static String proposalId(String runId, int index) {
        String readable = runId.replaceAll("[^A-Za-z0-9_-]+", "-");
        if (readable.length() > 80) {
            readable = readable.substring(0, 80);
        }
        return readable + "-" + hash(runId) + "-" + index;
    }

    public Proposal get(String id) {
        Ids.require("proposalId", id);
        return proposals.find(id).orElseThrow(() ->
                new NotFoundException("proposal_not_found", "proposal '" + id + "' does not exist"));
    }

    public List<Proposal> list(ProposalStatus status, AgentType agent, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new ValidationException("invalid_limit", "'limit' must be between 1 and " + MAX_LIST);
        }
        return proposals.list(status, agent, limit);
    }

    /**
     * Approves a pending proposal; a trait adjustment is applied at once.
     *
     * @throws NotFoundException for an unknown id
     * @throws ConflictException when it is not pending (approved, rejected, applied or ineligible)
     */
    public Proposal approve(String id, String reviewer, String reason) {
        String why = optionalReason(reason);
        Proposal pending = requirePending(id);
        Proposal approved = pending.reviewed(ProposalStatus.APPROVED, reviewer, why, clock.instant());
        if (!proposals.transition(approved, ProposalStatus.PENDING)) {
            throw notPending(id, get(id).status());
        }
        if (approved.type() != ProposalType.TRAIT_ADJUSTMENT) {
            return approved;
        }
        return apply(approved);
    }

    /**
     * Rejects a pending proposal; the reason is required.
     *
     * @throws NotFoundException for an unknown id
     * @throws ConflictException when it is not pending
     */
    public Proposal reject(String id, String reviewer, String reason) {
        String why = optionalReason(reason);
        if (why == null) {
            throw new ValidationException("missing_field", "'reason' is required to reject a proposal");
        }
        Proposal pending = requirePending(id);
        Proposal rejected = pending.reviewed(ProposalStatus.REJECTED, reviewer, why, clock.instant());
        if (!proposals.transition(rejected, ProposalStatus.PENDING)) {
            throw notPending(id, get(id).status());
        }
        return rejected;
    }

    private Proposal apply(Proposal approved) {
        var change = approved.change();
        TraitUpdate update;
        try {
            update = new TraitUpdate(change.get(ProposalChecks.PERSONA_ID), change.get(ProposalChecks.TRAIT_ID),
                    TraitAction.parse(change.get(ProposalChecks.ACTION)),
                    Double.parseDouble(change.get(ProposalChecks.INTENSITY)),
                    "proposal:" + approved.id() + " approved by " + approved.reviewer());
            personas.updateTrait(update);
        } catch (NotFoundException | ValidationException | IllegalArgumentException e) {
            Proposal failed = approved.applyFailed(e.getMessage());
            proposals.transition(failed, ProposalStatus.APPROVED);
            return failed;
        }
        Proposal applied = approved.applied(clock.instant());
        proposals.transition(applied, ProposalStatus.APPROVED);
        return applied;
    }

    private Proposal requirePending(String id) {
        Proposal found = get(id);
        if (found.status() != ProposalStatus.PENDING) {
            throw notPending(id, found.status());
        }
        return found;
    }

    private static ConflictException notPending(String id, ProposalStatus status) {
        return new ConflictException("proposal_not_pending",
                "proposal '" + id + "' is " + status.name().toLowerCase(Locale.ROOT) + ", not pending");
    }

    private static String optionalReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > MAX_REASON) {
            throw new ValidationException("too_long", "'reason' is longer than " + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
