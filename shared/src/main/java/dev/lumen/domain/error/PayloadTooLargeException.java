package dev.lumen.domain.error;

/** The request carries more than Lumen accepts (HTTP 413). */
public final class PayloadTooLargeException extends DomainException {
    public PayloadTooLargeException(String code, String message) {
        super(code, message);
    }
}
