package dev.lumen.domain.persona;

import dev.lumen.domain.Ids;
import dev.lumen.domain.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in a creator's persona list, which is newest first: {@code createdAt} descending, then
 * {@code id} descending (two personas created in the same instant still have one order). A page
 * lists the personas strictly after the cursor.
 *
 * <p>On the wire it is an opaque {@code nextToken}: base64url of {@code v1|<epoch second>|<nano>|<id>}.
 * It names no storage key, so it works the same on every adapter and a caller cannot steer a
 * query into another creator's partition with it: the creator always comes from the caller.
 */
public record PersonaCursor(Instant createdAt, String id) {
    private static final String VERSION = "v1";
    private static final int MAX_TOKEN = 256;

    /** Newest first, ties by id descending: the one order every adapter lists in. */
    public static final Comparator<PersonaSummary> NEWEST_FIRST =
            Comparator.comparing(PersonaSummary::createdAt).thenComparing(PersonaSummary::id).reversed();

    /** True when {@code persona} comes after this cursor in the newest-first order. */
    public boolean precedes(PersonaSummary persona) {
        int byTime = persona.createdAt().compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && persona.id().compareTo(id) < 0);
    }

    public String encode() {
        String plain = VERSION + "|" + createdAt.getEpochSecond() + "|" + createdAt.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a {@code nextToken} names; null for none.
     *
     * @throws ValidationException naming {@code nextToken} when it is not one this API issued
     */
    public static PersonaCursor decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            if (token.length() > MAX_TOKEN) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a cursor");
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            if (Integer.parseInt(parts[2]) < 0 || Integer.parseInt(parts[2]) > 999_999_999) {
                throw new IllegalArgumentException("bad nanos");
            }
            return new PersonaCursor(at, Ids.require("nextToken", parts[3]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException | ValidationException e) {
            throw new ValidationException("invalid_nextToken",
                    "'nextToken' is not a cursor this API issued; pass the nextToken of the previous page unchanged");
        }
    }
}
