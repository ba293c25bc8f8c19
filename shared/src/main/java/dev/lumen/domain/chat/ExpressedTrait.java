package dev.lumen.domain.chat;

/**
 * A personality trait a persona showed in one reply, as the interaction worker extracted it.
 *
 * @param intensity clamped to [0, 1] on construction
 */
public record ExpressedTrait(String name, String description, double intensity) {
    public static final int MAX_NAME = 60;
    public static final int MAX_DESCRIPTION = 300;

    /**
     * @throws IllegalArgumentException when the name is blank or too long, or the intensity is not a number
     */
    public ExpressedTrait {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            throw new IllegalArgumentException("a trait name must be 1-" + MAX_NAME + " characters");
        }
        if (Double.isNaN(intensity) || Double.isInfinite(intensity)) {
            throw new IllegalArgumentException("a trait intensity must be a number");
        }
        name = name.strip();
        description = description == null ? "" : description.strip();
        if (description.length() > MAX_DESCRIPTION) {
            description = description.substring(0, MAX_DESCRIPTION);
        }
        intensity = Math.max(0.0, Math.min(1.0, intensity));
    }
}
