package dev.lumen.domain.custody;

/**
 * The difficulty band an agent is tested at, fixed by its level: an agent draws its tests from
 * the tier of its current level, so levelling up means harder questions.
 */
public enum Tier {
    BASIC(1, 9, 10),
    INTERMEDIATE(10, 19, 20),
    ADVANCED(20, 29, 40),
    EXPERT(30, 39, 80),
    MASTER(40, 49, 160),
    LEGENDARY(50, Integer.MAX_VALUE, 320);

    private final int minLevel;
    private final int maxLevel;
    private final int baseXp;

    Tier(int minLevel, int maxLevel, int baseXp) {
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.baseXp = baseXp;
    }

    /** The tier of an agent at {@code level}; levels start at 1. */
    public static Tier forLevel(int level) {
        if (level < 1) {
            throw new IllegalArgumentException("level must be at least 1, was " + level);
        }
        for (Tier tier : values()) {
            if (level <= tier.maxLevel) {
                return tier;
            }
        }
        throw new AssertionError("LEGENDARY is open-ended");
    }

    public int minLevel() {
        return minLevel;
    }

    /** The highest level of the tier; {@link Integer#MAX_VALUE} for the open-ended LEGENDARY. */
    public int maxLevel() {
        return maxLevel;
    }

    /** XP a test of this tier is worth when its data file does not say otherwise. */
    public int baseXp() {
        return baseXp;
    }
}
