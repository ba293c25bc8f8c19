package dev.lumen.adapter.aws;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The credentials every Lumen AWS client signs with, chosen the same way for all of them: fixed
 * dummy keys for a local stand-in, the environment in Lambda, the default chain elsewhere.
 */
public final class ClientCredentials {
    /**
     * Emulators (DynamoDB Local, ElasticMQ, a local OpenSearch node) check that requests are signed,
     * not by whom: no real keys needed or wanted. DynamoDB Local 2.x rejects key ids with anything
     * but letters and digits.
     */
    public static final AwsCredentialsProvider LOCAL =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("lumenlocal", "lumenlocal"));

    private ClientCredentials() {
    }

    /** {@link #LOCAL} when the endpoint override is a local stand-in, else {@link #ofEnvironment()}. */
    public static AwsCredentialsProvider forEndpoint(Optional<URI> endpoint) {
        return endpoint.isPresent() && isLocal(endpoint.get()) ? LOCAL : ofEnvironment();
    }

    /** The function's role in Lambda, the default provider chain anywhere else. */
    public static AwsCredentialsProvider ofEnvironment() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            // With SnapStart, Lambda serves the role's credentials from a container endpoint
            // (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead of the access key variables, so that no key
            // is frozen into the snapshot; the provider fetches them on the first signed call.
            if (System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
                return software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider.builder().build();
            }
            // Otherwise the role's credentials are in the environment; skip the rest of the default chain.
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Plain HTTP or a loopback host can only be a local stand-in: AWS endpoints are HTTPS. */
    public static boolean isLocal(URI endpoint) {
        if ("http".equalsIgnoreCase(endpoint.getScheme())) {
            return true;
        }
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // Only literal addresses are checked, so this never does a DNS lookup.
            return isIpLiteral(host) && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }
}
