package dev.lumen.local.template;

/** The template cannot be read, or declares something the local runner cannot emulate. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
