package dev.lumen.local.template;

import java.util.Optional;

/**
 * An {@code AWS::SQS::Queue} as the runner creates it locally. Its local name is its logical id
 * (plus {@code .fifo} for a FIFO queue, as SQS requires); the deployed name comes from CloudFormation.
 *
 * @param logicalId                e.g. {@code InteractionsQueue}
 * @param fifo                     {@code FifoQueue: true}
 * @param visibilityTimeoutSeconds {@code VisibilityTimeout} (SQS's default is 30)
 * @param retentionSeconds         {@code MessageRetentionPeriod} (SQS's default is 345600, 4 days)
 * @param deadLetterQueue          logical id of the queue {@code RedrivePolicy.deadLetterTargetArn} points at
 * @param maxReceiveCount          {@code RedrivePolicy.maxReceiveCount}; 0 when there is no redrive policy
 */
public record QueueSpec(String logicalId, boolean fifo, int visibilityTimeoutSeconds, int retentionSeconds,
                        Optional<String> deadLetterQueue, int maxReceiveCount) {

    public static final int SQS_DEFAULT_VISIBILITY_TIMEOUT = 30;
    public static final int SQS_DEFAULT_RETENTION = 345_600;

    /** The queue's local name. */
    public String queueName() {
        return fifo ? logicalId + ".fifo" : logicalId;
    }
}
