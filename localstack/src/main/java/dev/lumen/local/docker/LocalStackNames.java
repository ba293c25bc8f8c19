package dev.lumen.local.docker;

import dev.lumen.local.template.QueueSpec;
import java.util.Locale;

/**
 * What the template's resources are called inside LocalStack. CloudFormation names them in AWS; here
 * the names are fixed so the init script, the SAM environment file and the tests agree without
 * asking LocalStack: queues keep their logical id (as in the no-Docker runner's ElasticMQ), the
 * table is {@code lumen-local} (the runner's default), buckets and domains are the logical id in
 * kebab case (S3 and OpenSearch allow only lower case).
 */
public final class LocalStackNames {
    /** LocalStack's default account: queue ARNs and URLs carry it. */
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";
    public static final String TABLE = "lumen-local";
    /** The edge port every LocalStack service answers on. */
    public static final int EDGE_PORT = 4566;

    private LocalStackNames() {
    }

    /** {@code DocumentsBucket} becomes {@code lumen-local-documents-bucket}. */
    public static String bucket(String logicalId) {
        return "lumen-local-" + kebab(logicalId);
    }

    /** {@code LumenSearch} becomes {@code lumen-search} (an OpenSearch domain name: 3–28 lower-case characters). */
    public static String domain(String logicalId) {
        return kebab(logicalId);
    }

    /** The queue's ARN in LocalStack, as a redrive policy names its dead-letter queue. */
    public static String queueArn(QueueSpec queue) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queue.queueName();
    }

    /**
     * A queue URL LocalStack accepts whatever its SQS endpoint strategy; the SDK sends requests to
     * {@code LUMEN_SQS_ENDPOINT}, so only the path (account and name) has to be right.
     */
    public static String queueUrl(String endpoint, QueueSpec queue) {
        return endpoint + "/" + ACCOUNT + "/" + queue.queueName();
    }

    static String kebab(String logicalId) {
        return logicalId.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
