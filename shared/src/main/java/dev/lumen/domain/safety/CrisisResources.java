package dev.lumen.domain.safety;

import dev.lumen.domain.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Crisis lines shown to a user whose message was assessed {@code HIGH}, per locale. A locale is
 * matched exactly ({@code en-GB}), then by language alone when a language-wide entry exists
 * ({@code fr}), then falls back to the international entry: a UK user must never be given a US
 * number just because both speak English.
 *
 * @param byLocale      lines per BCP-47 tag, keys lower case ({@code en-us})
 * @param international shown where no locale matches (a directory of helplines by country)
 * @param defaultLocale used when a chat request names no locale
 */
public record CrisisResources(Map<String, List<Line>> byLocale, List<Line> international, String defaultLocale) {

    /** One place to turn to: {@code contact} is what to dial or text; {@code url} may be null. */
    public record Line(String name, String contact, String url) {
        public String display() {
            return name + ": " + contact + (url == null || url.isBlank() ? "" : " (" + url + ")");
        }
    }

    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}");

    public CrisisResources {
        Map<String, List<Line>> copy = new LinkedHashMap<>();
        byLocale.forEach((tag, lines) -> copy.put(normalise(tag), List.copyOf(lines)));
        byLocale = Map.copyOf(copy);
        international = List.copyOf(international);
        if (international.isEmpty()) {
            throw new IllegalArgumentException("crisis resources need an international entry");
        }
        defaultLocale = normalise(defaultLocale == null ? "en-US" : defaultLocale);
    }

    /** Sensible defaults: national lines for a few locales, findahelpline.com for everyone else. */
    public static CrisisResources defaults() {
        return defaults("en-US");
    }

    public static CrisisResources defaults(String defaultLocale) {
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        lines.put("en-US", List.of(new Line("988 Suicide & Crisis Lifeline", "call or text 988", "https://988lifeline.org")));
        lines.put("en-CA", List.of(new Line("9-8-8 Suicide Crisis Helpline", "call or text 988", "https://988.ca")));
        lines.put("en-GB", List.of(new Line("Samaritans", "call 116 123 (free, 24/7)", "https://www.samaritans.org"),
                new Line("Shout", "text SHOUT to 85258", "https://giveusashout.org")));
        lines.put("en-IE", List.of(new Line("Samaritans", "call 116 123 (free, 24/7)", "https://www.samaritans.org")));
        lines.put("en-AU", List.of(new Line("Lifeline", "call 13 11 14", "https://www.lifeline.org.au")));
        lines.put("de-DE", List.of(new Line("TelefonSeelsorge", "0800 111 0 111 oder 0800 111 0 222", "https://www.telefonseelsorge.de")));
        lines.put("fr-FR", List.of(new Line("3114 - numéro national de prévention du suicide", "appelez le 3114", "https://3114.fr")));
        return new CrisisResources(lines, List.of(
                new Line("Find a Helpline", "free, confidential helplines in your country", "https://findahelpline.com")),
                defaultLocale);
    }

    /**
     * A caller-supplied locale, checked, or the default when none is given.
     *
     * @throws ValidationException when it is not a BCP-47-like tag
     */
    public String localeOf(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultLocale;
        }
        if (!TAG.matcher(requested.strip()).matches()) {
            throw new ValidationException("invalid_locale", "'locale' must be a language tag such as en-US");
        }
        return normalise(requested.strip());
    }

    /** The lines for a locale: exact, then language-wide, then international. */
    public List<Line> linesFor(String locale) {
        String tag = normalise(locale == null ? defaultLocale : locale);
        List<Line> exact = byLocale.get(tag);
        if (exact != null) {
            return exact;
        }
        int dash = tag.indexOf('-');
        if (dash > 0) {
            List<Line> language = byLocale.get(tag.substring(0, dash));
            if (language != null) {
                return language;
            }
        }
        return international;
    }

    /**
     * Parses an override such as {@code en-US=988 Lifeline|call or text 988|https://988lifeline.org;en-GB=…}
     * ({@code *} names the international entry; several lines for a tag are separated by {@code ^}),
     * merged over the defaults.
     */
    public static CrisisResources parse(String spec, String defaultLocale) {
        CrisisResources base = defaults(defaultLocale);
        if (spec == null || spec.isBlank()) {
            return base;
        }
        Map<String, List<Line>> lines = new LinkedHashMap<>(base.byLocale());
        List<Line> international = base.international();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("crisis resource entry needs tag=name|contact|url: " + entry);
            }
            String tag = entry.substring(0, eq).strip();
            List<Line> parsed = new ArrayList<>();
            for (String line : entry.substring(eq + 1).split("\\^")) {
                String[] parts = line.split("\\|", -1);
                if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
                    throw new IllegalArgumentException("crisis resource line needs name|contact[|url]: " + line);
                }
                parsed.add(new Line(parts[0].strip(), parts[1].strip(), parts.length > 2 ? parts[2].strip() : null));
            }
            if (tag.equals("*")) {
                international = parsed;
            } else {
                lines.put(normalise(tag), parsed);
            }
        }
        return new CrisisResources(lines, international, defaultLocale);
    }

    static String normalise(String tag) {
        return tag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
