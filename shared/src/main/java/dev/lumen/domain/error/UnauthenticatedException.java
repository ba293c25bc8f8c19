package dev.lumen.domain.error;

/** The request carries no usable identity: no token, or one without the claims Lumen needs (HTTP 401). */
public final class UnauthenticatedException extends DomainException {
    public UnauthenticatedException(String message) {
        super("unauthenticated", message);
    }
}
