package dev.lumen.domain.feedback;

/**
 * How satisfied one user is with one persona, from their ratings of its replies: each rated message
 * counts once, with its latest rating (re-rating replaces, it does not add).
 *
 * @param ratings how many of the persona's messages the user rated
 * @param sum     the sum of those ratings (1..5 each)
 */
public record Satisfaction(String personaId, long ratings, long sum) {

    /** The mean rating, 0 when there is none. */
    public double mean() {
        return ratings == 0 ? 0 : (double) sum / ratings;
    }
}
