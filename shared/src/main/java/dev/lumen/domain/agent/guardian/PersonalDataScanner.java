package dev.lumen.domain.agent.guardian;

import dev.lumen.domain.agent.Severity;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data that should not sit in stored conversations or a knowledge base: e-mail
 * addresses, phone numbers, payment card numbers and IBANs. Numbers are checked, not just shaped:
 * a card number must pass the Luhn check and start like a card network's, an IBAN must have its
 * country's length and pass the ISO 13616 mod-97 check, and a phone number needs an international
 * {@code +} prefix or the North-American {@code (555) 123-4567} shape and 9 to 15 digits, so dates,
 * order numbers and ISBNs are not reported. Addresses at documentation domains
 * ({@code example.com}, …) are left out. Matches are returned masked.
 */
public final class PersonalDataScanner {
    private static final Pattern EMAIL = Pattern.compile("\\b[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24})\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){2,4}|\\(\\d{3}\\) ?\\d{3}-\\d{4})(?![\\w-])");
    private static final Pattern CARD = Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,18}\\d(?![\\d-])");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");
    private static final Set<String> DOCUMENTATION_DOMAINS = Set.of("example.com", "example.org", "example.net",
            "test.com", "localhost", "invalid", "test");
    /** IBAN lengths of common countries; others are accepted at 15..34 when the checksum holds. */
    private static final java.util.Map<String, Integer> IBAN_LENGTHS = java.util.Map.ofEntries(
            java.util.Map.entry("DE", 22), java.util.Map.entry("GB", 22), java.util.Map.entry("FR", 27),
            java.util.Map.entry("ES", 24), java.util.Map.entry("IT", 27), java.util.Map.entry("NL", 18),
            java.util.Map.entry("BE", 16), java.util.Map.entry("CH", 21), java.util.Map.entry("AT", 20),
            java.util.Map.entry("IE", 22), java.util.Map.entry("PT", 25), java.util.Map.entry("PL", 28),
            java.util.Map.entry("SE", 24), java.util.Map.entry("DK", 18), java.util.Map.entry("NO", 15),
            java.util.Map.entry("FI", 18), java.util.Map.entry("LU", 20));

    /** Every piece of personal data in the text, in order of appearance. */
    public List<Sighting> scan(String text) {
        List<Sighting> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            String domain = m.group(1).toLowerCase(Locale.ROOT);
            if (DOCUMENTATION_DOMAINS.stream().noneMatch(d -> domain.equals(d) || domain.endsWith("." + d))) {
                String local = m.group().substring(0, m.group().indexOf('@'));
                found.add(new Sighting("email", Severity.LOW, m.start(), local.charAt(0) + "***@" + m.group(1)));
            }
        }
        List<int[]> numbers = new ArrayList<>();
        m = IBAN.matcher(text);
        while (m.find()) {
            String compact = m.group().replace(" ", "");
            if (validIban(compact)) {
                found.add(new Sighting("iban", Severity.MEDIUM, m.start(),
                        compact.substring(0, 2) + "** **** " + compact.substring(compact.length() - 4)));
                numbers.add(new int[] {m.start(), m.end()});
            }
        }
        m = CARD.matcher(text);
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && cardPrefix(digits) && luhn(digits)) {
                found.add(new Sighting("card-number", Severity.MEDIUM, m.start(),
                        "**** **** **** " + digits.substring(digits.length() - 4)));
                numbers.add(new int[] {m.start(), m.end()});
            }
        }
        m = PHONE.matcher(text);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            long digits = m.group().chars().filter(Character::isDigit).count();
            if (digits < 9 || digits > 15 || numbers.stream().anyMatch(r -> start < r[1] && r[0] < end)) {
                continue;
            }
            String shown = m.group().replaceAll("\\d(?=(?:\\D*\\d){2})", "*");
            found.add(new Sighting("phone-number", Severity.LOW, start, shown));
        }
        found.sort(Comparator.comparingInt(Sighting::offset));
        return found;
    }

    /** The Luhn checksum every payment card number carries. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Visa, Mastercard, American Express, Discover, JCB, Diners: the networks' issuer prefixes and lengths. */
    static boolean cardPrefix(String d) {
        int len = d.length();
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        return (d.charAt(0) == '4' && (len == 13 || len == 16 || len == 19))
                || (two >= 51 && two <= 55 && len == 16) || (four >= 2221 && four <= 2720 && len == 16)
                || ((two == 34 || two == 37) && len == 15)
                || ((d.startsWith("6011") || d.startsWith("65")) && len >= 16)
                || (four >= 3528 && four <= 3589 && len >= 16)
                || ((two == 36 || two == 38 || (four >= 3000 && four <= 3059)) && len == 14);
    }

    /** ISO 13616: the country's length, and the rearranged number mod 97 is 1. */
    static boolean validIban(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        Integer expected = IBAN_LENGTHS.get(iban.substring(0, 2));
        if (expected != null && expected != iban.length()) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
