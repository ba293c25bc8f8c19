package dev.lumen.domain.agent.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataScannerTest {
    private final PersonalDataScanner scanner = new PersonalDataScanner();

    @Test
    void findsEmailsPhonesCardsAndIbansMasked() {
        // GIVEN (the card and IBAN are the networks' published test numbers)
        String text = "Write to jane.doe@gmail.com or call +44 20 7946 0958. Card 4111 1111 1111 1111, "
                + "Amex 378282246310005, IBAN DE89 3704 0044 0532 0130 00, US (415) 555-2671.";

        // WHEN
        List<Sighting> found = scanner.scan(text);

        // THEN
        assertThat(found).extracting(Sighting::kind)
                .containsExactly("email", "phone-number", "card-number", "card-number", "iban", "phone-number");
        assertThat(found).extracting(Sighting::redacted).containsExactly("j***@gmail.com", "+** ** **** **58",
                "**** **** **** 1111", "**** **** **** 0005", "DE** **** 3000", "(***) ***-**71");
        assertThat(found.toString()).doesNotContain("4111 1111").doesNotContain("jane.doe").doesNotContain("7946");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Order 4111 1111 1111 1112 failed the Luhn check",
            "ISBN 978-3-16-148410-0 and the date 2026-12-07 10:15",
            "Contact support@example.com for the demo",
            "Version 1.2.3.4 released 20261207",
            "Account DE89 3704 0044 0532 0130 01 has a wrong checksum",
            "Call me at 555 1234",
            "The year 1999 and the number 1234567890123"
    })
    void lookAlikesAreNotPersonalData(String text) {
        assertThat(scanner.scan(text)).isEmpty();
    }

    @Test
    void checksums() {
        assertThat(PersonalDataScanner.luhn("4111111111111111")).isTrue();
        assertThat(PersonalDataScanner.luhn("4111111111111112")).isFalse();
        assertThat(PersonalDataScanner.validIban("GB82WEST12345698765432")).isTrue();
        assertThat(PersonalDataScanner.validIban("GB82WEST1234569876543")).isFalse();
    }
}
