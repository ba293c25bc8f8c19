package dev.lumen.functions.http;

/** What a handler answers: an HTTP status and a body that {@link Json#MAPPER} can write. */
public record ApiResult(int status, Object body) {

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body);
    }
}
