package dev.lumen.adapter.dynamodb;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reads why DynamoDB cancelled a transaction, from its per-item cancellation reasons. */
final class TransactionFailures {
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** Another transaction was changing one of the items at the same moment. */
    static final String CONFLICT = "TransactionConflict";

    private TransactionFailures() {
    }

    /** True when a condition expression of the transaction was false. */
    static boolean conditionFailed(TransactionCanceledException e) {
        return codes(e).contains(CONDITION_FAILED);
    }

    /** True when a racing writer was the only reason: a condition failed, or the items were in another transaction. */
    static boolean lostRace(TransactionCanceledException e) {
        List<String> codes = codes(e);
        return (codes.contains(CONDITION_FAILED) || codes.contains(CONFLICT))
                && codes.stream().allMatch(c -> c.equals("None") || c.equals(CONDITION_FAILED) || c.equals(CONFLICT));
    }

    static boolean conflicted(TransactionCanceledException e) {
        List<String> codes = codes(e);
        return codes.contains(CONFLICT)
                && codes.stream().allMatch(c -> c.equals("None") || c.equals(CONFLICT));
    }

    /** The reason codes in item order ({@code None} for items that were fine). */
    static List<String> codes(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return List.of();
        }
        return e.cancellationReasons().stream()
                .map(CancellationReason::code)
                .map(code -> code == null ? "None" : code)
                .toList();
    }
}
