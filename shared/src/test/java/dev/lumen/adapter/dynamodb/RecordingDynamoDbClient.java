package dev.lumen.adapter.dynamodb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Wraps a {@link DynamoDbClient} and records every call that reaches the service with its request
 * and response, so a test can assert how many round trips an adapter makes and what they return.
 * Convenience methods the real client does not override (paginators, builder overloads) run on
 * the wrapper, so the calls they make are recorded too.
 */
final class RecordingDynamoDbClient {

    /** One service call. */
    record Call(String operation, Object request, Object response) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final DynamoDbClient client;

    RecordingDynamoDbClient(DynamoDbClient delegate) {
        this(delegate, Integer.MAX_VALUE);
    }

    /**
     * @param queryPageSize at most this many items per Query page, as when DynamoDB cuts a page at
     *                      1 MB (DynamoDB Local does not), so tests can exercise pagination
     */
    RecordingDynamoDbClient(DynamoDbClient delegate, int queryPageSize) {
        InvocationHandler handler = (proxy, method, args) -> {
            // Every interface method has a default body; only what the real client overrides is a service call.
            if (delegate.getClass().getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass().isInterface()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (args != null && args[0] instanceof QueryRequest query
                    && (query.limit() == null || query.limit() > queryPageSize)) {
                args = new Object[] {query.toBuilder().limit(queryPageSize).build()};
            }
            try {
                Object response = method.invoke(delegate, args);
                record(new Call(method.getName(), args == null ? null : args[0], response));
                return response;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, handler);
    }

    DynamoDbClient client() {
        return client;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }
}
