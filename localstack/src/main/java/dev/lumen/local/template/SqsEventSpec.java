package dev.lumen.local.template;

/**
 * A function's {@code SQS} event: the event source mapping that polls a queue into the function.
 *
 * @param functionId              logical id of the function
 * @param eventName               the event's key under {@code Events}
 * @param queueId                 logical id of the queue ({@code Queue: !GetAtt X.Arn})
 * @param batchSize               {@code BatchSize} (SAM's default is 10)
 * @param reportBatchItemFailures {@code FunctionResponseTypes} contains {@code ReportBatchItemFailures}
 * @param enabled                 {@code Enabled} (default true)
 */
public record SqsEventSpec(String functionId, String eventName, String queueId, int batchSize,
                           boolean reportBatchItemFailures, boolean enabled) {

    public static final int SAM_DEFAULT_BATCH_SIZE = 10;
}
