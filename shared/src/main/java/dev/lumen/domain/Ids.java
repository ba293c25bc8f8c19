package dev.lumen.domain;

import dev.lumen.domain.error.ValidationException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/** Identifier rules shared by every resource: generation and validation of caller-supplied ids. */
public final class Ids {
    /** Letters, digits, '-' and '_', 1..128 long: safe inside storage keys and URLs. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    /** Replaced after a SnapStart restore (see {@link #reseed()}); volatile so every thread sees the new one. */
    private static volatile SecureRandom entropy = new SecureRandom();

    private Ids() {
    }

    /** A new random id, 20 base-36 characters (~103 bits). */
    public static String random() {
        SecureRandom generator = entropy;
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[generator.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /**
     * A fresh generator, seeded from the system's entropy now. Called after a SnapStart restore: one
     * snapshot is restored into many containers, and a generator state copied into each of them would
     * hand out the same ids (Lambda's "Handling uniqueness with SnapStart").
     */
    public static void reseed() {
        entropy = new SecureRandom();
    }

    /** Checks a caller-supplied id and returns it, or throws a validation error naming the field. */
    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("missing_field", "'" + field + "' is required");
        }
        if (!VALID.matcher(value).matches()) {
            throw new ValidationException("invalid_id",
                    "'" + field + "' must be 1-128 letters, digits, '-' or '_'");
        }
        return value;
    }

    /** Turns a display name into an id: lower case, runs of other characters become '-'. */
    public static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.isEmpty()) {
            throw new ValidationException("invalid_name", "a trait name needs at least one letter or digit");
        }
        return slug.length() > 128 ? slug.substring(0, 128) : slug;
    }
}
