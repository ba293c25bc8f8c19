package dev.lumen.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/** The {@link Context} a handler gets for one local invocation; the timeout is reported, not enforced. */
final class LocalLambdaContext implements Context {

    private final String functionName;
    private final String requestId;
    private final String region;
    private final int memoryMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    LocalLambdaContext(String functionName, String requestId, String region, int memoryMb, int timeoutSeconds, Logger log) {
        this.functionName = functionName;
        this.requestId = requestId;
        this.region = region;
        this.memoryMb = memoryMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.logger = new Slf4jLambdaLogger(log);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local/" + functionName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** What a handler writes to {@code context.getLogger()} goes to the runner's log, under the function's name. */
    private record Slf4jLambdaLogger(Logger log) implements LambdaLogger {

        @Override
        public void log(String message) {
            log.info(message == null ? "null" : message.stripTrailing());
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
            String text = message == null ? "null" : message.stripTrailing();
            switch (level) {
                case TRACE -> log.trace(text);
                case DEBUG -> log.debug(text);
                case WARN -> log.warn(text);
                case ERROR, FATAL -> log.error(text);
                default -> log.info(text);
            }
        }
    }
}
