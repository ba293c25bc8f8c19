package dev.lumen.domain.stats;

/** Port: how many messages wait in the interactions queue (approximate, as SQS reports it). */
public interface QueueDepth {

    long approximateMessages();
}
