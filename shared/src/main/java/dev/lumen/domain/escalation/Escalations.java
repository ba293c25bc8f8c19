package dev.lumen.domain.escalation;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ConflictException;
import dev.lumen.domain.error.NotFoundException;
import dev.lumen.domain.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The human hand-off: raising an escalation (chat), listing and resolving them (the team).
 *
 * <p>Raising never loses one: the record is stored first (un-notified), then the hand-off message
 * is published and the record marked notified. A publish that fails is logged and left for
 * {@link #republishUnnotified}; a store that fails is logged with everything a person needs and
 * the message is still published, so either durable channel alone is enough for a human to act.
 */
public final class Escalations {
    private static final Logger LOG = LoggerFactory.getLogger(Escalations.class);
    public static final int MAX_LIST = 100;
    static final int MAX_NOTE = 2_000;

    private final EscalationRepository repository;
    private final EscalationPublisher publisher;
    private final Clock clock;

    public Escalations(EscalationRepository repository, EscalationPublisher publisher, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Stores and publishes a new escalation. Does not throw: a person in crisis gets their reply
     * whatever happens here.
     *
     * @return the escalation as raised (with {@code notified} true when the queue has it)
     */
    public Escalation raise(Escalation escalation) {
        boolean stored;
        try {
            repository.create(escalation);
            stored = true;
        } catch (RuntimeException e) {
            stored = false;
            LOG.atError().setMessage("escalation not stored; publishing it anyway")
                    .addKeyValue("escalationId", escalation.escalationId())
                    .addKeyValue("personaId", escalation.personaId())
                    .addKeyValue("sessionId", escalation.sessionId())
                    .addKeyValue("messageId", escalation.messageId())
                    .addKeyValue("severity", escalation.severity())
                    .setCause(e).log();
        }
        try {
            publisher.publish(escalation.withNotified(true));
        } catch (RuntimeException e) {
            // The publisher logged why; the stored record (notified=false) is republished later.
            LOG.atWarn().setMessage("escalation stored but not published; left for the sweeper")
                    .addKeyValue("escalationId", escalation.escalationId())
                    .addKeyValue("stored", stored).log();
            return escalation;
        }
        if (stored) {
            try {
                repository.markNotified(escalation.escalationId());
            } catch (RuntimeException e) {
                // Worst case the sweeper publishes it a second time; the consumer sees the same id.
                LOG.atWarn().setMessage("escalation published but not marked notified")
                        .addKeyValue("escalationId", escalation.escalationId()).setCause(e).log();
            }
        }
        return escalation.withNotified(true);
    }

    public List<Escalation> list(EscalationStatus status, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new ValidationException("invalid_limit", "'limit' must be a whole number from 1 to " + MAX_LIST);
        }
        return repository.list(status, limit);
    }

    public Escalation get(String escalationId) {
        Ids.require("escalationId", escalationId);
        return repository.find(escalationId).orElseThrow(() ->
                new NotFoundException("escalation_not_found", "no escalation '" + escalationId + "'"));
    }

    /**
     * @throws NotFoundException  for an unknown id
     * @throws ConflictException  when it is already resolved
     */
    public Escalation resolve(String escalationId, String resolvedBy, String note) {
        Ids.require("escalationId", escalationId);
        if (resolvedBy != null && (resolvedBy.isBlank() || resolvedBy.length() > 200)) {
            throw new ValidationException("invalid_resolvedBy", "'resolvedBy' must be 1 to 200 characters");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw new ValidationException("invalid_note", "'note' must be at most " + MAX_NOTE + " characters");
        }
        Instant at = clock.instant();
        if (!repository.resolve(escalationId, at, resolvedBy, note)) {
            Escalation existing = get(escalationId);
            throw new ConflictException("escalation_resolved", "escalation '" + existing.escalationId()
                    + "' was already resolved");
        }
        return get(escalationId);
    }

    /**
     * Publishes open escalations whose hand-off message never reached the queue (for a schedule).
     *
     * @return how many were published now
     */
    public int republishUnnotified(int limit) {
        int published = 0;
        for (Escalation escalation : repository.unnotified(limit)) {
            try {
                publisher.publish(escalation.withNotified(true));
                repository.markNotified(escalation.escalationId());
                published++;
            } catch (RuntimeException e) {
                LOG.atWarn().setMessage("escalation still not published")
                        .addKeyValue("escalationId", escalation.escalationId()).log();
            }
        }
        return published;
    }
}
