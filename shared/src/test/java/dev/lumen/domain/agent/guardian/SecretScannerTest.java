package dev.lumen.domain.agent.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretScannerTest {
    private final SecretScanner scanner = new SecretScanner();

    @Test
    void findsEachWellKnownShapeAndNeverReturnsTheSecret() {
        // GIVEN one of each, planted in prose (none of these is a live credential)
        String awsId = "AKIA4XQ7Z2M9K3PLW8TY";
        String awsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq4tR8vK2m";
        String github = "ghp_8fK2mQ9xLz4Rt7Wn1Vb6Yc3Hd5Jg0Ps2Ae4Nu";
        String slack = "xoxb-2048123456-4096789012-Zq8Rk3Lm9Xw2Tn7V";
        String openAi = "sk-proj-Qm7Zt2Lx9Rk4Wp8Nv3Bc6Yd1Hf5Jg0Ks";
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        String text = "Deploy notes. key id " + awsId + "\naws_secret_access_key = " + awsSecret
                + "\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----\n"
                + "token " + github + " and " + slack + " and " + openAi + "\nAuthorization: Bearer " + jwt
                + "\ndb_password = Tr0ub4dor&3x";

        // WHEN
        List<Sighting> found = scanner.scan(text);

        // THEN
        assertThat(found).extracting(Sighting::kind).containsExactly("aws-access-key-id", "aws-secret-access-key",
                "private-key", "github-token", "slack-token", "api-secret-key", "jwt", "password-assignment");
        assertThat(found.get(0).redacted()).isEqualTo("AKIA****(20 chars)");
        assertThat(found.get(0).offset()).isEqualTo(text.indexOf(awsId));
        assertThat(found.get(2).redacted()).isEqualTo("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(found.get(7).redacted()).isEqualTo("password=****(12 chars)");
        String all = found.toString();
        for (String secret : List.of(awsId, awsSecret, github, slack, openAi, jwt, "Tr0ub4dor&3x")) {
            assertThat(all).doesNotContain(secret).doesNotContain(secret.substring(4, 10));
        }
    }

    @Test
    void anApiKeyAssignmentIsReportedOnceAsTheKeyItHolds() {
        List<Sighting> found = scanner.scan("OPENAI_API_KEY=sk-Qm7Zt2Lx9Rk4Wp8Nv3Bc6Yd1Hf5Jg0Ks");
        assertThat(found).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo("api-secret-key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "We use scikit-learn: pip install sk-learn-extra-tools-and-more",
            "sk-this-is-not-a-real-key-at-all-friends",
            "the password is required; set password: yourPassword123",
            "password = getenv(\"DB_PASSWORD\") and secret: ${SECRET_VALUE}",
            "password: changeme",
            "password: ********",
            "token: correcthorsebatterystaple",
            "AKIA is a prefix; AKIASHORT123 is too short and akia4xq7z2m9k3plw8ty is lower case",
            "ghp_short and xoxb-short",
            "The header eyJhbGciOiJIUzI1NiJ9 alone is not a token",
            "-----BEGIN PUBLIC KEY----- is public",
            "api_key: <your-api-key>"
    })
    void lookAlikesAreNotSecrets(String text) {
        assertThat(scanner.scan(text)).isEmpty();
    }

    @Test
    void entropySeparatesRandomTokensFromWords() {
        assertThat(SecretScanner.randomLooking("sk-Qm7Zt2Lx9Rk4Wp8Nv3Bc6Yd1Hf5Jg0Ks")).isTrue();
        assertThat(SecretScanner.randomLooking("sk-aaaaaaaaaaaaaaaaaaaaaaa1")).isFalse();
        assertThat(SecretScanner.entropy("aaaa")).isZero();
    }
}
