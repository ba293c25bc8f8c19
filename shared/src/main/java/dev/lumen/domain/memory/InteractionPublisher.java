package dev.lumen.domain.memory;

/**
 * Port: hands an {@link InteractionRecorded} to the interaction worker (an SQS queue in AWS and
 * locally). Chat calls it after the turn, and its pending copy, are stored; if publishing fails
 * the {@link InteractionSweeper} publishes the pending copy later, so nothing stored is lost.
 */
public interface InteractionPublisher {

    /**
     * Sends one interaction. Implementations retry transient failures themselves.
     *
     * @throws RuntimeException when the interaction could not be sent (after logging why)
     */
    void publish(InteractionRecorded interaction);
}
