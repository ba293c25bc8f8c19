package dev.lumen.functions.http;

/** What a handler answers: an HTTP status and a body that {@link Json#MAPPER} can write. */
public record ApiResult(int status, Object body) {

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body);
    }

    /** Taken on, finished later (an upload queued for indexing). */
    public static ApiResult accepted(Object body) {
        return new ApiResult(202, body);
    }

    /** Done, nothing to say (a delete). The body is an empty JSON object so clients can always parse it. */
    public static ApiResult noContent() {
        return new ApiResult(200, java.util.Map.of());
    }
}
